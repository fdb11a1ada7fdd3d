using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImCsGen.Metadata;

namespace ImCsGen.Auth;

/// <summary>
/// Tencent's UserSig v2 (TLSSigAPIv2): HMAC-SHA256 over the <c>TLS.*</c> fields, the fields as JSON,
/// zlib, base64 with <c>+/=</c> replaced by <c>*-_</c>. Pure functions: the clock is a parameter.
/// </summary>
public static class UserSig
{
    // A real sig inflates to a few hundred bytes; refusing more keeps a hostile string from inflating to gigabytes.
    private const int MaxInflatedBytes = 64 * 1024;

    // DateTimeOffset.MaxValue in Unix seconds (9999-12-31T23:59:59Z).
    private const long MaxUnixSeconds = 253402300799;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The sig's base64 contains '+' and '/'; the default encoder would write them as \u002B. Both are valid
        // JSON, but the relaxed encoder keeps the document identical to what Tencent's own libraries produce.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Generates a UserSig for <paramref name="identifier"/> valid for <paramref name="lifetime"/> from
    /// <paramref name="now"/>. <paramref name="userBuf"/> adds <c>TLS.userbuf</c> (TRTC PrivateMapKey).
    /// </summary>
    // [ImField] roles on the parameters let the analyzers check constant keys and lifetimes (IMCS010, IMCS012, IMCS005).
    public static string Generate(
        long sdkAppId,
        [ImField("secretKey", Role = ImFieldRole.SecretKey)] string secretKey,
        [ImField("identifier", Kind = ImValueKind.UserId)] string identifier,
        [ImField("lifetime", Role = ImFieldRole.UserSigLifetime)] TimeSpan lifetime,
        DateTimeOffset now,
        byte[]? userBuf = null)
    {
        if (sdkAppId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sdkAppId), sdkAppId, "The SDKAppID must be positive.");
        }

        if (string.IsNullOrEmpty(secretKey))
        {
            throw new ArgumentException("The secret key must not be empty.", nameof(secretKey));
        }

        if (string.IsNullOrEmpty(identifier))
        {
            throw new ArgumentException("The identifier must not be empty.", nameof(identifier));
        }

        var expire = (long)lifetime.TotalSeconds;
        if (expire <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The lifetime must be at least one second.");
        }

        var time = now.ToUnixTimeSeconds();
        var userBufBase64 = userBuf is null ? null : Convert.ToBase64String(userBuf);
        var signature = ComputeSignature(secretKey, identifier, sdkAppId, time, expire, userBufBase64);

        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            // Same field order as Tencent's C# and Python references; the server parses JSON, so order is not significant.
            writer.WriteStartObject();
            writer.WriteString("TLS.ver", "2.0");
            writer.WriteString("TLS.identifier", identifier);
            writer.WriteNumber("TLS.sdkappid", sdkAppId);
            writer.WriteNumber("TLS.expire", expire);
            writer.WriteNumber("TLS.time", time);
            writer.WriteString("TLS.sig", signature);
            if (userBufBase64 is not null)
            {
                writer.WriteString("TLS.userbuf", userBufBase64);
            }

            writer.WriteEndObject();
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(json.WrittenSpan);
        }

        return ToUrlBase64(Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length));
    }

    /// <summary>
    /// Decodes a UserSig without checking it. Throws <see cref="FormatException"/> (whose message never
    /// contains the sig) when the string is not a UserSig v2.
    /// </summary>
    public static UserSigContent Decode(string userSig)
    {
        if (TryDecode(userSig, out var content, out var problem))
        {
            return content;
        }

        throw new FormatException("Not a valid UserSig v2: " + problem);
    }

    /// <summary>
    /// Checks a UserSig the way Tencent does: fields first (SDKAppID, identifier), then the HMAC under
    /// <paramref name="secretKey"/>, then expiry against <paramref name="now"/>.
    /// </summary>
    public static UserSigCheck Verify(string userSig, long sdkAppId, string secretKey, string expectedIdentifier, DateTimeOffset now)
    {
        if (!TryDecode(userSig, out var content, out _))
        {
            return UserSigCheck.Malformed;
        }

        if (content.SdkAppId != sdkAppId)
        {
            return UserSigCheck.SdkAppIdMismatch;
        }

        if (!string.Equals(content.Identifier, expectedIdentifier, StringComparison.Ordinal))
        {
            return UserSigCheck.IdentifierMismatch;
        }

        if (string.IsNullOrEmpty(secretKey))
        {
            return UserSigCheck.BadSignature;
        }

        var userBufBase64 = content.UserBuf is null ? null : Convert.ToBase64String(content.UserBuf);
        var expected = ComputeSignature(secretKey, content.Identifier, content.SdkAppId, content.Time, content.Expire, userBufBase64);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(content.Signature)))
        {
            return UserSigCheck.BadSignature;
        }

        if (now.ToUnixTimeSeconds() > content.Time + content.Expire)
        {
            return UserSigCheck.Expired;
        }

        return UserSigCheck.Valid;
    }

    /// <summary>
    /// <c>TLS.sig</c>: standard base64 of HMAC-SHA256(secret key, the <c>TLS.*</c> lines). Exposed for
    /// cross-checking with other implementations, whose final strings differ (JSON order, zlib level).
    /// </summary>
    public static string ComputeSignature(string secretKey, string identifier, long sdkAppId, long time, long expire, string? userBufBase64)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(identifier);
        var content = new StringBuilder(160)
            .Append("TLS.identifier:").Append(identifier).Append('\n')
            .Append("TLS.sdkappid:").Append(sdkAppId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("TLS.time:").Append(time.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("TLS.expire:").Append(expire.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (userBufBase64 is not null)
        {
            content.Append("TLS.userbuf:").Append(userBufBase64).Append('\n');
        }

        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(content.ToString()));
        return Convert.ToBase64String(mac);
    }

    private static bool TryDecode(string userSig, out UserSigContent content, out string problem)
    {
        content = null!;
        if (string.IsNullOrWhiteSpace(userSig))
        {
            problem = "the string is empty.";
            return false;
        }

        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(FromUrlBase64(userSig));
        }
        catch (FormatException)
        {
            problem = "it is not base64 in Tencent's alphabet.";
            return false;
        }

        byte[] json;
        try
        {
            json = Inflate(compressed);
        }
        catch (InvalidDataException)
        {
            problem = "it is not a zlib stream.";
            return false;
        }
        catch (IOException)
        {
            // ZLibException (an IOException): e.g. a header asking for a preset dictionary (FDICT, 0x78 0xBB), which
            // a UserSig never uses. The input is an in-memory array, so no other I/O error can occur (fuzz, issue 18).
            problem = "it is not a zlib stream.";
            return false;
        }

        if (json.Length > MaxInflatedBytes)
        {
            problem = "it inflates to more than " + MaxInflatedBytes.ToString(CultureInfo.InvariantCulture) + " bytes.";
            return false;
        }

        try
        {
            return TryReadFields(json, out content, out problem);
        }
        catch (JsonException)
        {
            problem = "its content is not JSON.";
            return false;
        }
        catch (FormatException)
        {
            problem = "TLS.userbuf is not base64.";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString on invalid UTF-8 or a lone surrogate escape (\ud800) in a name or value:
            // a hostile sig, not a bug; Verify must answer Malformed instead of throwing (fuzz, issue 18).
            problem = "its content is not valid UTF-8 text.";
            return false;
        }
    }

    private static bool TryReadFields(byte[] json, out UserSigContent content, out string problem)
    {
        content = null!;
        string? version = null, identifier = null, signature = null, userBuf = null;
        long? sdkAppId = null, time = null, expire = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "its content is not a JSON object.";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "TLS.ver":
                    version = ReadText(ref reader);
                    break;
                case "TLS.identifier":
                    identifier = ReadText(ref reader);
                    break;
                case "TLS.sig":
                    signature = ReadText(ref reader);
                    break;
                case "TLS.userbuf":
                    userBuf = ReadText(ref reader);
                    break;
                case "TLS.sdkappid":
                    sdkAppId = ReadNumber(ref reader);
                    break;
                case "TLS.time":
                    time = ReadNumber(ref reader);
                    break;
                case "TLS.expire":
                    expire = ReadNumber(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var missing = identifier is null ? "TLS.identifier" : sdkAppId is null ? "TLS.sdkappid" : time is null ? "TLS.time"
            : expire is null ? "TLS.expire" : signature is null ? "TLS.sig" : null;
        if (missing is not null)
        {
            problem = missing + " is missing or has the wrong type.";
            return false;
        }

        // IssuedAt/ExpiresAt and Verify's expiry check (Time + Expire) must work on whatever Decode accepts: times
        // outside DateTimeOffset's range (or an overflowing sum) are refused here rather than thrown later (fuzz, issue 18).
        if (time!.Value < 0 || time.Value > MaxUnixSeconds || expire!.Value < 0 || expire.Value > MaxUnixSeconds - time.Value)
        {
            problem = "TLS.time or TLS.expire is out of range.";
            return false;
        }

        content = new UserSigContent(version ?? string.Empty, identifier!, sdkAppId!.Value, time!.Value, expire!.Value, signature!, userBuf is null ? null : Convert.FromBase64String(userBuf));
        problem = string.Empty;
        return true;
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long? ReadNumber(ref Utf8JsonReader reader)
    {
        // Some implementations write numbers as strings; accept both.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        reader.Skip();
        return null;
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new MemoryStream(compressed, writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxInflatedBytes)
            {
                break;
            }
        }

        return output.ToArray();
    }

    private static string ToUrlBase64(string base64)
        => base64.Replace('+', '*').Replace('/', '-').Replace('=', '_');

    private static string FromUrlBase64(string userSig)
    {
        var builder = new StringBuilder(userSig.Length);
        foreach (var c in userSig)
        {
            switch (c)
            {
                case '*':
                    builder.Append('+');
                    break;
                case '-':
                    builder.Append('/');
                    break;
                case '_':
                    builder.Append('=');
                    break;
                case ' ' or '\r' or '\n' or '\t':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
