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
    /// The bucket for a limit, shaped so that no one-second window, wherever it starts, holds more than
    /// the limit less 1% headroom: a full bucket (the burst) plus every refill inside the window. Tencent's
    /// window is not documented, so the bound must hold for any alignment; the headroom absorbs network
    /// jitter (calls released at the end of one second that reach Tencent in the next). Two facts shape it:
    /// the limiter refills on a System.Threading.Timer, whose period is whole milliseconds (10.3 ms runs as
    /// 10 ms), so the period is a whole, rounded-up number of milliseconds; and small bursts spread calls
    /// out. Among bursts of 1 to limit/10 tokens, the one with the highest sustained rate wins: 5 tokens
    /// every 26 ms (192/s) for 200/s, 26 every 27 ms (963/s) for 1000/s, 1 every 1,001 ms for 1/s.
    /// </summary>
    public static (int TokensPerPeriod, TimeSpan Period) Shape(int callsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsPerSecond);
        var budget = callsPerSecond - (callsPerSecond / 100);
        (int Tokens, long Milliseconds) best = (1, 1001);
        var bestRate = 0.0;
        for (var tokens = 1; tokens <= Math.Max(1, callsPerSecond / 10); tokens++)
        {
            // burst + refills per second * tokens <= budget.
            var room = budget - tokens;
            if (room <= 0)
            {
                break;
            }

            var milliseconds = ((1000L * tokens) + room - 1) / room;
            var rate = 1000.0 * tokens / milliseconds;
            if (rate > bestRate)
            {
                (best, bestRate) = ((tokens, milliseconds), rate);
            }
        }

        return (best.Tokens, TimeSpan.FromMilliseconds(best.Milliseconds));
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
