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
    private readonly Dictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimiter> _quotas = new(StringComparer.Ordinal);
    private bool _disposed;

    public ImRateLimiterRegistry(ImClientOptions options) => _options = options;

    /// <summary>Test seam: false creates limiters that never refill on their own (set before the first call).</summary>
    internal bool AutoReplenishment { get; set; } = true;

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
                // Extension point: a factory in the options (ImCsGen.Redis: App-wide limits) replaces the in-process bucket.
                limiter = _options.RateLimiterFactory is { } factory
                    ? factory.CreateCallLimiter(endpoint, GetLimit(endpoint), _options)
                    : ImLocalRateLimiters.CreateCallLimiter(GetLimit(endpoint), _options.RateLimitQueueLimit, AutoReplenishment);
                _limiters.Add(endpoint.Path, limiter);
            }

            return limiter;
        }
    }

    /// <summary>Items per quota window used for <paramref name="endpoint"/>: the options' override, else the spec's quota.</summary>
    public int GetQuotaLimit(ImEndpoint endpoint)
        => endpoint.Quota is { } quota ? _options.GetQuotaLimit(endpoint.Name, endpoint.Path, quota.Permits) : 0;

    /// <summary>
    /// The quota limiter of <paramref name="endpoint"/> (null when it has no quota), created on first use: a
    /// sliding window of one-second segments that spans the quota's window plus one segment, so that no
    /// window of the quota's length, wherever it starts, holds more items than the quota.
    /// </summary>
    public RateLimiter? GetQuota(ImEndpoint endpoint)
    {
        if (endpoint.Quota is not { } quota)
        {
            return null;
        }

        lock (_limiters)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_quotas.TryGetValue(endpoint.Path, out var limiter))
            {
                // Extension point, as in Get.
                limiter = _options.RateLimiterFactory is { } factory
                    ? factory.CreateQuotaLimiter(endpoint, GetQuotaLimit(endpoint), _options)
                    : ImLocalRateLimiters.CreateQuotaLimiter(quota, GetQuotaLimit(endpoint), _options.RateLimitQueueLimit, AutoReplenishment);
                _quotas.Add(endpoint.Path, limiter);
            }

            return limiter;
        }
    }

    /// <summary>
    /// How long a call arriving now would wait for a permit of <paramref name="endpoint"/>'s calls-per-second
    /// limiter: the permits queued ahead of it, less those available, in whole refills.
    /// </summary>
    public TimeSpan EstimateWait(ImEndpoint endpoint)
    {
        var statistics = Get(endpoint).GetStatistics();
        if (statistics is null)
        {
            return TimeSpan.Zero;
        }

        var deficit = statistics.CurrentQueuedCount + 1 - statistics.CurrentAvailablePermits;
        if (deficit <= 0)
        {
            return TimeSpan.Zero;
        }

        var (tokensPerPeriod, period) = Shape(GetLimit(endpoint));
        var refills = (deficit + tokensPerPeriod - 1) / tokensPerPeriod;
        return period * refills;
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

            foreach (var quota in _quotas.Values)
            {
                quota.Dispose();
            }

            _limiters.Clear();
            _quotas.Clear();
        }
    }
}
