using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Runtime.Tests;

// Issue 10, item 6: each test here failed before the fault it names was fixed.
public class TransportFaultTests
{
    private const string Primary = "console.tim.qq.com";
    private const string Standby = "adminapi.my-imcloud.com";

    private static FakeHttpHandler HostsDown(Func<string, int, bool> isDown)
        => new(request => isDown(request.Uri.Host, request.Index)
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (" + request.Uri.Host + ":443)")
            : FakeHttpHandler.Ok());

    // ---- success only on ActionStatus OK ----

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"status\":\"ok\",\"message\":\"proxy login page\"}")]
    [InlineData("{\"ErrorCode\":0,\"ErrorInfo\":\"\"}")]
    [InlineData("{\"ActionStatus\":\"PENDING\",\"ErrorCode\":0}")]
    public async Task A_200_answer_without_ActionStatus_OK_is_unreadable_not_a_success(string body)
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Json(body)), o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(ImErrorCodes.InvalidResponse, error.ErrorCode);
        Assert.Contains("ActionStatus", error.Message, StringComparison.Ordinal);
        Assert.False(error.CertainlyNotProcessed);
    }

    // ---- connect timeout ----

    [Fact]
    public async Task A_connect_that_hangs_times_out_after_ConnectTimeout_and_is_retried_even_on_an_unsafe_endpoint()
    {
        var options = TestTransport.DefaultOptions();
        options.BaseAddress = new Uri("http://127.0.0.1:9/");
        options.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        options.Timeout = TimeSpan.FromSeconds(5);
        options.MaxRetryAttempts = 2;
        var connects = 0;
        var handler = ImHttpHandlers.CreatePrimary(options);
        handler.ConnectCallback = async (_, token) =>
        {
            Interlocked.Increment(ref connects);
            await Task.Delay(Timeout.Infinite, token); // a blackholed SYN: no answer, no refusal
            throw new InvalidOperationException("unreachable");
        };
        using var transport = RealTimeTransport.Create(handler, options);

        var error = await Assert.ThrowsAsync<ImTransportException>(() => transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Unsafe), default));

        Assert.True(error.CertainlyNotProcessed, error.ToString());
        Assert.Equal(ImErrorCodes.NetworkError, error.ErrorCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, Volatile.Read(ref connects));
        Assert.Contains("ConnectTimeout", error.Message, StringComparison.Ordinal);
        handler.Dispose();
    }

    [Fact]
    public async Task A_blackholed_primary_fails_over_to_the_standby()
    {
        var options = TestTransport.DefaultOptions();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        options.Timeout = TimeSpan.FromSeconds(5);
        var primary = ImHttpHandlers.CreatePrimary(options);
        primary.ConnectCallback = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };
        var standby = new FakeHttpHandler(_ => FakeHttpHandler.Ok());
        using var routing = new RoutingHandler(Primary, primary, standby);
        using var transport = RealTimeTransport.Create(routing, options);

        var response = await transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Unsafe), default);

        Assert.True(response.IsSuccess);
        Assert.Equal(1, standby.Count);
        Assert.Equal(Standby, standby.Requests[0].Uri.Host);
    }

    [Theory]
    [InlineData(1500, 10_000, 1500)]
    [InlineData(3000, 1000, 500)] // capped at half of Timeout: a hanging connect ends before the attempt does
    public void The_runtime_handler_uses_ConnectTimeout_from_the_options(int connectMs, int timeoutMs, int expectedMs)
    {
        var options = TestTransport.DefaultOptions();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(connectMs);
        options.Timeout = TimeSpan.FromMilliseconds(timeoutMs);
        using var handler = ImHttpHandlers.CreatePrimary(options);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), handler.ConnectTimeout);
    }

    // ---- failover must not strand a process ----

    [Fact]
    public async Task One_connect_failure_moves_only_that_call_to_the_standby()
    {
        // The primary refuses once (request 1), then recovers.
        using var t = new TestTransport(HostsDown((host, index) => host == Primary && index == 1));

        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));

        Assert.Equal(new[] { Primary, Standby, Primary }, t.Handler.Requests.Select(r => r.Uri.Host));
    }

    [Fact]
    public async Task Repeated_connect_failures_within_the_window_switch_every_call_to_the_standby()
    {
        using var t = new TestTransport(HostsDown((host, _) => host == Primary), o => o.FailoverThreshold = 3);

        for (var i = 0; i < 3; i++)
        {
            await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        }

        Assert.Equal(6, t.Handler.Count); // each of the three calls: primary, then standby
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        Assert.Equal(new[] { Standby }, t.Handler.Requests.Skip(6).Select(r => r.Uri.Host));
    }

    [Fact]
    public async Task Connect_failures_spread_wider_than_the_window_do_not_switch_every_call()
    {
        using var t = new TestTransport(HostsDown((host, _) => host == Primary), o => (o.FailoverThreshold, o.FailoverWindow) = (3, TimeSpan.FromSeconds(30)));

        for (var i = 0; i < 3; i++)
        {
            await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
            t.Time.Advance(TimeSpan.FromSeconds(20));
        }

        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        Assert.Equal(Primary, t.Handler.Requests[6].Uri.Host);
    }

    [Fact]
    public async Task When_the_standby_fails_too_calls_fail_back_to_the_primary()
    {
        // Requests 1-6: the primary is down (three calls fail over); afterwards the primary is back and the standby is down.
        using var t = new TestTransport(HostsDown((host, index) => index <= 6 ? host == Primary : host == Standby));
        for (var i = 0; i < 3; i++)
        {
            await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        }

        var response = await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));

        Assert.True(response.IsSuccess);
        Assert.Equal(new[] { Standby, Primary, Primary }, t.Handler.Requests.Skip(6).Select(r => r.Uri.Host));
    }

    // ---- deadline in the rate limiter ----

    [Fact]
    public async Task A_call_whose_deadline_passes_in_the_rate_limiter_was_certainly_not_processed()
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()), o =>
        {
            o.RateLimits["ImportAccount"] = 1;
            o.TotalTimeout = TimeSpan.FromSeconds(30);
        });
        t.Transport.Limiters.AutoReplenishment = false; // no permit comes back during the test
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        var waiting = t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        var limiter = t.Transport.GetRateLimiter(FakeRequest.Unsafe);
        await TestTransport.WaitUntil(() => limiter.GetStatistics()!.CurrentQueuedCount == 1, "the second call queued");

        t.Time.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<ImTransportException>(() => waiting);

        Assert.Equal(ImErrorCodes.Timeout, error.ErrorCode);
        Assert.True(error.CertainlyNotProcessed);
        Assert.Equal(1, t.Handler.Count);
        Assert.Contains("rate limiter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_cannot_get_a_permit_before_its_deadline_is_rejected_at_once()
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()), o =>
        {
            o.RateLimits["ImportAccount"] = 1; // one permit every 1,001 ms
            o.Timeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
        });
        t.Transport.Limiters.AutoReplenishment = false;
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        var second = t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        var third = t.SendAsync(new FakeRequest(FakeRequest.Unsafe));

        // Two calls ahead of it need two more refills (2 s): a third queued call would be served after ~3 s.
        var fourth = t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        var error = await Assert.ThrowsAsync<ImTransportException>(() => fourth.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(ImErrorCodes.ClientRateLimited, error.ErrorCode);
        Assert.True(error.CertainlyNotProcessed);
        Assert.Equal(0, error.Attempts);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, t.Handler.Count);
    }

    // ---- disposal ----

    [Fact]
    public async Task ImClient_Create_without_an_HttpClient_owns_its_transport_and_disposing_the_client_releases_it()
    {
        var options = TestTransport.DefaultOptions();
        options.BaseAddress = new Uri("http://127.0.0.1:9/");
        var client = ImClient.Create(options);
        var transport = Assert.IsType<ImHttpTransport>(client.Transport);

        await Assert.IsAssignableFrom<IAsyncDisposable>(client).DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Idempotent), default));
        Assert.IsAssignableFrom<IDisposable>(client).Dispose(); // a second dispose is harmless
    }

    [Fact]
    public async Task Disposing_a_client_over_the_callers_HttpClient_leaves_that_HttpClient_usable()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Ok());
        using var http = new HttpClient(handler);
        var options = TestTransport.DefaultOptions();
        options.BaseAddress = new Uri("http://127.0.0.1:9/");
        var client = ImClient.Create(options, http);

        Assert.IsAssignableFrom<IDisposable>(client).Dispose();

        using var answer = await http.GetAsync(new Uri("http://127.0.0.1:9/still-usable"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    // ---- response size cap ----

    [Fact]
    public async Task An_answer_larger_than_MaxResponseBytes_is_refused_without_reading_it_all()
    {
        var body = new CountingStream(64L * 1024 * 1024);
        using var t = new TestTransport(new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) }), o =>
        {
            o.MaxResponseBytes = 64 * 1024;
            o.MaxRetryAttempts = 0;
        });

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(ImErrorCodes.InvalidResponse, error.ErrorCode);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.True(body.BytesRead <= (64 * 1024) + 81920, "read " + body.BytesRead + " bytes");
    }

    [Fact]
    public async Task An_answer_whose_Content_Length_exceeds_MaxResponseBytes_is_refused()
    {
        var padding = new string('a', 100 * 1024);
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok("\"Padding\":\"" + padding + "\"")), o =>
        {
            o.MaxResponseBytes = 64 * 1024;
            o.MaxRetryAttempts = 0;
        });

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_within_MaxResponseBytes_is_read()
    {
        var padding = new string('a', 60 * 1024);
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok("\"Padding\":\"" + padding + "\"")), o => o.MaxResponseBytes = 64 * 1024);

        var response = await t.SendAsync(new FakeRequest(FakeRequest.Idempotent));

        Assert.True(response.IsSuccess);
    }

    // ---- options copied at build ----

    [Fact]
    public async Task Changing_the_options_after_the_transport_is_built_does_not_change_its_calls()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("oops", HttpStatusCode.InternalServerError), _ => FakeHttpHandler.Ok()), o => o.MaxRetryAttempts = 1);

        t.Options.Identifier = "someone_else";
        t.Options.SdkAppId = 1400000999;
        t.Options.MaxRetryAttempts = 0;
        t.Options.BaseAddress = new Uri("http://127.0.0.1:9/");
        await t.SendAsync(new FakeRequest(FakeRequest.Idempotent));

        Assert.Equal(2, t.Handler.Count);
        Assert.All(t.Handler.Requests, r =>
        {
            Assert.Equal(TestTransport.Admin, r.Query["identifier"]);
            Assert.Equal(TestTransport.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Query["sdkappid"]);
            Assert.Equal(Primary, r.Uri.Host);
        });
    }

    // ---- per-recipient quota ----

    [Fact]
    public async Task A_500_recipient_batch_takes_500_quota_permits_and_the_25th_full_call_in_a_minute_waits()
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()));
        t.Transport.Limiters.AutoReplenishment = false;
        var quota = t.Transport.Limiters.GetQuota(FakeBatchSendRequest.BatchSend)!;

        await t.SendAsync(new FakeBatchSendRequest(500));
        Assert.Equal(11500, quota.GetStatistics()!.CurrentAvailablePermits);

        for (var i = 1; i < 24; i++)
        {
            await t.SendAsync(new FakeBatchSendRequest(500));
        }

        Assert.Equal(0, quota.GetStatistics()!.CurrentAvailablePermits);
        var twentyFifth = t.SendAsync(new FakeBatchSendRequest(500));
        await TestTransport.WaitUntil(() => quota.GetStatistics()!.CurrentQueuedCount == 500, "the 25th call waits for 500 permits");
        Assert.False(twentyFifth.IsCompleted);
        Assert.Equal(24, t.Handler.Count);
    }

    [Fact]
    public async Task A_batch_within_the_quota_takes_the_fast_path_and_its_permits_count_once_when_it_then_waits_for_a_call_permit()
    {
        // One call a second: the first batch finds both permits free and goes out at once; the second finds its
        // 300 quota permits but no call token, so it waits in the pipeline, which must not take them again.
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()), o => o.RateLimits["BatchSendC2CMessage"] = 1);
        t.Transport.Limiters.AutoReplenishment = false;
        var quota = t.Transport.Limiters.GetQuota(FakeBatchSendRequest.BatchSend)!;

        await t.SendAsync(new FakeBatchSendRequest(500));
        Assert.Equal(1, t.Transport.FastPathCalls);
        var second = t.SendAsync(new FakeBatchSendRequest(300));
        await TestTransport.WaitUntil(() => t.Transport.Limiters.Get(FakeBatchSendRequest.BatchSend).GetStatistics()!.CurrentQueuedCount == 1, "the second call waits for a call permit");

        Assert.False(second.IsCompleted);
        Assert.Equal(1, t.Transport.FastPathCalls);
        Assert.Equal(12000 - 800, quota.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(0, quota.GetStatistics()!.CurrentQueuedCount);
        Assert.Equal(1, t.Handler.Count);
    }

    [Fact]
    public async Task The_generated_batch_request_reports_its_recipients_to_the_quota_without_a_body_scan()
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()));
        t.Transport.Limiters.AutoReplenishment = false;
        var request = new ImCsGen.Im.BatchSendC2CMessageRequest
        {
            FromAccount = "cs_virtual",
            ToAccount = Enumerable.Range(0, 300).Select(i => "user_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            MsgBody = [new ImCsGen.Im.TIMTextElem { Text = "hello" }],
        };

        Assert.Equal(300, ((ImCsGen.Serialization.IImRequest)request).QuotaItems);
        await new ImCsGen.Im.ImClient(t.Transport).BatchSendC2CMessageAsync(request);

        var endpoint = ImCsGen.Im.ImClientEndpoints.BatchSendC2CMessage;
        Assert.Equal(12000 - 300, t.Transport.Limiters.GetQuota(endpoint)!.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task The_quota_can_be_overridden_in_the_options()
    {
        using var t = new TestTransport(new FakeHttpHandler(_ => FakeHttpHandler.Ok()), o => o.QuotaLimits["openim/batchsendmsg"] = 1000);
        t.Transport.Limiters.AutoReplenishment = false;

        await t.SendAsync(new FakeBatchSendRequest(400));
        await t.SendAsync(new FakeBatchSendRequest(500));
        var third = t.SendAsync(new FakeBatchSendRequest(200));
        var quota = t.Transport.Limiters.GetQuota(FakeBatchSendRequest.BatchSend)!;
        await TestTransport.WaitUntil(() => quota.GetStatistics()!.CurrentQueuedCount == 200, "the third call waits");

        Assert.False(third.IsCompleted);
        Assert.Equal(2, t.Handler.Count);
    }

    [Fact]
    public void The_built_in_batch_send_endpoint_carries_the_documented_quota()
    {
        var quota = ImClientEndpoints.BatchSendC2CMessage.Quota;

        Assert.NotNull(quota);
        Assert.Equal(12000, quota.Permits);
        Assert.Equal(60, quota.PerSeconds);
        Assert.Equal("To_Account", quota.CountField);
        Assert.Equal("https://cloud.tencent.com/document/product/269/1612", quota.Source);
        Assert.Null(ImClientEndpoints.SendC2CMessage.Quota);
    }
}
