using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class IdempotencyTests
{
    private static uint MsgRandomOf(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("MsgRandom").GetUInt32();
    }

    [Fact]
    public async Task Every_attempt_sends_the_same_MsgRandom_and_body_but_a_fresh_url_random()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(
            _ => FakeHttpHandler.Fail(60008),
            _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset"),
            _ => FakeHttpHandler.Json("busy", System.Net.HttpStatusCode.BadGateway),
            _ => FakeHttpHandler.Ok()));
        var request = TestTransport.SendMsg();

        await t.SendAsync(request);

        var requests = t.Handler.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Single(requests.Select(r => r.Body).Distinct(StringComparer.Ordinal));
        Assert.Single(requests.Select(MsgRandomOf).Distinct());
        Assert.Equal(request.MsgRandom, MsgRandomOf(requests[0]));
        Assert.Equal(1, request.AssignCalls);
        Assert.Equal(4, requests.Select(r => r.Random).Distinct().Count());
    }

    [Fact]
    public async Task A_MsgRandom_set_by_the_caller_is_kept()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok()));

        await t.SendAsync(TestTransport.SendMsg(msgRandom: 4294967295));

        Assert.All(t.Handler.Requests, r => Assert.Equal(4294967295u, MsgRandomOf(r)));
    }

    [Fact]
    public async Task Two_logical_calls_get_different_MsgRandoms()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));

        await t.SendAsync(TestTransport.SendMsg());
        await t.SendAsync(TestTransport.SendMsg());

        Assert.NotEqual(MsgRandomOf(t.Handler.Requests[0]), MsgRandomOf(t.Handler.Requests[1]));
    }

    [Fact]
    public async Task The_generated_client_keeps_MsgRandom_across_retries()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(20004), _ => FakeHttpHandler.Ok()));
        var client = new ImClient(t.Transport);
        var request = new SendC2CMessageRequest
        {
            ToAccount = "user1",
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "hello" } },
        };

        var response = await client.SendC2CMessageAsync(request);

        Assert.True(response.IsSuccess);
        Assert.NotNull(request.MsgRandom);
        Assert.Equal(2, t.Handler.Count);
        Assert.All(t.Handler.Requests, r => Assert.Equal(request.MsgRandom, MsgRandomOf(r)));
        Assert.Equal("/v4/openim/sendmsg", t.Handler.Requests[0].Uri.AbsolutePath);
    }
}
