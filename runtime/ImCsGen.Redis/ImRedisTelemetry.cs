using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Redis;

/// <summary>
/// Metrics (meter <c>ImCsGen.Redis</c>) and log events of the shared limiters. The fallback is visible both ways:
/// a warning when an endpoint's limiter loses Redis, an information event when it is back, and counters.
/// </summary>
internal sealed class ImRedisTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ImCsGen.Redis";

    private static readonly Action<ILogger, string, string, string, int, double, Exception?> LogFallingBack = LoggerMessage.Define<string, string, string, int, double>(
        LogLevel.Warning,
        new EventId(1, "RedisRateLimitFallback"),
        "Redis unreachable for the {Limiter} limit of {Endpoint} ({Reason}); this instance uses its share (1/{InstanceCount}) of the App's quota and retries Redis in {RetrySeconds} s");

    private static readonly Action<ILogger, string, string, Exception?> LogRecovered = LoggerMessage.Define<string, string>(
        LogLevel.Information,
        new EventId(2, "RedisRateLimitRecovered"),
        "Redis reachable again for the {Limiter} limit of {Endpoint}; the App-wide limit applies again");

    private static readonly Action<ILogger, string, string, double, double, double, Exception?> LogShareStart = LoggerMessage.Define<string, string, double, double, double>(
        LogLevel.Debug,
        new EventId(3, "RedisRateLimitShareStart"),
        "The share of the {Limiter} limit of {Endpoint} starts in {ShareStartMs} ms, after every place the instances may have taken on Redis; Redis's last answer to this instance came {LastAnswerMs} ms ago with the App's schedule taken {AheadMs} ms ahead of it");

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _fallbackPermits;
    private readonly ILogger _logger;

    public ImRedisTelemetry(IMeterFactory? meterFactory, ILogger logger)
    {
        _logger = logger;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _fallbacks = _meter.CreateCounter<long>("imcsgen.redis.rate_limit.fallbacks", "{switch}", "Times an endpoint's limiter switched to the instance's share of the quota because Redis was unreachable.");
        _fallbackPermits = _meter.CreateCounter<long>("imcsgen.redis.rate_limit.fallback_permits", "{permit}", "Permits granted from the instance's share while Redis was unreachable.");
    }

    public void FallingBack(string endpoint, string limiter, Exception error, int instanceCount, TimeSpan retry)
    {
        _fallbacks.Add(1, new KeyValuePair<string, object?>("im.endpoint", endpoint), new KeyValuePair<string, object?>("im.limit", limiter));

        // The reason is the exception's type and message: StackExchange.Redis names the endpoint, never the password.
        LogFallingBack(_logger, limiter, endpoint, error.GetType().Name + ": " + error.Message, instanceCount, retry.TotalSeconds, null);
    }

    /// <summary>Where the share starts after a switch, and what Redis's last answer said (ms; NaN when unknown): diagnostics.</summary>
    public void ShareStart(string endpoint, string limiter, double shareStartMs, double lastAnswerMs, double aheadMs)
        => LogShareStart(_logger, limiter, endpoint, shareStartMs, lastAnswerMs, aheadMs, null);

    public void Recovered(string endpoint, string limiter) => LogRecovered(_logger, limiter, endpoint, null);

    public void FallbackPermits(string endpoint, string limiter, int permits)
        => _fallbackPermits.Add(permits, new KeyValuePair<string, object?>("im.endpoint", endpoint), new KeyValuePair<string, object?>("im.limit", limiter));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
