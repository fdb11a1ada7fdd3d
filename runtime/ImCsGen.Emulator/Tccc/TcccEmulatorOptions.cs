using System;
using System.Collections.Generic;
using System.Globalization;

namespace ImCsGen.Emulator.Tccc;

/// <summary>
/// How the emulated TCCC (Tencent Cloud Contact Center, cloud API <c>ccc</c>) side is set up: the API key it
/// accepts (TC3-HMAC-SHA256 is verified with it), optional temporary keys with their token, the TCCC
/// application id and the seats bought. <see cref="ToString"/> never shows a key or a token.
/// </summary>
public sealed class TcccEmulatorOptions
{
    /// <summary>The SecretId the emulator accepts.</summary>
    public string SecretId { get; set; } = "AKIDimcsgenEmulatorTccc000000000000";

    /// <summary>The SecretKey requests must be signed with. Never printed.</summary>
    public string SecretKey { get; set; } = "imcsgen-emulator-tccc-secret-key-0123456789";

    /// <summary>Temporary (STS) credentials also accepted; each must arrive with its <c>X-TC-Token</c>.</summary>
    public IList<TcccTemporaryKey> TemporaryKeys { get; } = new List<TcccTemporaryKey>();

    /// <summary>The TCCC application id (SdkAppId); null = the IM App's SDKAppID (TCCC's online channel is bound to an IM App).</summary>
    public long? SdkAppId { get; set; }

    /// <summary>Seats bought (DescribeCCCBuyInfoList's StaffBuyNum); CreateStaff beyond it fails with LimitExceeded.</summary>
    public int Seats { get; set; } = 50;

    /// <inheritdoc />
    public override string ToString()
        => "SecretId=" + SecretId + ", SecretKey=***, TemporaryKeys=" + TemporaryKeys.Count.ToString(CultureInfo.InvariantCulture) + ", Seats=" + Seats.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A temporary key pair and its session token (sent as <c>X-TC-Token</c>).</summary>
/// <param name="SecretId">The temporary SecretId.</param>
/// <param name="SecretKey">The temporary SecretKey.</param>
/// <param name="Token">The session token.</param>
public sealed record TcccTemporaryKey(string SecretId, string SecretKey, string Token)
{
    /// <inheritdoc />
    public override string ToString() => "TcccTemporaryKey(" + SecretId + ", key and token not shown)";
}
