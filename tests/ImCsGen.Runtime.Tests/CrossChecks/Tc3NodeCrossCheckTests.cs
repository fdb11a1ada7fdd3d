using System;
using System.Globalization;
using System.Text;
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
    // The payload goes in as base64 so Node hashes exactly the bytes we hash (sign3 hashes a Buffer as is).
    private const string Sign3Script = """
        const Sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign").default;
        const [secretId, secretKey, service, host, contentType, timestamp, payloadBase64] = process.argv.slice(2);
        process.stdout.write(Sign.sign3({
          method: "POST",
          url: "https://" + host + "/",
          payload: Buffer.from(payloadBase64, "base64"),
          timestamp: Number(timestamp),
          service,
          secretId,
          secretKey,
          multipart: false,
          boundary: "",
          headers: { "Content-Type": contentType },
        }));
        """;

    [Theory]
    // Tencent's documented example credentials with a TCCC action's body.
    [InlineData("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1551113065L,
        """{"SdkAppId":1400000000,"StartTimestamp":1603877878,"EndTimestamp":1603877879}""")]
    // One second before midnight UTC: the scope's date must be the UTC date of the timestamp.
    [InlineData("AKIDtest", "secret-key-2", "ccc", "ccc.tencentcloudapi.com", "application/json; charset=utf-8", 1764719999L,
        """{"SdkAppId":1400000000,"Staffs":[{"Name":"小王","Mail":"wang@example.com","StaffNumber":"001"}]}""")]
    // An empty JSON object, as actions without parameters send, and another service/host.
    [InlineData("AKIDother", "k", "cvm", "cvm.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000L, "{}")]
    public void Authorization_header_matches_the_Node_SDK_signer(string secretId, string secretKey, string service, string host, string contentType, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var node = NodeReference.Run(
            Sign3Script,
            secretId, secretKey, service, host, contentType, timestamp.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(payload));

        // The Node SDK signs content-type and host only, so ours is compared without the optional x-tc-action.
        var ours = Tc3Signer.Sign(secretId, secretKey, service, host, contentType, timestamp, payload, action: null);

        Assert.StartsWith("TC3-HMAC-SHA256 Credential=" + secretId + "/", node, StringComparison.Ordinal);
        Assert.Equal(node, ours.Authorization);
    }

    [Fact]
    public void A_one_byte_change_in_the_body_changes_both_signatures_alike()
    {
        // Guards the comparison itself: if Node ignored the payload (e.g. a wrong argument), this would show it.
        var a = Encoding.UTF8.GetBytes("""{"SdkAppId":1400000000}""");
        var b = Encoding.UTF8.GetBytes("""{"SdkAppId":1400000001}""");
        var nodeA = NodeReference.Run(Sign3Script, "AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, "1700000000", Convert.ToBase64String(a));
        var nodeB = NodeReference.Run(Sign3Script, "AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, "1700000000", Convert.ToBase64String(b));

        Assert.NotEqual(nodeA, nodeB);
        Assert.Equal(nodeA, Tc3Signer.Sign("AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000, a).Authorization);
        Assert.Equal(nodeB, Tc3Signer.Sign("AKIDtest", "key", "ccc", "ccc.tencentcloudapi.com", TencentCloudHttpTransport.ContentType, 1700000000, b).Authorization);
    }
}
