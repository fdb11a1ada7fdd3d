using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using ImCsGen.Auth;
using ImCsGen.Fuzz;
using Xunit;

namespace ImCsGen.Fuzz.Tests;

/// <summary>
/// UserSigs the fuzzer (target "auth", seed 1, inputs #265, #422, #450, #665, #56964) found making
/// <see cref="UserSig.Verify"/> throw instead of answering <see cref="UserSigCheck.Malformed"/> (the emulator
/// answered such a call with a 500), or <see cref="UserSig.Decode"/> accept a sig whose dates then threw.
/// </summary>
public class AuthRegressionTests
{
    private const string Identifier = "user_1";
    private static readonly DateTimeOffset Now = AuthTarget.Now;

    [Theory]
    [InlineData("\"TLS.identifier\":\"\\ud800\"")]          // lone high surrogate escape (#450)
    [InlineData("\"TLS.identifier\":\"a\\udc00\"")]         // lone low surrogate escape (#665)
    [InlineData("\"\\ud800\":1,\"TLS.identifier\":\"user_1\"")] // in a property name
    public void A_lone_surrogate_in_the_sig_json_is_Malformed_not_an_exception(string member)
        => AssertMalformed(Sig("{" + member + ",\"TLS.sdkappid\":1400000001,\"TLS.time\":1796079600,\"TLS.expire\":604800,\"TLS.sig\":\"AAAAAAAAAAAA\"}"));

    [Fact]
    public void Invalid_utf8_in_the_sig_json_is_Malformed_not_an_exception()
    {
        // #265: an overlong encoding (0xC0 0x80) inside the identifier.
        var json = Encoding.UTF8.GetBytes("{\"TLS.identifier\":\"user_1\",\"TLS.sdkappid\":1400000001,\"TLS.time\":1796079600,\"TLS.expire\":604800,\"TLS.sig\":\"AAAAAAAAAAAA\"}");
        var at = Array.IndexOf(json, (byte)'u');
        var bad = new byte[json.Length + 2];
        json.AsSpan(0, at).CopyTo(bad);
        bad[at] = 0xC0;
        bad[at + 1] = 0x80;
        json.AsSpan(at).CopyTo(bad.AsSpan(at + 2));
        AssertMalformed(Sig(bad));
    }

    [Theory]
    [InlineData("9223372036854775807", "604800")]    // #422: TLS.time beyond DateTimeOffset (IssuedAt threw)
    [InlineData("-1", "604800")]                     // before 1970
    [InlineData("1796079600", "9223372036854775807")] // Time + Expire overflowed
    [InlineData("1796079600", "-5")]                 // a negative lifetime
    [InlineData("253402300799", "1")]                // expires after 9999-12-31
    public void Times_out_of_range_are_Malformed_so_the_dates_of_a_decoded_sig_never_throw(string time, string expire)
        => AssertMalformed(Sig("{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"user_1\",\"TLS.sdkappid\":1400000001,\"TLS.time\":" + time + ",\"TLS.expire\":" + expire + ",\"TLS.sig\":\"AAAAAAAAAAAA\"}"));

    [Fact]
    public void A_zlib_header_asking_for_a_preset_dictionary_is_Malformed_not_a_ZLibException()
    {
        // #56964 of the long run: the sig's zlib header has FDICT set (0x78 0xBB); the inflater threw ZLibException.
        const string Sig = "eLucq1YK8QnWK0stUrJSMtIzUNIB8zNTUvNKMtMywcKlxalF8YZQmeKU7MSCgswUJStDEwMIMITIpFYUZBalKlmZGZhYGBhAxEoyc1OVrAzNLc0MQBgqWpyZrmSlFBmZaOIdluQTVuZtFJHnbuGhH2Xo5e3nEhFRWBzmGhgamW-sEZaa4xLk52mrVAsA6z8wlA__";
        Assert.Equal(0xBB, Convert.FromBase64String(Sig.Replace('-', '/').Replace('_', '='))[1]);
        AssertMalformed(Sig);
    }

    [Fact]
    public void A_genuine_sig_still_verifies_and_its_dates_read()
    {
        var sig = UserSig.Generate(AuthTarget.AppId, AuthTarget.SecretKey, Identifier, TimeSpan.FromDays(7), Now.AddHours(-1));
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(sig, AuthTarget.AppId, AuthTarget.SecretKey, Identifier, Now));
        var content = UserSig.Decode(sig);
        Assert.Equal(Now.AddHours(-1), content.IssuedAt);
        Assert.Equal(Now.AddHours(-1).AddDays(7), content.ExpiresAt);
    }

    private static void AssertMalformed(string sig)
    {
        Assert.Equal(UserSigCheck.Malformed, UserSig.Verify(sig, AuthTarget.AppId, AuthTarget.SecretKey, Identifier, Now));
        var error = Assert.Throws<FormatException>(() => UserSig.Decode(sig));
        Assert.StartsWith("Not a valid UserSig v2: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sig, error.Message, StringComparison.Ordinal);
    }

    private static string Sig(string json) => Sig(Encoding.UTF8.GetBytes(json));

    private static string Sig(byte[] json)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(json);
        }

        return Convert.ToBase64String(compressed.ToArray()).Replace('+', '*').Replace('/', '-').Replace('=', '_');
    }
}
