using System;
using System.Globalization;

namespace ImCsGen.Callbacks;

/// <summary>Why a callback was refused before its body was read.</summary>
public enum ImCallbackRejection
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary><c>SdkAppid</c> is missing or not ours (HTTP 403).</summary>
    ForeignSdkAppId,

    /// <summary><c>Sign</c> or <c>RequestTime</c> is missing while a token is configured (HTTP 401).</summary>
    MissingSignature,

    /// <summary><c>Sign</c> matches none of the configured tokens (HTTP 401).</summary>
    BadSignature,

    /// <summary><c>RequestTime</c> is not a number or is further from now than the allowed skew: a replay or a wrong clock (HTTP 401).</summary>
    StaleRequestTime,
}

/// <summary>The outcome of <see cref="ImCallbackVerifier.Verify"/>.</summary>
/// <param name="Rejection">Why it was refused, or <see cref="ImCallbackRejection.None"/>.</param>
/// <param name="Detail">A log-safe explanation (never contains a token or the expected signature).</param>
/// <param name="TokenIndex">Which configured token verified it (0 or 1), or -1.</param>
public readonly record struct ImCallbackVerification(ImCallbackRejection Rejection, string Detail, int TokenIndex)
{
    /// <summary>Whether the callback may be processed.</summary>
    public bool IsAccepted => Rejection == ImCallbackRejection.None;

    /// <summary>The HTTP status to answer a refusal with.</summary>
    public int StatusCode => Rejection switch
    {
        ImCallbackRejection.None => 200,
        ImCallbackRejection.ForeignSdkAppId => 403,
        _ => 401,
    };
}

/// <summary>
/// Checks a callback's query string the way Tencent's pages ask: our <c>SdkAppid</c>, then <c>Sign</c>
/// against each configured token (rotation), then the freshness of <c>RequestTime</c> (replay).
/// </summary>
public sealed class ImCallbackVerifier
{
    private readonly ImCallbackVerificationOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier; the options are validated once here.</summary>
    public ImCallbackVerifier(ImCallbackVerificationOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Verifies the query parameters <c>SdkAppid</c>, <c>RequestTime</c> and <c>Sign</c>.</summary>
    public ImCallbackVerification Verify(string? sdkAppId, string? requestTime, string? sign)
    {
        if (!long.TryParse(sdkAppId, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) || appId != _options.SdkAppId)
        {
            return new(ImCallbackRejection.ForeignSdkAppId, "SdkAppid '" + Truncate(sdkAppId) + "' is not this app's", -1);
        }

        if (_options.Tokens.Count == 0)
        {
            // Only reachable with AllowUnsigned (Validate refuses otherwise).
            return new(ImCallbackRejection.None, "unsigned callbacks allowed", -1);
        }

        if (string.IsNullOrEmpty(sign) || string.IsNullOrEmpty(requestTime))
        {
            return new(ImCallbackRejection.MissingSignature, "Sign or RequestTime is missing from the query string", -1);
        }

        var matched = -1;
        for (var i = 0; i < _options.Tokens.Count; i++)
        {
            // Check every token (no early exit), so timing does not tell which one matched.
            if (ImCallbackSignature.Matches(_options.Tokens[i], requestTime, sign) && matched < 0)
            {
                matched = i;
            }
        }

        if (matched < 0)
        {
            return new(ImCallbackRejection.BadSignature, "Sign does not match any configured token", -1);
        }

        if (!long.TryParse(requestTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new(ImCallbackRejection.StaleRequestTime, "RequestTime is not Unix seconds", -1);
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)_options.MaxClockSkew.TotalSeconds)
        {
            return new(ImCallbackRejection.StaleRequestTime, "RequestTime " + seconds.ToString(CultureInfo.InvariantCulture) + " is " + (now - seconds).ToString(CultureInfo.InvariantCulture) + " s from now (allowed: " + ((long)_options.MaxClockSkew.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s)", -1);
        }

        return new(ImCallbackRejection.None, "verified", matched);
    }

    private static string Truncate(string? value) => value is null ? "(missing)" : value.Length <= 20 ? value : value.Substring(0, 20) + "…";
}
