using System;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// A call that goes late (a stalled process) bunches with the calls placed after it: the slack the shared limiter
/// allows must keep any second of the App's schedule plus those late calls under Tencent's limit.
/// </summary>
public sealed class LateSlackTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(500)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void Late_calls_within_the_slack_keep_every_second_under_the_limit_with_one_call_to_spare(int callsPerSecond)
    {
        var (burst, period) = ImLocalRateLimiters.Shape(callsPerSecond);
        var interval = (long)Math.Ceiling(period.Ticks / 10.0 / burst);
        var slack = ImRedisRateLimiterFactory.LateSlack(callsPerSecond, burst, interval);

        // The schedule's calls in any 1 s span, and the calls placed within the slack that can go together with them.
        var mostInASecond = burst + (1_000_000 / interval);
        var lateCalls = (long)Math.Ceiling(slack.Ticks / 10.0 / interval);
        Assert.True(mostInASecond + lateCalls <= callsPerSecond - 1, $"{callsPerSecond}/s: {mostInASecond} in a second + {lateCalls} late > {callsPerSecond - 1}");
        Assert.True(slack >= TimeSpan.FromTicks(interval * 10), "at least one interval, or every call on a loaded machine would take a new place");
    }

    [Fact]
    public void For_200_per_second_the_slack_is_two_intervals()
        => Assert.Equal(TimeSpan.FromMilliseconds(10.4), ImRedisRateLimiterFactory.LateSlack(200, 5, 5200));
}
