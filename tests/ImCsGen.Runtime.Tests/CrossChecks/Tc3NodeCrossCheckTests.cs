using System;
using System.Text;
using System.Text.Json.Nodes;
using ImCsGen.TencentCloud;
using Xunit;

namespace ImCsGen.Runtime.Tests.CrossChecks;

/// <summary>
/// Our TC3-HMAC-SHA256 signer against the one inside Tencent's Node SDK (npm tencentcloud-sdk-nodejs-common,
/// <c>tencentcloud/common/sign.js</c>, <c>Sign.sign3</c>, which its HTTP connection calls for every JSON POST).
/// Both sign the same bytes; the Authorization headers must be identical.
/// </summary>
public class Tc3NodeCrossCheckTests
{
    // One node process signs every case. The payload goes in as base64 so Node hashes exactly the bytes we hash
    // (sign3 hashes a Buffer as is).
    private const string Script = """
        const Sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign").default;
        const cases = JSON.parse(process.argv[2]);
        process.stdout.write(JSON.stringify(cases.map(c => Sign.sign3({
          method: "POST",
          url: "https://" + c.host + "/",
          payload: Buffer.from(c.payload, "base64"),
          timestamp: c.timestamp,
          service: c.service,
          secretId: c.secretId,
          secretKey: c.secretKey,
          multipart: false,
          boundary: "",
          headers: { "Content-Type": c.contentType },
        }))));
        """;

    private static readonly Tc3Case[] Cases =
    [
        // Tencent's documented example credentials with a TCCC action's body.
        new("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1551113065,
            """{"SdkAppId":1400000000,"StartTimestamp":1603877878,"EndTimestamp":1603877879}"""),

        // One second before midnight UTC (the scope's date is the timestamp's UTC date), Chinese text, a charset.
        new("AKIDtest", "secret-key-2", "ccc", "ccc.tencentcloudapi.com", "application/json; charset=utf-8", 1764719999,
            """{"SdkAppId":1400000000,"Staffs":[{"Name":"小王","Mail":"wang@example.com","StaffNumber":"001"}]}"""),

        // An empty JSON object, as actions without parameters send, for another service and host.
        new("AKIDother", "k", "cvm", "cvm.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000, "{}"),

        // The control pair below: bodies one byte apart.
        new("AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000, """{"SdkAppId":1400000000}"""),
        new("AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000, """{"SdkAppId":1400000001}"""),
    ];

    private static readonly Lazy<string[]> Node = new(() =>
    {
        var input = new JsonArray();
        foreach (var c in Cases)
        {
            input.Add(new JsonObject
            {
                ["secretId"] = c.SecretId, ["secretKey"] = c.SecretKey, ["service"] = c.Service, ["host"] = c.Host,
                ["contentType"] = c.ContentType, ["timestamp"] = c.Timestamp, ["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Body)),
            });
        }

        var headers = NodeReference.RunForStrings(Script, input);
        Assert.Equal(Cases.Length, headers.Length);
        return headers;
    });

    public static TheoryData<int> CaseIndexes() => new(0, 1, 2, 3, 4);

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Authorization_header_matches_the_Node_SDK_signer(int index)
    {
        var c = Cases[index];
        var node = Node.Value[index];

        // The Node SDK signs content-type and host only, so ours is compared without the optional x-tc-action.
        var ours = Tc3Signer.Sign(c.SecretId, c.SecretKey, c.Service, c.Host, c.ContentType, c.Timestamp, Encoding.UTF8.GetBytes(c.Body), action: null);

        Assert.StartsWith("TC3-HMAC-SHA256 Credential=" + c.SecretId + "/", node, StringComparison.Ordinal);
        Assert.Equal(node, ours.Authorization);
    }

    [Fact]
    public void A_one_byte_change_in_the_body_changes_the_Node_signature()
    {
        // Guards the comparison itself: if Node ignored the payload (e.g. a wrong argument), this would show it.
        Assert.NotEqual(Node.Value[3], Node.Value[4]);
    }

    private sealed record Tc3Case(string SecretId, string SecretKey, string Service, string Host, string ContentType, long Timestamp, string Body);
}
