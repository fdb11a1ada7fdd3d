using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace ImCsGen.Transport;

/// <summary>
/// One token-bucket limiter per endpoint (System.Threading.RateLimiting), created on first use. Calls
/// over the limit queue and wait instead of failing. The limiters refill on their own timer and real
/// time: System.Threading.RateLimiting takes no <see cref="TimeProvider"/> (even manual replenishment
/// checks the Stopwatch), so the limiter is the one part of the transport a fake clock does not drive.
/// </summary>
internal sealed class ImRateLimiterRegistry : IDisposable
{
    private readonly ImClientOptions _options;
    private readonly Dictionary<string, TokenBucketRateLimiter> _limiters = new(StringComparer.Ordinal);
    private bool _disposed;

    public ImRateLimiterRegistry(ImClientOptions options) => _options = options;

    /// <summary>
    /// The bucket for a limit: refill in tenths of a second where the limit allows (200/s gives 20 every
    /// 100 ms), so a burst never exceeds the limit within any one-second window; slow limits refill one
    /// token at a time (1/s gives 1 every second, 15/s gives 1 every 66.7 ms).
    /// </summary>
    public static (int TokensPerPeriod, TimeSpan Period) Shape(int callsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsPerSecond);
        var tokensPerPeriod = Math.Max(1, callsPerSecond / 10);
        // Rounded up to whole ticks, so rounding can only make the limiter slower, never faster.
        var ticks = ((TimeSpan.TicksPerSecond * tokensPerPeriod) + callsPerSecond - 1) / callsPerSecond;
        return (tokensPerPeriod, TimeSpan.FromTicks(ticks));
    }

    /// <summary>Calls per second used for <paramref name="endpoint"/>: the options' override, else the spec's limit.</summary>
    public int GetLimit(ImEndpoint endpoint) => _options.GetRateLimit(endpoint.Name, endpoint.Path, endpoint.RateLimitPerSecond);

    /// <summary>The limiter of <paramref name="endpoint"/>, created on first use.</summary>
    public RateLimiter Get(ImEndpoint endpoint)
    {
        lock (_limiters)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_limiters.TryGetValue(endpoint.Path, out var limiter))
            {
                var (tokensPerPeriod, period) = Shape(GetLimit(endpoint));
                limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = tokensPerPeriod,
                    TokensPerPeriod = tokensPerPeriod,
                    ReplenishmentPeriod = period,
                    AutoReplenishment = true,
                    QueueLimit = _options.RateLimitQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
                _limiters.Add(endpoint.Path, limiter);
            }

            return limiter;
        }
    }

    public void Dispose()
    {
        lock (_limiters)
        {
            _disposed = true;
            foreach (var limiter in _limiters.Values)
            {
                limiter.Dispose();
            }

            _limiters.Clear();
        }
    }
}
