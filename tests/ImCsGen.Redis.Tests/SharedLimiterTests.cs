using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using ImCsGen.Transport;
using StackExchange.Redis;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>Two factories stand for two instances of one App: they share the limits kept in a real Redis.</summary>
public sealed class SharedLimiterTests : IAsyncLifetime
{
    private static readonly ImEndpoint Endpoint = new("GetServerIpList", "ConfigSvc", "GetIPList", "config", 200, true, ImIdempotency.Idempotent);

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private ImRedisRateLimiterFactory Factory(int instances = 2, string prefix = "t:") => new(new ImRedisRateLimitOptions { Configuration = _redis.Configuration, InstanceCount = instances, KeyPrefix = prefix });

    private static ImClientOptions Client(long appId = 1400000000) => new() { SdkAppId = appId, Identifier = "administrator", SecretKey = "k" };

    [Fact]
    public async Task Two_instances_together_stay_within_one_call_limit_and_both_get_calls()
    {
        using var a = Factory();
        using var b = Factory();
        using var limiterA = a.CreateCallLimiter(Endpoint, 50, Client());
        using var limiterB = b.CreateCallLimiter(Endpoint, 50, Client());
        var counts = new int[2];
        var watch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(1.5);
        async Task Loop(RateLimiter limiter, int index)
        {
            while (watch.Elapsed < until)
            {
                using var lease = await limiter.AcquireAsync(1);
                Assert.True(lease.IsAcquired);
                if (watch.Elapsed <= until)
                {
                    Interlocked.Increment(ref counts[index]);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Loop(i % 2 == 0 ? limiterA : limiterB, i % 2)));
        var total = counts[0] + counts[1];

        // 50/s shaped as 1 call every 21 ms: at most 1 + 1500 / 21 = 72 in 1.5 s; separate buckets would allow twice that.
        Assert.InRange(total, 60, 73);
        Assert.True(counts[0] > 15 && counts[1] > 15, "both instances get calls: " + counts[0] + " and " + counts[1]);
    }

    [Fact]
    public async Task The_quota_counts_items_across_instances_and_holds_a_call_until_older_items_leave_the_window()
    {
        var endpoint = new ImEndpoint("BatchSend", "openim", "batchsendmsg", "message", 200, true, ImIdempotency.Unsafe) { Quota = new ImEndpointQuota(10, 1, "To_Account") };
        using var a = Factory();
        using var b = Factory();
        using var quotaA = a.CreateQuotaLimiter(endpoint, 10, Client());
        using var quotaB = b.CreateQuotaLimiter(endpoint, 10, Client());

        var watch = Stopwatch.StartNew();
        using (var first = await quotaA.AcquireAsync(8))
        {
            Assert.True(first.IsAcquired);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(0.5), "8 of 10 items go at once");

        // 8 + 5 > 10: B's call waits until A's 8 items leave the window (the quota's 1 s plus 1 s of headroom).
        using (var second = await quotaB.AcquireAsync(5))
        {
            Assert.True(second.IsAcquired);
        }

        Assert.InRange(watch.Elapsed.TotalSeconds, 1.8, 3.5);

        // 5 + 5 fits: no wait.
        var before = watch.Elapsed;
        using (var third = await quotaA.AcquireAsync(5))
        {
            Assert.True(third.IsAcquired);
        }

        Assert.True(watch.Elapsed - before < TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task Each_App_has_its_own_keys_under_the_prefix()
    {
        using var factory = Factory(prefix: "shop:");
        using var one = factory.CreateCallLimiter(Endpoint, 200, Client(1400000001));
        using var two = factory.CreateCallLimiter(Endpoint, 200, Client(1400000002));
        (await one.AcquireAsync(1)).Dispose();
        (await two.AcquireAsync(1)).Dispose();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var keys = connection.GetServer(_redis.Configuration).Keys(pattern: "shop:*").Select(k => (string)k!).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "shop:{1400000001}:call:ConfigSvc/GetIPList", "shop:{1400000002}:call:ConfigSvc/GetIPList" }, keys);
        Assert.Equal("shop:{1400000001}:call:ConfigSvc/GetIPList", factory.GetKey(1400000001, "call", "ConfigSvc/GetIPList"));
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option_and_the_rule()
    {
        var missing = Assert.Throws<ArgumentException>(() => new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { InstanceCount = 0 }));
        Assert.Contains("Configuration: set a StackExchange.Redis configuration string", missing.Message, StringComparison.Ordinal);
        Assert.Contains("InstanceCount: must be 1 or more", missing.Message, StringComparison.Ordinal);

        var timeout = Assert.Throws<ArgumentException>(() => new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { Configuration = "x", InstanceCount = 2, OperationTimeout = TimeSpan.Zero }));
        Assert.Contains("OperationTimeout", timeout.Message, StringComparison.Ordinal);

        // The configuration string may hold a password: never in ToString.
        Assert.DoesNotContain("secret", new ImRedisRateLimitOptions { Configuration = "r:6379,password=secret", InstanceCount = 1 }.ToString(), StringComparison.Ordinal);
    }
}
