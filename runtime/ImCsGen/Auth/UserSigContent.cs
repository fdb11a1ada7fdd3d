using System;
using System.Globalization;

namespace ImCsGen.Auth;

/// <summary>The fields of a decoded UserSig v2 (<c>TLS.*</c>).</summary>
public sealed class UserSigContent
{
    /// <summary>Creates the content.</summary>
    public UserSigContent(string version, string identifier, long sdkAppId, long time, long expire, string signature, byte[]? userBuf)
    {
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Identifier = identifier ?? throw new ArgumentNullException(nameof(identifier));
        SdkAppId = sdkAppId;
        Time = time;
        Expire = expire;
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        UserBuf = userBuf;
    }

    /// <summary><c>TLS.ver</c>, <c>"2.0"</c>.</summary>
    public string Version { get; }

    /// <summary><c>TLS.identifier</c>.</summary>
    public string Identifier { get; }

    /// <summary><c>TLS.sdkappid</c>.</summary>
    public long SdkAppId { get; }

    /// <summary><c>TLS.time</c>: issue time in Unix seconds.</summary>
    public long Time { get; }

    /// <summary><c>TLS.expire</c>: validity in seconds, relative to <see cref="Time"/>.</summary>
    public long Expire { get; }

    /// <summary><c>TLS.sig</c>: standard base64 of the HMAC-SHA256. Secret material: never log it.</summary>
    public string Signature { get; }

    /// <summary><c>TLS.userbuf</c> decoded from base64, or null when the sig has none.</summary>
    public byte[]? UserBuf { get; }

    /// <summary>When the sig was issued.</summary>
    public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds(Time);

    /// <summary>When the sig stops being valid (<c>TLS.time + TLS.expire</c>).</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Time + Expire);

    /// <summary>Describes the sig without its signature, so it can be logged.</summary>
    public override string ToString()
        => "UserSig v" + Version + " for '" + Identifier + "' (SDKAppID " + SdkAppId.ToString(CultureInfo.InvariantCulture)
           + ", issued " + Time.ToString(CultureInfo.InvariantCulture) + ", valid " + Expire.ToString(CultureInfo.InvariantCulture) + " s"
           + (UserBuf is null ? string.Empty : ", with userbuf") + ")";
}
