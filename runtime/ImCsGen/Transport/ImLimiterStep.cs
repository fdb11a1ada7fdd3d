using System;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using ImCsGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Transport;

/// <summary>
/// The client-side throttling step of an attempt: refuses at once a call that the queue ahead of it cannot
/// serve before its deadline, waits for the endpoint's quota (one permit per counted item) and then for a call
/// permit. It sits outside the attempt timeout so that waiting in the queue is never mistaken for an
/// unanswered request, and it records where the call is (<see cref="ImCallState.InLimiter"/>) so that a
/// deadline that ends the wait can be reported as "nothing was sent".
/// </summary>
internal sealed class ImLimiterStep
{
    private readonly ImRateLimiterRegistry _limiters;
    private readonly ImClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ImLimiterStep(ImRateLimiterRegistry limiters, ImClientOptions options, TimeProvider time, ILogger logger)
    {
        _limiters = limiters;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public ValueTask<RateLimitLease> AcquireAsync(ImCallState state, CancellationToken cancellationToken)
    {
        // The replayed first attempt of the fast path already held a permit when it was sent.
        return state.Replay is not null ? new ValueTask<RateLimitLease>(GrantedLease.Instance) : WaitAsync(state, cancellationToken);
    }

    private async ValueTask<RateLimitLease> WaitAsync(ImCallState state, CancellationToken cancellationToken)
    {
        var endpoint = state.Endpoint;
        var limiter = _limiters.Get(endpoint);
        var remaining = state.Deadline - _time.GetUtcNow();
        var wait = _limiters.EstimateWait(endpoint);
        if (wait > remaining)
        {
            var reason = "the calls queued ahead of it need about " + ImDurations.Seconds(wait) + " at " + _limiters.GetLimit(endpoint).ToString(CultureInfo.InvariantCulture)
                + " calls/s, more than the " + ImDurations.Seconds(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining) + " left of its deadline (TotalTimeout " + ImDurations.Seconds(_options.TotalTimeout) + "); nothing was sent";
            ImTransportLog.LimiterRefused(_logger, endpoint.Path, reason);
            throw new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, reason, true, null, null, ImRetryClass.Never);
        }

        // Stays true when the deadline (or the caller) ends the wait, so the error can say where the call was.
        state.InLimiter = true;
        if (!state.QuotaTaken && _limiters.GetQuota(endpoint) is { } quota)
        {
            var items = state.QuotaItems(endpoint.Quota!.CountField);
            var limit = _limiters.GetQuotaLimit(endpoint);
            if (items > limit)
            {
                throw new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, "the call counts " + items.ToString(CultureInfo.InvariantCulture) + " " + endpoint.Quota.CountField + " items, more than the quota of "
                    + limit.ToString(CultureInfo.InvariantCulture) + " per " + endpoint.Quota.PerSeconds.ToString(CultureInfo.InvariantCulture) + " s; nothing was sent", true, null, null, ImRetryClass.Never);
            }

            var permits = await quota.AcquireAsync(items, cancellationToken).ConfigureAwait(false);
            if (!permits.IsAcquired)
            {
                // Refused (queue full): Polly reports the lease as RateLimiterRejectedException.
                state.InLimiter = false;
                return permits;
            }

            // A sliding window returns nothing on release: the lease is only a receipt.
            permits.Dispose();
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        state.InLimiter = false;
        return lease;
    }

    /// <summary>A lease that holds nothing: the permit it stands for was taken and released on the fast path.</summary>
    private sealed class GrantedLease : RateLimitLease
    {
        public static readonly GrantedLease Instance = new();

        public override bool IsAcquired => true;

        public override System.Collections.Generic.IEnumerable<string> MetadataNames => System.Array.Empty<string>();

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
