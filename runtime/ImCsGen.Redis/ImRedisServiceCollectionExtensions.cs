using System;
using System.Diagnostics.Metrics;
using ImCsGen;
using ImCsGen.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers App-wide rate limits on Redis for a client registered with <c>AddTencentIm</c>.</summary>
public static class ImRedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes the limits of the client registered by <c>AddTencentIm(...)</c> App-wide in Redis:
    /// <c>services.AddTencentIm(...).UseRedisRateLimits(o => { o.Configuration = "redis:6379"; o.InstanceCount = 4; })</c>.
    /// An <see cref="IConnectionMultiplexer"/> registered in the container is used when the options name no connection.
    /// </summary>
    public static IServiceCollection UseRedisRateLimits(this IServiceCollection services, Action<ImRedisRateLimitOptions> configure)
        => UseRedisRateLimits(services, null, configure);

    /// <summary>As <see cref="UseRedisRateLimits(IServiceCollection, Action{ImRedisRateLimitOptions})"/> for the client registered as <c>AddTencentIm(name, ...)</c> (null: the unnamed one).</summary>
    public static IServiceCollection UseRedisRateLimits(this IServiceCollection services, string? name, Action<ImRedisRateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var redis = new ImRedisRateLimitOptions();
        configure(redis);
        var key = "ImCsGen.Redis:" + (name ?? string.Empty);
        services.AddKeyedSingleton(key, (provider, _) =>
        {
            if (redis.ConnectionMultiplexer is null && string.IsNullOrWhiteSpace(redis.Configuration))
            {
                redis.ConnectionMultiplexer = provider.GetService<IConnectionMultiplexer>();
            }

            return new ImRedisRateLimiterFactory(redis, provider.GetService<ILoggerFactory>(), provider.GetService<IMeterFactory>());
        });

        // Checked now, so that a bad setting fails at registration rather than at the first call; a connection
        // registered in the container is looked up only when the factory is built.
        redis.Validate(connectionFromContainer: true);

        // The transport reads the factory from its options (ImClientOptions.RateLimiterFactory) when it is built.
        services.AddOptions<ImClientOptions>(name ?? Options.Options.DefaultName)
            .PostConfigure<IServiceProvider>((options, provider) => options.RateLimiterFactory = provider.GetRequiredKeyedService<ImRedisRateLimiterFactory>(key));
        return services;
    }
}
