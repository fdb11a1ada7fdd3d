using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class TransportRequestTests
{
    [Fact]
    public async Task Posts_json_to_the_region_url_with_every_query_parameter()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));

        var response = await t.SendAsync(TestTransport.SendMsg("user1"));

        var request = Assert.Single(t.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https", request.Uri.Scheme);
        Assert.Equal("console.tim.qq.com", request.Uri.Host);
        Assert.Equal("/v4/openim/sendmsg", request.Uri.AbsolutePath);
        Assert.Equal("sdkappid,identifier,usersig,random,contenttype", request.QueryNames);
        Assert.Equal("1400000000", request.Query["sdkappid"]);
        Assert.Equal("administrator", request.Query["identifier"]);
        Assert.Equal("json", request.Query["contenttype"]);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(request.UserSig, TestTransport.SdkAppId, TestTransport.SecretKey, TestTransport.Admin, t.Time.GetUtcNow()));

        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("user1", body.RootElement.GetProperty("To_Account").GetString());
        Assert.Equal("hello", body.RootElement.GetProperty("MsgBody")[0].GetProperty("MsgContent").GetProperty("Text").GetString());

        Assert.True(response.IsSuccess);
        Assert.Equal(1700000000, response.MsgTime);
        Assert.Equal("1_2_3", response.MsgKey);
    }

    [Fact]
    public async Task Every_http_request_gets_a_fresh_random()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));

        await t.SendAsync(TestTransport.SendMsg());
        await t.SendAsync(TestTransport.SendMsg());

        var requests = t.Handler.Requests;
        Assert.NotEqual(requests[0].Random, requests[1].Random);
        Assert.NotEqual(requests[0].Query["random"], requests[1].Query["random"]);
    }

    [Theory]
    [InlineData(ImRegion.China, "console.tim.qq.com")]
    [InlineData(ImRegion.Singapore, "adminapisgp.im.qcloud.com")]
    [InlineData(ImRegion.Seoul, "adminapikr.im.qcloud.com")]
    [InlineData(ImRegion.Frankfurt, "adminapiger.im.qcloud.com")]
    [InlineData(ImRegion.Mumbai, "adminapiind.im.qcloud.com")]
    [InlineData(ImRegion.SiliconValley, "adminapiusa.im.qcloud.com")]
    [InlineData(ImRegion.Jakarta, "adminapiidn.im.qcloud.com")]
    [InlineData(ImRegion.Tokyo, "adminapijpn.im.qcloud.com")]
    public async Task Each_region_uses_its_primary_domain(ImRegion region, string host)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.Region = region);

        await t.SendAsync(TestTransport.SendMsg());

        Assert.Equal(host, Assert.Single(t.Handler.Requests).Uri.Host);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/v4/openim/sendmsg")]
    [InlineData("http://localhost:5000/emulator/", "http://localhost:5000/emulator/v4/openim/sendmsg")]
    [InlineData("https://im.example.com/base", "https://im.example.com/base/v4/openim/sendmsg")]
    public async Task An_explicit_base_address_replaces_the_region(string baseAddress, string expected)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.BaseAddress = new Uri(baseAddress));

        await t.SendAsync(TestTransport.SendMsg());

        Assert.Equal(expected, Assert.Single(t.Handler.Requests).Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Identifiers_outside_the_url_alphabet_are_percent_encoded()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.Identifier = "客服 admin&x");

        await t.SendAsync(TestTransport.SendMsg());

        var request = Assert.Single(t.Handler.Requests);
        Assert.Equal("客服 admin&x", request.Query["identifier"]);
        Assert.Contains("identifier=%E5%AE%A2%E6%9C%8D%20admin%26x&", request.Uri.OriginalString, StringComparison.Ordinal);
        Assert.Equal("客服 admin&x", UserSig.Decode(request.UserSig).Identifier);
    }

    [Fact]
    public void Request_uri_matches_the_documented_format()
    {
        var uri = ImCsGen.Transport.ImRequestUri.Build(new Uri("https://console.tim.qq.com"), "openim/sendmsg", 1400000000, "admin", "eJy*-_", 4294967295);

        Assert.Equal("https://console.tim.qq.com/v4/openim/sendmsg?sdkappid=1400000000&identifier=admin&usersig=eJy*-_&random=4294967295&contenttype=json", uri.OriginalString);
        Assert.Equal(
            "https://console.tim.qq.com/v4/openim/sendmsg?sdkappid=1400000000&identifier=admin&usersig=[redacted]&random=7&contenttype=json",
            ImCsGen.Transport.ImRequestUri.BuildRedacted(new Uri("https://console.tim.qq.com/"), "openim/sendmsg", 1400000000, "admin", 7));
    }
}
