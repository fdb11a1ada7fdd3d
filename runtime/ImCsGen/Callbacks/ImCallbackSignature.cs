using System;
using System.Security.Cryptography;
using System.Text;

namespace ImCsGen.Callbacks;

/// <summary>
/// Tencent's callback signature. With a callback token configured, Tencent appends <c>Sign</c> and
/// <c>RequestTime</c> to the callback URL, where <c>Sign</c> = lowercase hex SHA-256 of the UTF-8 string
/// token + RequestTime (plain concatenation). Source: "配置回调鉴权" on
/// https://cloud.tencent.com/document/product/269/32431 (page of 2025-07-09), whose example is
/// token <c>xxxxyyyy</c>, RequestTime <c>1669872112</c> → <c>17773bc3…484061</c> (a unit test pins it).
/// </summary>
public static class ImCallbackSignature
{
    /// <summary>Computes <c>Sign</c> for a token and a RequestTime (used by the emulator and tests).</summary>
    public static string Compute(string token, string requestTime)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(requestTime);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token + requestTime), hash);
        // Convert.ToHexStringLower is net9+; the package also targets net8.0.
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>
    /// Whether <paramref name="sign"/> is the signature of <paramref name="requestTime"/> under
    /// <paramref name="token"/>. Compares in constant time (the hex text, case-insensitively normalised
    /// first), so response timing does not reveal how much of a forged signature was right.
    /// </summary>
    public static bool Matches(string token, string requestTime, string? sign)
    {
        if (sign is null || sign.Length != 64)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(token, requestTime));
        var actual = Encoding.ASCII.GetBytes(sign.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
