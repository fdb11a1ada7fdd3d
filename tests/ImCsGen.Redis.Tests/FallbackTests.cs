using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>Redis goes away and comes back: calls keep going at the instance's share, with a warning and a metric.</summary>
public sealed class FallbackTests
{
    private static readonly ImEndpoint Endpoint = new("GetServerIpList", "ConfigSvc", "GetIPList", "config", 200, true, ImIdempotency.Idempotent);

    [Fact]
    public async Task Unreachable_Redis_falls_back_to_the_instances_share_with_a_warning_and_a_metric_and_recovers()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var switches = 0L;
        var sharePermits = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = static (instrument, l) =>
        {
            if (instrument.Meter.Name == "ImCsGen.Redis")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Interlocked.Add(ref instrument.Name.EndsWith("fallbacks", StringComparison.Ordinal) ? ref switches : ref sharePermits, value));
        listener.Start();

        using var factory = new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { Configuration = redis.Configuration, InstanceCount = 2, RetryInterval = TimeSpan.FromMilliseconds(300) }, loggerFactory);
        var client = new ImClientOptions { SdkAppId = 1400000000, Identifier = "administrator", SecretKey = "k" };
        using var limiter = (ImRedisSharedLimiter)factory.CreateCallLimiter(Endpoint, 40, client);
        (await limiter.AcquireAsync(1)).Dispose();
        Assert.False(limiter.InFallback);

        await redis.StopAsync();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 11; i++)
        {
            using var lease = await limiter.AcquireAsync(1);
            Assert.True(lease.IsAcquired, "calls do not fail while Redis is down");
        }

        // The share is 40 / 2 = 20 calls/s (one every 53 ms): 11 calls take at least 10 refills.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), "the share limits the calls: " + watch.Elapsed);
        Assert.True(limiter.InFallback);
        Assert.Equal(1, Interlocked.Read(ref switches));
        Assert.True(Interlocked.Read(ref sharePermits) >= 11);
        var warnings = logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("share (1/2)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigSvc/GetIPList", warning.Message, StringComparison.Ordinal);

        await redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (limiter.InFallback && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            (await limiter.AcquireAsync(1)).Dispose();
        }

        Assert.False(limiter.InFallback);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Name == "RedisRateLimitRecovered");
        Assert.Equal(1, Interlocked.Read(ref switches));
    }
}
