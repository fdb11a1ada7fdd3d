using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImCsGen.Auth;
using Xunit;

namespace ImCsGen.Runtime.Tests.CrossChecks;

/// <summary>
/// Our UserSig against Tencent's own Node library (npm tls-sig-api-v2): a sig made by theirs must verify with
/// ours, and ours, made from the same inputs at the same second, must carry the same fields and TLS.sig.
/// </summary>
public class TlsSigNodeCrossCheckTests
{
    private const long AppId = 1400000000;
    private const string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    // One node process makes every sig the tests need (node's start-up dominates the cost). genUserSig stamps
    // TLS.time with the current second; the tests read it back from the decoded sig. genPrivateMapKey puts a
    // TRTC privilege buffer into TLS.userbuf, which enters the HMAC too.
    private const string Script = """
        const { Api } = require("tls-sig-api-v2");
        const cases = JSON.parse(process.argv[2]);
        process.stdout.write(JSON.stringify(cases.map(c => c.roomId === undefined
          ? new Api(c.sdkAppId, c.key).genUserSig(c.userId, c.expire)
          : new Api(c.sdkAppId, c.key).genPrivateMapKey(c.userId, c.expire, c.roomId, c.privileges))));
        """;

    private static readonly (string Identifier, long Expire)[] UserSigCases = [("xiaojun", 15552000L), ("administrator", 86400L), ("cust_1@example.com", 300L)];
    private static readonly Lazy<NodeSigs> Node = new(MakeNodeSigs);

    public static TheoryData<string, long> UserSigInputs()
    {
        var data = new TheoryData<string, long>();
        foreach (var (identifier, expire) in UserSigCases)
        {
            data.Add(identifier, expire);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UserSigInputs))]
    public void Node_generated_sig_verifies_with_ours_and_ours_matches_it_field_for_field(string identifier, long expire)
    {
        var node = Node.Value;
        var nodeSig = node.UserSigs[Array.IndexOf(UserSigCases, (identifier, expire))];

        // Theirs, read by ours.
        var content = UserSig.Decode(nodeSig);
        Assert.Equal((identifier, AppId, expire, "2.0"), (content.Identifier, content.SdkAppId, content.Expire, content.Version));
        Assert.InRange(content.Time, node.Before, node.After);
        Assert.Null(content.UserBuf);
        var issued = DateTimeOffset.FromUnixTimeSeconds(content.Time);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(nodeSig, AppId, Key, identifier, issued.AddSeconds(1)));
        Assert.Equal(UserSigCheck.BadSignature, UserSig.Verify(nodeSig, AppId, Key.Replace('5', '6'), identifier, issued));
        Assert.Equal(UserSigCheck.Expired, UserSig.Verify(nodeSig, AppId, Key, identifier, issued.AddSeconds(expire + 1)));

        // Ours, made at the same second: the same document after base64url + zlib, TLS.sig included. The strings
        // themselves may differ (field order, zlib level), which Tencent's server does not care about.
        var ours = UserSig.Generate(AppId, Key, identifier, TimeSpan.FromSeconds(expire), issued);
        var nodeFields = Fields(nodeSig);
        Assert.Equal(nodeFields, Fields(ours));
        Assert.Equal(["TLS.expire", "TLS.identifier", "TLS.sdkappid", "TLS.sig", "TLS.time", "TLS.ver"], nodeFields.Keys);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(ours, AppId, Key, identifier, issued));
    }

    [Fact]
    public void Node_private_map_key_with_userbuf_verifies_with_ours_and_ours_signs_the_same_userbuf_alike()
    {
        var nodeKey = Node.Value.PrivateMapKey;

        var content = UserSig.Decode(nodeKey);
        Assert.NotNull(content.UserBuf);
        var issued = DateTimeOffset.FromUnixTimeSeconds(content.Time);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(nodeKey, AppId, Key, "xiaojun", issued));

        var ours = UserSig.Generate(AppId, Key, "xiaojun", TimeSpan.FromSeconds(86400), issued, content.UserBuf);
        var nodeFields = Fields(nodeKey);
        Assert.Contains("TLS.userbuf", nodeFields.Keys);
        Assert.Equal(nodeFields, Fields(ours));
    }

    private static NodeSigs MakeNodeSigs()
    {
        var input = new JsonArray();
        foreach (var (identifier, expire) in UserSigCases)
        {
            input.Add(new JsonObject { ["sdkAppId"] = AppId, ["key"] = Key, ["userId"] = identifier, ["expire"] = expire });
        }

        input.Add(new JsonObject { ["sdkAppId"] = AppId, ["key"] = Key, ["userId"] = "xiaojun", ["expire"] = 86400, ["roomId"] = 10000, ["privileges"] = 255 });
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var sigs = NodeReference.RunForStrings(Script, input);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(UserSigCases.Length + 1, sigs.Length);
        return new NodeSigs(sigs[..UserSigCases.Length], sigs[^1], before, after);
    }

    private sealed record NodeSigs(string[] UserSigs, string PrivateMapKey, long Before, long After);

    /// <summary>Decodes a sig independently of <see cref="UserSig"/>: Tencent's base64url, zlib, JSON.</summary>
    private static SortedDictionary<string, string> Fields(string sig)
    {
        var base64 = sig.Replace('*', '+').Replace('-', '/').Replace('_', '=');
        using var inflater = new ZLibStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var json = new MemoryStream();
        inflater.CopyTo(json);
        using var document = JsonDocument.Parse(json.ToArray());
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            // Kind and text together: a number written as a string would be a real difference.
            fields.Add(property.Name, property.Value.ValueKind + ":" + property.Value.ToString());
        }

        return fields;
    }
}
