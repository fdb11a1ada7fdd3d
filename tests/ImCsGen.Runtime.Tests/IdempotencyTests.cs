using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Idempotency;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class IdempotencyTests
{
    private static uint? NumberOf(RecordedRequest request, string name)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.TryGetProperty(name, out var value) ? value.GetUInt32() : null;
    }

    private static uint MsgRandomOf(RecordedRequest request) => NumberOf(request, "MsgRandom")!.Value;

    private static SendC2CMessageRequest Text(string text = "hello") => new()
    {
        ToAccount = "user1",
        MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = text } },
    };

    [Fact]
    public async Task Every_attempt_sends_the_same_MsgRandom_and_body_but_a_fresh_url_random()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(
            _ => FakeHttpHandler.Fail(60008),
            _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset"),
            _ => FakeHttpHandler.Json("busy", System.Net.HttpStatusCode.BadGateway),
            _ => FakeHttpHandler.Ok()));
        var request = TestTransport.SendMsg();

        var response = await t.SendAsync(request);

        var requests = t.Handler.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Single(requests.Select(r => r.Body).Distinct(StringComparer.Ordinal));
        Assert.Single(requests.Select(MsgRandomOf).Distinct());
        Assert.Equal(response.DeduplicationKeys!.Value.Random, MsgRandomOf(requests[0]));
        Assert.Equal(1, request.ChooseCalls);
        Assert.Equal(4, requests.Select(r => r.Random).Distinct().Count());
    }

    [Fact]
    public async Task A_MsgRandom_set_by_the_caller_is_kept()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok()));

        var response = await t.SendAsync(TestTransport.SendMsg(msgRandom: 4294967295));

        Assert.All(t.Handler.Requests, r => Assert.Equal(4294967295u, MsgRandomOf(r)));
        Assert.Equal(4294967295u, response.DeduplicationKeys!.Value.Random);
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
    public async Task The_generated_client_pins_MsgSeq_and_MsgRandom_per_call_and_leaves_the_request_unchanged()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(20004), _ => FakeHttpHandler.Ok()));
        var client = new ImClient(t.Transport);
        var request = Text();

        var response = await client.SendC2CMessageAsync(request);

        Assert.True(response.IsSuccess);
        Assert.Equal(2, t.Handler.Count);
        var keys = response.DeduplicationKeys!.Value;
        Assert.NotNull(keys.Sequence);
        Assert.NotNull(keys.Random);
        Assert.All(t.Handler.Requests, r => Assert.Equal(keys.Sequence, NumberOf(r, "MsgSeq")));
        Assert.All(t.Handler.Requests, r => Assert.Equal(keys.Random, NumberOf(r, "MsgRandom")));

        // The caller's object carries nothing of the call: it can be sent again as a new message.
        Assert.Null(request.MsgSeq);
        Assert.Null(request.MsgRandom);
        Assert.Null(request.MsgTimeStamp);
        Assert.Equal("/v4/openim/sendmsg", t.Handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_request_object_sent_twice_gets_new_keys_each_time_so_the_second_send_is_not_dropped()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var client = new ImClient(t.Transport);
        var template = Text("reminder");

        var first = await client.SendC2CMessageAsync(template);
        var second = await client.SendC2CMessageAsync(template);

        Assert.NotEqual(first.DeduplicationKeys, second.DeduplicationKeys);
        Assert.NotEqual(NumberOf(t.Handler.Requests[0], "MsgSeq"), NumberOf(t.Handler.Requests[1], "MsgSeq"));
        Assert.NotEqual(MsgRandomOf(t.Handler.Requests[0]), MsgRandomOf(t.Handler.Requests[1]));
    }

    [Fact]
    public async Task Two_concurrent_sends_of_one_request_object_get_different_keys()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var client = new ImClient(t.Transport);
        var shared = Text("broadcast");

        var sends = Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.SendC2CMessageAsync(shared))).ToArray();
        var responses = await Task.WhenAll(sends);

        Assert.Equal(8, responses.Select(r => r.DeduplicationKeys).Distinct().Count());
        Assert.Equal(8, t.Handler.Requests.Select(r => (NumberOf(r, "MsgSeq"), NumberOf(r, "MsgRandom"))).Distinct().Count());
        Assert.Null(shared.MsgSeq);
        Assert.Null(shared.MsgRandom);
    }

    [Fact]
    public async Task Caller_set_MsgSeq_and_MsgRandom_are_sent_and_reported_unchanged()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok()));
        var client = new ImClient(t.Transport);
        var request = Text();
        request.MsgSeq = 7;
        request.MsgRandom = 8;

        var response = await client.SendC2CMessageAsync(request);

        Assert.Equal(new ImDeduplicationKeys(7, 8, null), response.DeduplicationKeys);
        Assert.All(t.Handler.Requests, r => Assert.Equal(7u, NumberOf(r, "MsgSeq")));
        Assert.All(t.Handler.Requests, r => Assert.Equal(8u, NumberOf(r, "MsgRandom")));
    }

    [Fact]
    public async Task Importmsg_fills_only_what_the_caller_left_unset_and_reports_the_timestamp_key()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok("\"x\":1")));
        var client = new ImClient(t.Transport);
        var request = new ImportC2CMessageRequest
        {
            SyncFromOldSystem = SyncFromOldSystemMode.Historical,
            FromAccount = "a",
            ToAccount = "b",
            MsgRandom = 99,
            MsgTimeStamp = 1_600_000_000,
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "old" } },
        };

        var response = await client.ImportC2CMessageAsync(request);

        var keys = response.DeduplicationKeys!.Value;
        Assert.Equal(99u, keys.Random);
        Assert.Equal(1_600_000_000L, keys.Timestamp);
        Assert.NotNull(keys.Sequence);
        Assert.Equal(keys.Sequence, NumberOf(t.Handler.Requests[0], "MsgSeq"));
        Assert.Null(request.MsgSeq);
    }

    [Fact]
    public async Task A_failed_call_reports_its_keys_on_the_exception_so_it_can_be_repeated_deliberately()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(90001)));
        var client = new ImClient(t.Transport);
        var request = Text();

        var error = await Assert.ThrowsAsync<ImException>(() => client.SendC2CMessageAsync(request));

        var keys = error.DeduplicationKeys!.Value;
        Assert.Equal(keys.Sequence, NumberOf(t.Handler.Requests[0], "MsgSeq"));
        Assert.Equal(keys.Random, NumberOf(t.Handler.Requests[0], "MsgRandom"));
        Assert.Null(request.MsgSeq);
    }

    [Fact]
    public async Task Endpoints_without_a_rule_report_no_keys()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok("\"x\":1")));

        var response = await t.Transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Unsafe), default);

        Assert.Null(response.DeduplicationKeys);
    }
}
