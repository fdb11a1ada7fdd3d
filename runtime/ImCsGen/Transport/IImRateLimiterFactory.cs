using System;
using System.Threading.RateLimiting;

namespace ImCsGen.Transport;

/// <summary>
/// Extension point of the transport's client-side throttling: creates each endpoint's limiters instead of the
/// in-process ones. Set it on <see cref="ImClientOptions.RateLimiterFactory"/> (in code, not from configuration);
/// the ImCsGen.Redis package does, to make every limit App-wide across instances. The transport calls it once
/// per endpoint on that endpoint's first call and disposes what it returns with itself.
/// </summary>
/// <remarks>
/// A returned limiter must wait (queue) while the endpoint is over its limit, as the in-process ones do, and
/// answer a lease that is not acquired only when the call cannot wait (the transport then fails the call with
/// <see cref="ImErrorCodes.ClientRateLimited"/>, certainly not sent).
/// </remarks>
public interface IImRateLimiterFactory
{
    /// <summary>
    /// The calls-per-second limiter of <paramref name="endpoint"/>: one permit per call.
    /// <paramref name="callsPerSecond"/> is the limit in force (<see cref="ImClientOptions.RateLimits"/>, else the spec's).
    /// </summary>
    RateLimiter CreateCallLimiter(ImEndpoint endpoint, int callsPerSecond, ImClientOptions options);

    /// <summary>
    /// The quota limiter of an endpoint with an <see cref="ImEndpoint.Quota"/>: one permit per counted item,
    /// <paramref name="permits"/> per <see cref="ImEndpointQuota.PerSeconds"/> (<see cref="ImClientOptions.QuotaLimits"/>, else the spec's).
    /// </summary>
    RateLimiter CreateQuotaLimiter(ImEndpoint endpoint, int permits, ImClientOptions options);
}

/// <summary>
/// The in-process limiters the transport uses when no <see cref="IImRateLimiterFactory"/> is set, for factories
/// that fall back to them (for example to a per-instance share of the quota while a shared store is unreachable).
/// </summary>
public static class ImLocalRateLimiters
{
    /// <summary>The token bucket (burst and refill period) used for <paramref name="callsPerSecond"/>; see the transport's rate-limit notes.</summary>
    public static (int TokensPerPeriod, TimeSpan Period) Shape(int callsPerSecond) => ImRateLimiterRegistry.Shape(callsPerSecond);

    /// <summary>An in-process calls-per-second limiter of <paramref name="callsPerSecond"/> that queues up to <paramref name="queueLimit"/> calls.</summary>
    public static RateLimiter CreateCallLimiter(int callsPerSecond, int queueLimit) => CreateCallLimiter(callsPerSecond, queueLimit, autoReplenishment: true);

    /// <summary>An in-process quota limiter: <paramref name="permits"/> items per <paramref name="quota"/>'s window, queueing up to <paramref name="queueLimit"/> items (at least one window's worth).</summary>
    public static RateLimiter CreateQuotaLimiter(ImEndpointQuota quota, int permits, int queueLimit) => CreateQuotaLimiter(quota, permits, queueLimit, autoReplenishment: true);

    internal static TokenBucketRateLimiter CreateCallLimiter(int callsPerSecond, int queueLimit, bool autoReplenishment)
    {
        var (tokensPerPeriod, period) = Shape(callsPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerPeriod,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = autoReplenishment,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    // A sliding window of one-second segments spanning the quota's window plus one segment, so that no window
    // of the quota's length, wherever it starts, holds more items than the quota.
    internal static SlidingWindowRateLimiter CreateQuotaLimiter(ImEndpointQuota quota, int permits, int queueLimit, bool autoReplenishment)
    {
        ArgumentNullException.ThrowIfNull(quota);
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(quota.PerSeconds + 1),
            SegmentsPerWindow = quota.PerSeconds + 1,
            AutoReplenishment = autoReplenishment,
            QueueLimit = Math.Max(queueLimit, permits),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
}
