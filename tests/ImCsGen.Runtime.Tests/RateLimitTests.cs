using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Runtime.Tests;

// The limiters run on real time (System.Threading.RateLimiting takes no TimeProvider): these tests wait
// for permits for real (about a second each) but assert only on counts and outcomes, never on durations.
public class RateLimitTests
{
    [Theory]
    [InlineData(200, 5, 26)]
    [InlineData(1000, 26, 27)]
    [InlineData(196, 4, 21)]
    [InlineData(40, 1, 26)]
    [InlineData(15, 1, 72)]
    [InlineData(2, 1, 1000)]
    [InlineData(1, 1, 1001)]
    public void Limits_become_buckets_that_never_exceed_the_rate_in_any_second(int callsPerSecond, int tokens, double periodMs)
    {
        var (tokensPerPeriod, period) = ImRateLimiterRegistry.Shape(callsPerSecond);

        Assert.Equal(tokens, tokensPerPeriod);
        Assert.Equal(periodMs, period.TotalMilliseconds, 4);
        Assert.Equal(0, period.Ticks % TimeSpan.TicksPerMillisecond); // timers run on whole milliseconds

        // Worst case for any one-second window: the full bucket at its start plus every refill inside it.
        var refillsInWindow = (long)(TimeSpan.FromSeconds(1).Ticks / period.Ticks);
        Assert.True(tokensPerPeriod + (refillsInWindow * tokensPerPeriod) <= callsPerSecond, "a window could hold more than the limit");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    [InlineData(196)]
    [InlineData(5000)]
    public void Bulk_limits_keep_headroom_but_at_least_95_percent_of_the_rate(int callsPerSecond)
    {
        var (tokensPerPeriod, period) = ImRateLimiterRegistry.Shape(callsPerSecond);
        var sustained = tokensPerPeriod * (TimeSpan.FromSeconds(1) / period);
        Assert.True(sustained >= 0.95 * callsPerSecond, "sustained " + sustained + "/s for a limit of " + callsPerSecond);
        Assert.True(tokensPerPeriod + sustained <= callsPerSecond - (callsPerSecond / 100), "no headroom left for network jitter at " + callsPerSecond + "/s");
    }

    [Fact]
    public async Task Calls_over_the_limit_wait_for_permits_instead_of_failing()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.RateLimits["SendC2CMessage"] = 1);
        var limiter = t.Transport.GetRateLimiter(FakeSendMsgRequest.SendMsg);

        var calls = Enumerable.Range(0, 3).Select(_ => t.SendAsync(TestTransport.SendMsg())).ToArray();

        // One permit per second: the first call went out, the other two wait in the queue.
        await TestTransport.WaitUntil(() => limiter.GetStatistics()!.CurrentQueuedCount == 2, "two calls queued");
        Assert.True(t.Handler.Count <= 1);

        var responses = await Task.WhenAll(calls);
        Assert.All(responses, r => Assert.True(r.IsSuccess));
        Assert.Equal(3, t.Handler.Count);

        // No call was refused. The limiter counts as failed only the fast path's synchronous probes
        // (ImFastPath.TryAcquire), at most one for each of the two calls that then queued.
        Assert.True(limiter.GetStatistics()!.TotalFailedLeases <= 2);
    }

    [Fact]
    public async Task Limits_are_per_endpoint_and_overridable_by_path()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.RateLimits["openim/sendmsg"] = 1);

        await t.SendAsync(TestTransport.SendMsg());
        var second = t.SendAsync(TestTransport.SendMsg());

        // Another endpoint is not held up by the first one's queue.
        await t.SendAsync(new FakeRequest(FakeRequest.Idempotent));
        Assert.False(second.IsCompleted);
        Assert.Equal(2, t.Handler.Count);

        await second;
        Assert.Equal(3, t.Handler.Count);
    }

    [Fact]
    public async Task Rate_limiting_can_be_turned_off()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o =>
        {
            o.EnableRateLimiting = false;
            o.RateLimits["SendC2CMessage"] = 1;
        });

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => t.SendAsync(TestTransport.SendMsg())));

        Assert.Equal(10, t.Handler.Count);
    }

    [Fact]
    public async Task A_full_queue_is_reported_as_a_client_side_rate_limit()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o =>
        {
            o.RateLimits["SendC2CMessage"] = 1;
            o.RateLimitQueueLimit = 1;
        });

        var first = t.SendAsync(TestTransport.SendMsg());
        var queued = t.SendAsync(TestTransport.SendMsg());
        var error = await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal(ImErrorCodes.ClientRateLimited, error.ErrorCode);
        Assert.Equal(ImErrorCategory.RateLimited, error.Category);
        Assert.Contains("RateLimitQueueLimit", error.Message, StringComparison.Ordinal);
        await first;
        await queued;
        Assert.Equal(2, t.Handler.Count);
    }
}
