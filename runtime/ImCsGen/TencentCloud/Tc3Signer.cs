using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImCsGen.TencentCloud;

/// <summary>What goes into one TC3-HMAC-SHA256 signature, and what comes out (each step kept for tests and for the emulator).</summary>
/// <param name="CanonicalRequest">Step 1: method, URI, query, canonical headers, signed headers and the payload hash, joined by '\n'.</param>
/// <param name="HashedRequestPayload">Lowercase hex SHA-256 of the body.</param>
/// <param name="StringToSign">Step 2: algorithm, timestamp, credential scope and the canonical request's hash.</param>
/// <param name="CredentialScope"><c>{UTC date}/{service}/tc3_request</c>.</param>
/// <param name="SignedHeaders">The lowercase header names signed, joined by ';'.</param>
/// <param name="Signature">Step 3: lowercase hex HMAC of the string to sign under the derived key.</param>
/// <param name="Authorization">Step 4: the <c>Authorization</c> header value.</param>
public sealed record Tc3Signature(
    string CanonicalRequest,
    string HashedRequestPayload,
    string StringToSign,
    string CredentialScope,
    string SignedHeaders,
    string Signature,
    string Authorization)
{
    /// <summary>Lowercase hex SHA-256 of <see cref="CanonicalRequest"/>.</summary>
    public string HashedCanonicalRequest => Tc3Signer.HexSha256(Encoding.UTF8.GetBytes(CanonicalRequest));

    /// <inheritdoc />
    public override string ToString() => Authorization;
}

/// <summary>
/// TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature (signature method v3,
/// https://cloud.tencent.com/document/api/679/... "签名方法 v3"). POST with a JSON body: the canonical
/// request signs <c>content-type</c> and <c>host</c> (and <c>x-tc-action</c> when asked), the body's SHA-256,
/// and the date of the timestamp in UTC. The secret key only ever enters the HMAC chain: it is never
/// returned, logged or put into a message.
/// </summary>
public static class Tc3Signer
{
    /// <summary>The algorithm name, first word of the Authorization header.</summary>
    public const string Algorithm = "TC3-HMAC-SHA256";

    /// <summary>The last element of the credential scope.</summary>
    public const string TerminationString = "tc3_request";

    /// <summary>
    /// How far X-TC-Timestamp may be from Tencent's clock before a call fails with <c>AuthFailure.SignatureExpire</c>
    /// ("Timestamp 和服务器时间相差不得超过五分钟", common error codes, https://cloud.tencent.com/document/api/1553/75174).
    /// The transport signs each attempt anew because of it; the emulator enforces it from here.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Signs a POST to <c>/</c> with an empty query, the way the API 3.0 SDKs send JSON calls.</summary>
    /// <param name="secretId">The SecretId named in the Authorization header.</param>
    /// <param name="secretKey">The SecretKey; enters only the HMAC chain.</param>
    /// <param name="service">The service (first label of the host, e.g. <c>ccc</c>).</param>
    /// <param name="host">The Host header value.</param>
    /// <param name="contentType">The Content-Type exactly as sent (charset included).</param>
    /// <param name="timestamp">X-TC-Timestamp, Unix seconds; its UTC date is the scope's date.</param>
    /// <param name="payload">The exact body bytes sent.</param>
    /// <param name="action">When set, <c>x-tc-action</c> is signed too (its value lowercased, as newer doc revisions show).</param>
    public static Tc3Signature Sign(string secretId, string secretKey, string service, string host, string contentType, long timestamp, ReadOnlySpan<byte> payload, string? action = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(contentType);

        var hashedPayload = HexSha256(payload);
        var canonicalHeaders = new StringBuilder()
            .Append("content-type:").Append(contentType.Trim().ToLowerInvariant()).Append('\n')
            .Append("host:").Append(host.Trim().ToLowerInvariant()).Append('\n');
        var signedHeaders = "content-type;host";
        if (action is not null)
        {
            canonicalHeaders.Append("x-tc-action:").Append(action.Trim().ToLowerInvariant()).Append('\n');
            signedHeaders += ";x-tc-action";
        }

        // Canonical headers end in '\n' themselves, and the separator adds another: the blank line is intended.
        var canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + hashedPayload;
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scope = date + "/" + service + "/" + TerminationString;
        var stringToSign = Algorithm + "\n" + timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + scope + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

        var signature = Convert.ToHexString(SigningKeyHmac(secretKey, date, service, Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();
        var authorization = Algorithm + " Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        return new Tc3Signature(canonicalRequest, hashedPayload, stringToSign, scope, signedHeaders, signature, authorization);
    }

    /// <summary>Lowercase hex SHA-256.</summary>
    public static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    private static byte[] SigningKeyHmac(string secretKey, string date, string service, byte[] stringToSign)
    {
        var secretDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        var secretService = HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes(service));
        var secretSigning = HMACSHA256.HashData(secretService, Encoding.UTF8.GetBytes(TerminationString));
        return HMACSHA256.HashData(secretSigning, stringToSign);
    }
}

/// <summary>The parts of a TC3 <c>Authorization</c> header (the emulator reads them to verify a call).</summary>
/// <param name="SecretId">The credential's SecretId.</param>
/// <param name="Date">The scope's date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Service">The scope's service.</param>
/// <param name="SignedHeaders">The signed header names, as sent.</param>
/// <param name="Signature">The hex signature.</param>
public sealed record Tc3Authorization(string SecretId, string Date, string Service, string SignedHeaders, string Signature)
{
    /// <summary>Parses <c>TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=..., Signature=...</c>; null when malformed.</summary>
    public static Tc3Authorization? TryParse(string? header)
    {
        if (header is null || !header.StartsWith(Tc3Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header.Substring(Tc3Signer.Algorithm.Length + 1).Split(','))
        {
            var trimmed = part.Trim();
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            var value = trimmed.Substring(eq + 1);
            switch (trimmed.Substring(0, eq))
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
                default: return null;
            }
        }

        var scope = credential?.Split('/');
        if (scope is not { Length: 4 } || scope[3] != Tc3Signer.TerminationString || signedHeaders is null || signature is null || scope[0].Length == 0)
        {
            return null;
        }

        return new Tc3Authorization(scope[0], scope[1], scope[2], signedHeaders, signature);
    }

    /// <inheritdoc />
    public override string ToString() => "TC3 credential " + SecretId + "/" + Date + "/" + Service + " (signature not shown)";
}
