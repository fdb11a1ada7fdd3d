using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using ImCsGen.Auth;
using ImCsGen.TencentCloud;

namespace ImCsGen.Fuzz;

/// <summary>
/// Target (d): the credentials that arrive from outside — a UserSig handed to <see cref="UserSig.Decode"/> and
/// <see cref="UserSig.Verify"/> (the emulator checks every call's UserSig this way; a server may check a client's),
/// and a TC3 <c>Authorization</c> header handed to <see cref="Tc3Authorization.TryParse"/> (the emulator's TCCC
/// service). Rules: <c>Decode</c> throws only <see cref="FormatException"/>, whose message never holds the sig;
/// <c>Verify</c> never throws and says <see cref="UserSigCheck.Malformed"/> exactly when <c>Decode</c> refuses; a
/// decoded sig's <c>IssuedAt</c>/<c>ExpiresAt</c>/<c>ToString</c> work and <c>ToString</c> hides the signature; a
/// mutated sig verifies as <see cref="UserSigCheck.Valid"/> only when its signed fields are the original's;
/// <c>TryParse</c> never throws and hides the signature; allocation per input stays bounded (zlib bombs).
/// </summary>
/// <remarks>
/// An input is the credential string as UTF-8 bytes (the replay file's format). UserSig seeds are mutated at three
/// layers: the inflated JSON (structure-aware, then deflated and encoded again), the zlib bytes, and the final
/// string's characters; some inputs are zlib bombs (a few KB that inflate to megabytes).
/// </remarks>
public sealed class AuthTarget : IFuzzTarget
{
    public const long AppId = 1400000001;
    public const string SecretKey = "fuzz-secret-key-0123456789abcdef";
    public const long AllocationBound = 2L << 20;
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private const string UserSigPrefix = "usersig/";
    private const string Tc3Prefix = "tc3/";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_+/= \n";
    private static readonly string[] OddText = { "\u0000", "\u00e9", "\u4e2d", "\ud800", "\udc00", "\ud83d\ude00", "%", "\\", "\"", ",", "=", "/", " ", "TC3-HMAC-SHA256 " };

    private readonly Dictionary<string, UserSigContent> _originals = new(StringComparer.Ordinal);

    public AuthTarget()
    {
        var seeds = new List<FuzzSeed>();
        var identifiers = new (string Name, string Identifier, byte[]? UserBuf)[]
        {
            ("ascii", "user_1", null),
            ("admin", "administrator", null),
            ("chinese", "\u5ba2\u670d-\u5c0f\u5f20", null),
            ("userbuf", "agent@example.com", new byte[] { 0, 1, 2, 250, 251, 252 }),
            ("long", new string('u', 32), Encoding.UTF8.GetBytes("room-1234")),
        };
        foreach (var (name, identifier, userBuf) in identifiers)
        {
            var sig = UserSig.Generate(AppId, SecretKey, identifier, TimeSpan.FromDays(7), Now.AddHours(-1), userBuf);
            seeds.Add(new FuzzSeed(UserSigPrefix + name, Encoding.ASCII.GetBytes(sig)));
            _originals[UserSigPrefix + name] = UserSig.Decode(sig);
        }

        var body = Encoding.UTF8.GetBytes("{\"SdkAppId\":1400000001}");
        var timestamp = Now.ToUnixTimeSeconds();
        seeds.Add(new FuzzSeed(Tc3Prefix + "action", Encoding.UTF8.GetBytes(Tc3Signer.Sign("AKIDfuzz", SecretKey, "ccc", "ccc.tencentcloudapi.com", "application/json; charset=utf-8", timestamp, body, "DescribeTelCdr").Authorization)));
        seeds.Add(new FuzzSeed(Tc3Prefix + "plain", Encoding.UTF8.GetBytes(Tc3Signer.Sign("AKIDfuzz", SecretKey, "ccc", "ccc.tencentcloudapi.com", "application/json", timestamp, body).Authorization)));
        Seeds = seeds;
    }

    public string Name => "auth";

    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>The largest allocation one input caused (bytes).</summary>
    public long MaxAllocationPerInput { get; private set; }

    public byte[] Mutate(FuzzSeed seed, Random random)
    {
        if (seed.Name.StartsWith(Tc3Prefix, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(MutateText(Encoding.UTF8.GetString(seed.Bytes), random, OddText));
        }

        var sig = Encoding.ASCII.GetString(seed.Bytes);
        switch (random.Next(10))
        {
            case < 5:
                // The inflated JSON, mutated like any document, then deflated and encoded as a real sig would be.
                return Encoding.UTF8.GetBytes(Encode(JsonMutator.Mutate(Inflate(sig), random)));
            case < 7:
                var compressed = new List<byte>(Convert.FromBase64String(FromUrlBase64(sig)));
                var at = random.Next(compressed.Count);
                switch (random.Next(3))
                {
                    case 0: compressed[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: compressed.RemoveRange(at, compressed.Count - at); break;
                    default: compressed.Insert(at, (byte)random.Next(256)); break;
                }

                return Encoding.ASCII.GetBytes(ToUrlBase64(Convert.ToBase64String(compressed.ToArray())));
            case < 9:
                return Encoding.UTF8.GetBytes(MutateText(sig, random, OddText));
            default:
                // A zlib bomb: valid JSON whose padding inflates to 0.25-4 MB (Decode's cap is 64 KiB) from a few KB.
                var bomb = new byte[(1 + random.Next(16)) << 18];
                bomb.AsSpan().Fill((byte)' ');
                bomb[0] = (byte)'{';
                "\"TLS.ver\":\"2.0\"}"u8.CopyTo(bomb.AsSpan(bomb.Length - 16));
                return Encoding.UTF8.GetBytes(Encode(bomb));
        }
    }

    public void Run(FuzzSeed seed, byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var before = GC.GetAllocatedBytesForCurrentThread();
        if (seed.Name.StartsWith(Tc3Prefix, StringComparison.Ordinal))
        {
            RunTc3(text);
        }
        else
        {
            RunUserSig(seed, text);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        MaxAllocationPerInput = Math.Max(MaxAllocationPerInput, allocated);
        if (allocated > AllocationBound + (64L * input.Length))
        {
            throw new FuzzFailure("one input allocated " + allocated + " bytes (bound: " + AllocationBound + " + 64 per input byte)");
        }
    }

    private static void RunTc3(string header)
    {
        var parsed = Tc3Authorization.TryParse(header);
        if (parsed is null)
        {
            return;
        }

        if (parsed.SecretId.Length == 0 || parsed.Date is null || parsed.Service is null || parsed.SignedHeaders is null || parsed.Signature is null)
        {
            throw new FuzzFailure("TryParse returned an authorization with an empty SecretId or a null part");
        }

        if (parsed.Signature.Length >= 8 && parsed.ToString().Contains(parsed.Signature, StringComparison.Ordinal))
        {
            throw new FuzzFailure("Tc3Authorization.ToString() shows the signature");
        }
    }

    private void RunUserSig(FuzzSeed seed, string sig)
    {
        UserSigContent? content = null;
        try
        {
            content = UserSig.Decode(sig);
        }
        catch (FormatException e)
        {
            if (sig.Trim().Length >= 8 && e.Message.Contains(sig.Trim(), StringComparison.Ordinal))
            {
                throw new FuzzFailure("UserSig.Decode's FormatException message holds the sig");
            }
        }

        if (content is not null)
        {
            // Whatever Decode accepts must be usable: its dates and its log text (which must hide the signature).
            _ = content.IssuedAt;
            _ = content.ExpiresAt;
            // The identifier and version are shown on purpose; a mutation may have copied the signature into them.
            var described = content.ToString();
            described = content.Identifier.Length == 0 ? described : described.Replace(content.Identifier, string.Empty, StringComparison.Ordinal);
            described = content.Version.Length == 0 ? described : described.Replace(content.Version, string.Empty, StringComparison.Ordinal);
            if (content.Signature.Length >= 8 && described.Contains(content.Signature, StringComparison.Ordinal))
            {
                throw new FuzzFailure("UserSigContent.ToString() shows the signature");
            }
        }

        var original = _originals[seed.Name];
        var check = UserSig.Verify(sig, AppId, SecretKey, original.Identifier, Now);
        if ((check == UserSigCheck.Malformed) != (content is null))
        {
            throw new FuzzFailure("UserSig.Verify said " + check + " but Decode " + (content is null ? "refused" : "accepted") + " the sig");
        }

        if (check == UserSigCheck.Valid
            && (content!.Identifier != original.Identifier || content.SdkAppId != original.SdkAppId || content.Time != original.Time
                || content.Expire != original.Expire || !SameBytes(content.UserBuf, original.UserBuf)))
        {
            throw new FuzzFailure("a sig whose signed fields were changed verified as Valid");
        }
    }

    private static bool SameBytes(byte[]? a, byte[]? b)
        => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    /// <summary>Character damage: truncation, a removed, replaced or inserted character, or a repeated slice.</summary>
    private static string MutateText(string text, Random random, string[] odd)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(6))
        {
            case 0:
                return text.Substring(0, at);
            case 1 when at < text.Length:
                return text.Remove(at, 1);
            case 2 when at < text.Length:
                return text.Remove(at, 1).Insert(at, Base64Alphabet[random.Next(Base64Alphabet.Length)].ToString());
            case 3:
                return text.Insert(at, odd[random.Next(odd.Length)]);
            case 4:
                var length = random.Next(text.Length - at + 1);
                return text.Insert(at, text.Substring(at, length));
            default:
                return text.Insert(at, Base64Alphabet[random.Next(Base64Alphabet.Length)].ToString());
        }
    }

    private static byte[] Inflate(string sig)
    {
        using var input = new MemoryStream(Convert.FromBase64String(FromUrlBase64(sig)));
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    private static string Encode(byte[] json)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(json);
        }

        return ToUrlBase64(Convert.ToBase64String(compressed.ToArray()));
    }

    private static string ToUrlBase64(string base64) => base64.Replace('+', '*').Replace('/', '-').Replace('=', '_');

    private static string FromUrlBase64(string sig) => sig.Replace('*', '+').Replace('-', '/').Replace('_', '=');

    public void Dispose()
    {
    }
}
