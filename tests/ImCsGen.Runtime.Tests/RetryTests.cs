using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class RetryTests
{
    public static TheoryData<ImIdempotency> AllIdempotencies => new() { ImIdempotency.Unsafe, ImIdempotency.Idempotent, ImIdempotency.Deduplicated };

    private static ImEndpoint EndpointFor(ImIdempotency idempotency) => idempotency switch
    {
        ImIdempotency.Unsafe => FakeRequest.Unsafe,
        ImIdempotency.Idempotent => FakeRequest.Idempotent,
        _ => FakeRequest.Deduplicated,
    };

    [Theory]
    [InlineData(60007, ImIdempotency.Unsafe)]
    [InlineData(60011, ImIdempotency.Unsafe)]
    [InlineData(60018, ImIdempotency.Unsafe)]
    [InlineData(60019, ImIdempotency.Unsafe)]
    [InlineData(60007, ImIdempotency.Deduplicated)]
    [InlineData(60008, ImIdempotency.Deduplicated)]
    [InlineData(60008, ImIdempotency.Idempotent)]
    [InlineData(60013, ImIdempotency.Idempotent)]
    [InlineData(60014, ImIdempotency.Idempotent)]
    [InlineData(10002, ImIdempotency.Deduplicated)]
    [InlineData(20004, ImIdempotency.Deduplicated)]
    [InlineData(20005, ImIdempotency.Idempotent)]
    public async Task Transient_codes_are_retried_and_the_call_succeeds(int code, ImIdempotency idempotency)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(code), _ => FakeHttpHandler.Ok()));

        var response = await t.SendAsync(new FakeRequest(EndpointFor(idempotency)));

        Assert.True(response.IsSuccess);
        Assert.Equal(2, t.Handler.Count);
    }

    [Theory]
    [InlineData(60008)]
    [InlineData(60013)]
    [InlineData(60014)]
    [InlineData(10002)]
    [InlineData(20004)]
    [InlineData(20005)]
    public async Task Ambiguous_failures_are_not_retried_on_unsafe_endpoints(int code)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(code), _ => FakeHttpHandler.Ok()));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Unsafe)));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(1, t.Handler.Count);
    }

    [Theory]
    [InlineData(60002)]
    [InlineData(60003)]
    [InlineData(60004)]
    [InlineData(60006)]
    [InlineData(60010)]
    [InlineData(60020)]
    [InlineData(70003)]
    [InlineData(70009)]
    [InlineData(70013)]
    [InlineData(70014)]
    [InlineData(70107)]
    [InlineData(90003)]
    [InlineData(90005)]
    public async Task Permanent_codes_are_never_retried(int code)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(code), _ => FakeHttpHandler.Ok()));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(1, t.Handler.Count);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [MemberData(nameof(AllIdempotencies))]
    public async Task Http_429_is_retried_on_every_endpoint(ImIdempotency idempotency)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("slow down", HttpStatusCode.TooManyRequests), _ => FakeHttpHandler.Ok()));

        await t.SendAsync(new FakeRequest(EndpointFor(idempotency)));

        Assert.Equal(2, t.Handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, ImIdempotency.Idempotent, 2)]
    [InlineData(HttpStatusCode.InternalServerError, ImIdempotency.Deduplicated, 2)]
    [InlineData(HttpStatusCode.BadGateway, ImIdempotency.Idempotent, 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ImIdempotency.Deduplicated, 2)]
    [InlineData(HttpStatusCode.GatewayTimeout, ImIdempotency.Idempotent, 2)]
    [InlineData(HttpStatusCode.RequestTimeout, ImIdempotency.Unsafe, 1)]
    [InlineData(HttpStatusCode.BadGateway, ImIdempotency.Unsafe, 1)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ImIdempotency.Unsafe, 1)]
    [InlineData(HttpStatusCode.NotFound, ImIdempotency.Idempotent, 1)]
    public async Task Http_408_and_5xx_are_retried_only_where_repeating_is_safe(HttpStatusCode status, ImIdempotency idempotency, int expectedRequests)
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("oops", status), _ => FakeHttpHandler.Ok()));

        var call = t.SendAsync(new FakeRequest(EndpointFor(idempotency)));
        if (expectedRequests == 1)
        {
            var error = await Assert.ThrowsAsync<ImTransportException>(() => call);
            Assert.Equal((int)status, error.HttpStatusCode);
        }
        else
        {
            await call;
        }

        Assert.Equal(expectedRequests, t.Handler.Count);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, ImIdempotency.Unsafe, 2)]
    [InlineData(HttpRequestError.NameResolutionError, ImIdempotency.Unsafe, 2)]
    [InlineData(HttpRequestError.ResponseEnded, ImIdempotency.Unsafe, 1)]
    [InlineData(HttpRequestError.ResponseEnded, ImIdempotency.Deduplicated, 2)]
    public async Task Network_failures_before_sending_are_retried_everywhere_others_only_where_safe(HttpRequestError kind, ImIdempotency idempotency, int expectedRequests)
    {
        // An explicit base address has no standby domain, so this isolates the retry rule from failover.
        var handler = FakeHttpHandler.Sequence(_ => throw new HttpRequestException(kind, "network says no"), _ => FakeHttpHandler.Ok());
        using var t = new TestTransport(handler, o => o.BaseAddress = new Uri("https://im.example.com"));

        var call = t.SendAsync(new FakeRequest(EndpointFor(idempotency)));
        if (expectedRequests == 1)
        {
            var error = await Assert.ThrowsAsync<ImTransportException>(() => call);
            Assert.Equal(ImErrorCodes.NetworkError, error.ErrorCode);
            Assert.False(error.CertainlyNotProcessed);
        }
        else
        {
            await call;
        }

        Assert.Equal(expectedRequests, t.Handler.Count);
        Assert.All(t.Handler.Requests, r => Assert.Equal("im.example.com", r.Uri.Host));
    }

    [Fact]
    public async Task Retries_stop_after_MaxRetryAttempts_and_report_the_attempts()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60007)), o => o.MaxRetryAttempts = 3);

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Unsafe)));

        Assert.Equal(60007, error.ErrorCode);
        Assert.Equal(4, t.Handler.Count);
        Assert.Equal(4, error.Attempts);
    }

    [Fact]
    public async Task Business_codes_can_be_excluded_from_retries()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(10002), _ => FakeHttpHandler.Ok()), o => o.RetryBusinessErrors = false);

        await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(1, t.Handler.Count);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_on_a_deduplicated_endpoint()
    {
        var handler = new FakeHttpHandler(async (request, token) =>
        {
            if (request.Index == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return FakeHttpHandler.Ok();
        });
        using var t = new TestTransport(handler, o => o.Timeout = TimeSpan.FromSeconds(10));

        var call = t.SendAsync(TestTransport.SendMsg());
        await TestTransport.WaitUntil(() => handler.Count == 1, "first attempt sent");
        t.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.True((await call).IsSuccess);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_never_retried_on_an_unsafe_endpoint()
    {
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return FakeHttpHandler.Ok();
        });
        using var t = new TestTransport(handler, o => o.Timeout = TimeSpan.FromSeconds(10));

        var call = t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        await TestTransport.WaitUntil(() => handler.Count == 1, "first attempt sent");
        t.Time.Advance(TimeSpan.FromSeconds(11));

        var error = await Assert.ThrowsAsync<ImTransportException>(() => call);
        Assert.Equal(ImErrorCodes.Timeout, error.ErrorCode);
        Assert.Contains("Timeout (10 s)", error.Message, StringComparison.Ordinal);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task The_overall_deadline_ends_retries_and_keeps_the_last_failure()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008)), o =>
        {
            o.MaxRetryAttempts = 10;
            o.RetryBaseDelay = TimeSpan.FromSeconds(4);
            o.RetryMaxDelay = TimeSpan.FromSeconds(4);
            o.Timeout = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(20);
        });

        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.RunWithClock(t.SendAsync(TestTransport.SendMsg()), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(ImErrorCodes.Timeout, error.ErrorCode);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.Equal(60008, Assert.IsType<ImException>(error.InnerException).ErrorCode);
        Assert.InRange(t.Handler.Count, 2, 10);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60007)), o =>
        {
            o.MaxRetryAttempts = 7;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.RetryMaxDelay = TimeSpan.FromSeconds(2);
            o.Timeout = Timeout.InfiniteTimeSpan;
        });

        await Assert.ThrowsAsync<ImException>(() => t.RunWithClock(t.SendAsync(TestTransport.SendMsg()), TimeSpan.FromMilliseconds(50)));

        var delays = t.LogProvider.Collector.GetSnapshot()
            .Where(r => r.Id.Id == 4)
            .Select(r => long.Parse(r.StructuredState!.Single(p => p.Key == "DelayMs").Value!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(7, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, 1, 2000));
        Assert.True(delays[1] > delays[0], "the second delay grows: " + string.Join(",", delays));
        Assert.True(delays[2] > delays[1], "the third delay grows: " + string.Join(",", delays));
        Assert.Equal(2000, delays.Max());
    }

    [Fact]
    public async Task Code_70050_waits_a_minute_before_retrying_when_the_deadline_allows()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70050), _ => FakeHttpHandler.Ok()), o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.TotalTimeout = TimeSpan.FromSeconds(100);
        });

        var response = await t.RunWithClock(t.SendAsync(new FakeRequest(FakeRequest.Unsafe)), TimeSpan.FromSeconds(1));

        Assert.True(response.IsSuccess);
        Assert.Equal(2, t.Handler.Count);
        var retry = Assert.Single(t.LogProvider.Collector.GetSnapshot(), r => r.Id.Id == 4);
        Assert.Equal("60000", retry.StructuredState!.Single(p => p.Key == "DelayMs").Value);
        Assert.True(t.Time.GetUtcNow() - TestTransport.Start >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Code_70050_is_not_retried_when_the_deadline_is_too_close()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70050), _ => FakeHttpHandler.Ok()), o => o.TotalTimeout = TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(70050, error.ErrorCode);
        Assert.Equal(1, t.Handler.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried_or_wrapped()
    {
        using var cancel = new CancellationTokenSource();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return FakeHttpHandler.Ok();
        });
        using var t = new TestTransport(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Transport.SendAsync<FakeSendMsgRequest, FakeResponse>(TestTransport.SendMsg(), cancel.Token));

        Assert.Equal(1, handler.Count);
    }
}
