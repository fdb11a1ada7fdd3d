using System;
using System.Threading.Tasks;
using ImCsGen.Emulator;
using ImCsGen.Im;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>services.AddTencentIm(...).UseRedisRateLimits(...): the registered client's calls take their permits from Redis.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task UseRedisRateLimits_makes_the_registered_clients_limits_App_wide_in_Redis()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var emulator = await ImEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddTencentIm(o =>
            {
                o.SdkAppId = emulator.Options.SdkAppId;
                o.Identifier = "administrator";
                o.SecretKey = emulator.Options.SecretKey;
                o.BaseAddress = emulator.BaseAddress;
            })
            .UseRedisRateLimits(o =>
            {
                o.Configuration = redis.Configuration;
                o.InstanceCount = 3;
            });
        await using var provider = services.BuildServiceProvider();
        var factory = Assert.IsType<ImRedisRateLimiterFactory>(provider.GetRequiredService<IOptions<ImClientOptions>>().Value.RateLimiterFactory);

        // As at an app's start: connected before the first call, which would otherwise use the share (a busy
        // machine can take longer than the connect timeout).
        using (var connecting = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            Assert.True(await factory.ConnectAsync(connecting.Token));
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var client = provider.GetRequiredService<ImClient>();
        await client.GetServerIpListAsync(new GetServerIpListRequest());

        // The bucket's key lives about a second past the call's place: on a busy machine it may have expired before
        // this check, and this fresh Redis, which only the limiter writes to, then counts it as expired.
        var exists = await connection.GetDatabase().KeyExistsAsync("imcsgen:{" + emulator.Options.SdkAppId + "}:call:ConfigSvc/GetIPList");
        var stats = await connection.GetServer(redis.Configuration).InfoRawAsync("stats") ?? string.Empty;
        Assert.True(exists || stats.Contains("expired_keys:1", StringComparison.Ordinal), "the call's place was not kept in Redis: " + stats);
    }

    [Fact]
    public void UseRedisRateLimits_refuses_a_missing_instance_count_at_registration()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.UseRedisRateLimits(o => o.Configuration = "127.0.0.1:1"));
        Assert.Contains("InstanceCount", error.Message, StringComparison.Ordinal);
    }
}
