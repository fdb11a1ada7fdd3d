using System;
using ImCsGen.Auth;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class UserSigTests
{
    private const long AppId = 1400000000;
    private const string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static readonly DateTimeOffset T1700 = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    // Reference strings produced by Tencent's Python and Node libraries (shared/research/peers.md §3).
    private const string PythonXiaojun = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkKjIT87NK82CSxSnZiQUFmSlAKUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekgG3zKHM1T9D3LzdODi-OKs8vCqpxcAvydnV2SSv2cy03cPcpDnA2SMgu0nUxslWoBHdYzUg__";
    private const string NodeXiaojun = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__";

    [Theory]
    [InlineData("xiaojun", 1600000000L, 15552000L, null, "1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=")]
    [InlineData("xiaojun", 1700000000L, 15552000L, null, "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")]
    [InlineData("administrator", 1700000000L, 86400L, null, "yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=")]
    [InlineData("xiaojun", 1700000000L, 15552000L, "616263", "QjT201xPkXk/aM1e+y0vakZb0K2iPrFue++0s5y6bFM=")]
    [InlineData("xiaojun", 1700000000L, 15552000L, "0000077869616f6a756e53724e000000271066413f00000000ff00000000", "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=")]
    [InlineData("xiaojun", 1700000000L, 15552000L, "010007786961" + "6f6a756e53724e0000000000" + "66413f00000000ff00000000000a31303030303030303430", "uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM=")]
    public void Generated_sig_decodes_to_every_field_and_the_reference_signature(string identifier, long time, long expire, string? userBufHex, string expectedSig)
    {
        var userBuf = userBufHex is null ? null : Convert.FromHexString(userBufHex);
        var sig = UserSig.Generate(AppId, Key, identifier, TimeSpan.FromSeconds(expire), DateTimeOffset.FromUnixTimeSeconds(time), userBuf);

        Assert.Matches("^[A-Za-z0-9*_-]+$", sig);
        var content = UserSig.Decode(sig);
        Assert.Equal("2.0", content.Version);
        Assert.Equal(identifier, content.Identifier);
        Assert.Equal(AppId, content.SdkAppId);
        Assert.Equal(time, content.Time);
        Assert.Equal(expire, content.Expire);
        Assert.Equal(expectedSig, content.Signature);
        Assert.Equal(userBuf, content.UserBuf);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(sig, AppId, Key, identifier, DateTimeOffset.FromUnixTimeSeconds(time + 1)));
    }

    [Fact]
    public void Userbuf_is_signed_as_standard_base64()
    {
        Assert.Equal(
            "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=",
            UserSig.ComputeSignature(Key, "xiaojun", AppId, 1700000000, 15552000, "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"));
    }

    [Theory]
    [InlineData(PythonXiaojun)]
    [InlineData(NodeXiaojun)]
    public void Reference_strings_from_other_implementations_decode_and_verify(string reference)
    {
        var content = UserSig.Decode(reference);

        Assert.Equal("2.0", content.Version);
        Assert.Equal("xiaojun", content.Identifier);
        Assert.Equal(AppId, content.SdkAppId);
        Assert.Equal(1700000000, content.Time);
        Assert.Equal(15552000, content.Expire);
        Assert.Equal("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=", content.Signature);
        Assert.Null(content.UserBuf);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(reference, AppId, Key, "xiaojun", T1700.AddDays(1)));
    }

    [Fact]
    public void Verify_reports_each_failure()
    {
        var sig = UserSig.Generate(AppId, Key, "admin", TimeSpan.FromHours(1), T1700);

        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(sig, AppId, Key, "admin", T1700.AddSeconds(3600)));
        Assert.Equal(UserSigCheck.Expired, UserSig.Verify(sig, AppId, Key, "admin", T1700.AddSeconds(3601)));
        Assert.Equal(UserSigCheck.BadSignature, UserSig.Verify(sig, AppId, Key + "x", "admin", T1700));
        Assert.Equal(UserSigCheck.IdentifierMismatch, UserSig.Verify(sig, AppId, Key, "someone", T1700));
        Assert.Equal(UserSigCheck.SdkAppIdMismatch, UserSig.Verify(sig, AppId + 1, Key, "admin", T1700));
        Assert.Equal(UserSigCheck.Malformed, UserSig.Verify("not a sig!", AppId, Key, "admin", T1700));
        Assert.Equal(UserSigCheck.Malformed, UserSig.Verify(string.Empty, AppId, Key, "admin", T1700));

        // Valid base64, but not zlib.
        Assert.Equal(UserSigCheck.Malformed, UserSig.Verify("aGVsbG8gd29ybGQ_", AppId, Key, "admin", T1700));
    }

    [Fact]
    public void A_tampered_field_breaks_the_signature()
    {
        // Re-sign the same content with another identifier, then swap only the identifier field: the HMAC no longer matches.
        var original = UserSig.Decode(UserSig.Generate(AppId, Key, "alice", TimeSpan.FromDays(1), T1700));
        var forged = UserSig.Generate(AppId, "other-key", "alice", TimeSpan.FromDays(1), T1700);

        Assert.NotEqual(original.Signature, UserSig.Decode(forged).Signature);
        Assert.Equal(UserSigCheck.BadSignature, UserSig.Verify(forged, AppId, Key, "alice", T1700));
    }

    [Fact]
    public void Non_ascii_identifiers_round_trip()
    {
        var sig = UserSig.Generate(AppId, Key, "客服-01", TimeSpan.FromDays(1), T1700);

        Assert.Equal("客服-01", UserSig.Decode(sig).Identifier);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(sig, AppId, Key, "客服-01", T1700));
    }

    [Fact]
    public void Neither_ToString_nor_decode_errors_reveal_the_sig()
    {
        var sig = UserSig.Generate(AppId, Key, "admin", TimeSpan.FromDays(1), T1700);
        var content = UserSig.Decode(sig);

        var text = content.ToString();
        Assert.Contains("admin", text, StringComparison.Ordinal);
        Assert.DoesNotContain(content.Signature, text, StringComparison.Ordinal);
        Assert.DoesNotContain(sig, text, StringComparison.Ordinal);

        // Truncated: the zlib stream ends early, so the JSON inside is cut.
        var broken = sig[..(sig.Length / 8 * 4)];
        var error = Assert.Throws<FormatException>(() => UserSig.Decode(broken));
        Assert.DoesNotContain(broken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UserSig.Generate(0, Key, "a", TimeSpan.FromDays(1), T1700));
        Assert.Throws<ArgumentException>(() => UserSig.Generate(AppId, string.Empty, "a", TimeSpan.FromDays(1), T1700));
        Assert.Throws<ArgumentException>(() => UserSig.Generate(AppId, Key, string.Empty, TimeSpan.FromDays(1), T1700));
        Assert.Throws<ArgumentOutOfRangeException>(() => UserSig.Generate(AppId, Key, "a", TimeSpan.Zero, T1700));
    }
}
