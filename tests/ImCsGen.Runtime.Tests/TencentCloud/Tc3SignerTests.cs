using System.Text;
using ImCsGen.TencentCloud;
using Xunit;

namespace ImCsGen.Runtime.Tests.TencentCloud;

/// <summary>TC3-HMAC-SHA256 against the two published vectors (tccc-facts.md section 2).</summary>
public sealed class Tc3SignerTests
{
    // Tencent's "签名方法 v3" worked example (CVM DescribeInstances): the body keeps the page's spaces and \u escapes.
    private const string OfficialBody = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

    [Fact]
    public void Official_worked_example_matches_every_step()
    {
        var signature = Tc3Signer.Sign(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            1551113065,
            Encoding.UTF8.GetBytes(OfficialBody));

        Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", signature.HashedRequestPayload);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            signature.CanonicalRequest);
        Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", signature.HashedCanonicalRequest);

        // 1551113065 is 2019-02-26 in UTC+8: the scope must use the UTC date, as the page warns.
        Assert.Equal("2019-02-25/cvm/tc3_request", signature.CredentialScope);
        Assert.Equal("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", signature.StringToSign);
        Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", signature.Signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
            signature.Authorization);
    }

    [Fact]
    public void Node_sdk_test_vector_matches()
    {
        var signature = Tc3Signer.Sign(
            "test-secret-id",
            "test-secret-key",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json",
            1640995200,
            Encoding.UTF8.GetBytes("{\"Action\":\"DescribeInstances\",\"Version\":\"2017-03-12\"}"));

        Assert.Equal("8161d71add76597e6dc0e223286ca9a96dec0b7eca6e08f9364680387415b4dc", signature.HashedRequestPayload);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=test-secret-id/2022-01-01/cvm/tc3_request, SignedHeaders=content-type;host, Signature=96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3",
            signature.Authorization);
    }

    [Fact]
    public void Signing_the_action_header_matches_the_newer_doc_revisions_canonical_request()
    {
        var signature = Tc3Signer.Sign(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            1551113065,
            Encoding.UTF8.GetBytes(OfficialBody),
            action: "DescribeInstances");

        Assert.Equal("content-type;host;x-tc-action", signature.SignedHeaders);
        Assert.Contains("\nx-tc-action:describeinstances\n\n", signature.CanonicalRequest, System.StringComparison.Ordinal);

        // The canonical request's hash is the one a doc revision quotes; the signature is the research's own computation.
        Assert.Equal("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84", signature.HashedCanonicalRequest);
        Assert.Equal("644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26", signature.Signature);
    }

    [Fact]
    public void Any_change_to_the_signed_bytes_changes_the_signature()
    {
        var body = Encoding.UTF8.GetBytes("{\"SdkAppId\":1400000000}");
        var reference = Tc3Signer.Sign("id", "key", "ccc", "ccc.tencentcloudapi.com", "application/json", 1700000000, body).Signature;

        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key2", "ccc", "ccc.tencentcloudapi.com", "application/json", 1700000000, body).Signature);
        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key", "cvm", "ccc.tencentcloudapi.com", "application/json", 1700000000, body).Signature);
        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key", "ccc", "ccc.tencentcloudapi.com:8443", "application/json", 1700000000, body).Signature);
        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key", "ccc", "ccc.tencentcloudapi.com", "application/json; charset=utf-8", 1700000000, body).Signature);
        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key", "ccc", "ccc.tencentcloudapi.com", "application/json", 1700000001, body).Signature);
        Assert.NotEqual(reference, Tc3Signer.Sign("id", "key", "ccc", "ccc.tencentcloudapi.com", "application/json", 1700000000, Encoding.UTF8.GetBytes("{\"SdkAppId\":1400000001}")).Signature);
    }

    [Fact]
    public void Authorization_header_parses_back_and_never_prints_the_signature()
    {
        var signature = Tc3Signer.Sign("AKIDexample", "secret", "ccc", "ccc.tencentcloudapi.com", "application/json", 1640995200, Encoding.UTF8.GetBytes("{}"));

        var parsed = Tc3Authorization.TryParse(signature.Authorization);

        Assert.NotNull(parsed);
        Assert.Equal(("AKIDexample", "2022-01-01", "ccc", "content-type;host", signature.Signature), (parsed!.SecretId, parsed.Date, parsed.Service, parsed.SignedHeaders, parsed.Signature));
        Assert.DoesNotContain(signature.Signature, parsed.ToString(), System.StringComparison.Ordinal);
        Assert.Null(Tc3Authorization.TryParse("Bearer abc"));
        Assert.Null(Tc3Authorization.TryParse("TC3-HMAC-SHA256 Credential=id/2022-01-01/ccc/other, SignedHeaders=host, Signature=00"));
        Assert.Null(Tc3Authorization.TryParse("TC3-HMAC-SHA256 Credential=id/2022-01-01/ccc/tc3_request, Signature=00"));
    }

    [Fact]
    public void A_credential_never_shows_its_key_or_token()
    {
        var credential = new TencentCloudCredential("AKIDexample", "very-secret-key", "session-token-xyz");
        Assert.DoesNotContain("very-secret-key", credential.ToString(), System.StringComparison.Ordinal);
        Assert.DoesNotContain("session-token-xyz", credential.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("AKIDexample", credential.ToString(), System.StringComparison.Ordinal);
        var error = Assert.Throws<System.ArgumentException>(() => new TencentCloudCredential("id", " "));
        Assert.Contains("SecretKey", error.Message, System.StringComparison.Ordinal);
    }
}
