using System;
using System.Collections.Generic;

namespace ImCsGen.Callbacks;

/// <summary>How incoming callbacks are authenticated. Never logged: <see cref="ToString"/> hides the tokens.</summary>
public sealed class ImCallbackVerificationOptions
{
    /// <summary>Our SDKAppID; a callback whose <c>SdkAppid</c> differs is refused (Tencent's pages ask the app to check it).</summary>
    public long SdkAppId { get; set; }

    /// <summary>
    /// The callback token(s) set in the IM console (or with live_config/set_callback_token). Two during a
    /// change: add the new one, switch the console, then remove the old one; either one verifies.
    /// </summary>
    public IList<string> Tokens { get; } = new List<string>();

    /// <summary>
    /// Accept callbacks without <c>Sign</c> when no token is configured. Off by default: a deployment that
    /// forgot its token should fail loudly, not accept forged callbacks.
    /// </summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>
    /// Largest accepted difference between <c>RequestTime</c> and now, either way. Tencent: "RequestTime 和当前时间相差超过1分钟即可认为是无效请求"
    /// (https://cloud.tencent.com/document/product/269/32431), hence 60 s by default.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks the options; throws naming the option and the rule.</summary>
    public void Validate()
    {
        if (SdkAppId <= 0)
        {
            throw new InvalidOperationException("SdkAppId: set our SDKAppID (a positive number); callbacks for other apps are refused.");
        }

        if (Tokens.Count == 0 && !AllowUnsigned)
        {
            throw new InvalidOperationException("Tokens: add the callback token configured in the IM console, or set AllowUnsigned = true to accept unsigned callbacks (not recommended).");
        }

        if (Tokens.Count > 2)
        {
            throw new InvalidOperationException("Tokens: at most two tokens (the current one and, during a rotation, the next).");
        }

        foreach (var token in Tokens)
        {
            if (string.IsNullOrEmpty(token) || token.Length > 128)
            {
                throw new InvalidOperationException("Tokens: a callback token is 1 to 128 characters (set_callback_token).");
            }
        }

        if (MaxClockSkew <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("MaxClockSkew: must be positive (Tencent's rule is 60 s).");
        }
    }

    /// <inheritdoc />
    public override string ToString() => "ImCallbackVerificationOptions { SdkAppId = " + SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", Tokens = [" + Tokens.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " redacted] }";
}
