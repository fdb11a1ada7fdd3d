namespace ImCsGen.Auth;

/// <summary>
/// The result of <see cref="UserSig.Verify"/>. The emulator maps these to Tencent's codes:
/// <see cref="Expired"/> 70001, <see cref="Malformed"/> 70003, <see cref="BadSignature"/> 70009,
/// <see cref="IdentifierMismatch"/> 70013, <see cref="SdkAppIdMismatch"/> 70014.
/// </summary>
public enum UserSigCheck
{
    /// <summary>The signature matches, the fields match and the sig has not expired.</summary>
    Valid = 0,

    /// <summary>The sig is authentic but <c>now &gt; TLS.time + TLS.expire</c>.</summary>
    Expired = 1,

    /// <summary><c>TLS.sig</c> is not the HMAC of the fields under the given secret key.</summary>
    BadSignature = 2,

    /// <summary><c>TLS.identifier</c> is not the expected identifier.</summary>
    IdentifierMismatch = 3,

    /// <summary><c>TLS.sdkappid</c> is not the expected SDKAppID.</summary>
    SdkAppIdMismatch = 4,

    /// <summary>The string is not a UserSig v2 (bad base64, bad zlib, bad JSON or missing fields).</summary>
    Malformed = 5,
}
