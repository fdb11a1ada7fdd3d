using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;

namespace ImCsGen.Transport;

/// <summary>
/// One token-bucket limiter per endpoint (System.Threading.RateLimiting). Calls over the limit queue and
/// wait instead of failing. The buckets are refilled by a <see cref="TimeProvider"/> timer rather than
/// their own timer, because the limiters take no clock: this way a fake clock drives them in tests.
/// </summary>
internal sealed class ImRateLimiterRegistry : IDisposable
{
    private readonly ImClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private bool _disposed;

    public ImRateLimiterRegistry(ImClientOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Calls per second used for <paramref name="endpoint"/>: the options' override, else the spec's limit.</summary>
    public int GetLimit(ImEndpoint endpoint) => _options.GetRateLimit(endpoint.Name, endpoint.Path, endpoint.RateLimitPerSecond);

    /// <summary>The limiter of <paramref name="endpoint"/>, created on first use.</summary>
    public RateLimiter Get(ImEndpoint endpoint)
    {
        lock (_entries)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(endpoint.Path, out var entry))
            {
                entry = Create(GetLimit(endpoint));
                _entries.Add(endpoint.Path, entry);
            }

            return entry.Limiter;
        }
    }

    public void Dispose()
    {
        lock (_entries)
        {
            _disposed = true;
            foreach (var entry in _entries.Values)
            {
                entry.Timer.Dispose();
                entry.Limiter.Dispose();
            }

            _entries.Clear();
        }
    }

    private Entry Create(int callsPerSecond)
    {
        // Refill in tenths of a second where the limit allows it (200/s -> 20 every 100 ms), so a burst
        // never exceeds the limit within any one-second window; slow limits refill one token at a time.
        var tokensPerPeriod = Math.Max(1, callsPerSecond / 10);
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * tokensPerPeriod / callsPerSecond);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerPeriod,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = _options.RateLimitQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var timer = _timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), limiter, period, period);
        return new Entry(limiter, timer);
    }

    private sealed record Entry(TokenBucketRateLimiter Limiter, ITimer Timer);
}
