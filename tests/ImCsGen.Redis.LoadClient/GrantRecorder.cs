using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using ImCsGen;
using ImCsGen.Transport;

/// <summary>
/// Wraps the Redis limiters and notes when each call was let go (Unix ms, after its wait), so that the proof can
/// tell what the limiters did (the instances' calls together, every one-second span) from what a busy emulator
/// process made of it (calls it read in a burst after a stall).
/// </summary>
internal sealed class GrantRecorder : IImRateLimiterFactory
{
    private readonly IImRateLimiterFactory _inner;
    private readonly ConcurrentQueue<long> _grants = new();
    private readonly ConcurrentQueue<RateLimiter> _limiters = new();

    public GrantRecorder(IImRateLimiterFactory inner) => _inner = inner;

    /// <summary>Calls waiting in the call limiters now (for their turn, their place, or the share).</summary>
    public long Waiting => _limiters.Sum(l => l.GetStatistics()?.CurrentQueuedCount ?? 0);

    public RateLimiter CreateCallLimiter(ImEndpoint endpoint, int callsPerSecond, ImClientOptions options)
    {
        var limiter = _inner.CreateCallLimiter(endpoint, callsPerSecond, options);
        _limiters.Enqueue(limiter);
        return new Recording(limiter, _grants);
    }

    public RateLimiter CreateQuotaLimiter(ImEndpoint endpoint, int permits, ImClientOptions options)
        => _inner.CreateQuotaLimiter(endpoint, permits, options);

    /// <summary>Writes the grant times, one a line.</summary>
    public void Write(string path) => File.WriteAllLines(path, _grants.Select(ms => ms.ToString(CultureInfo.InvariantCulture)));

    private sealed class Recording : RateLimiter
    {
        private readonly RateLimiter _inner;
        private readonly ConcurrentQueue<long> _grants;

        public Recording(RateLimiter inner, ConcurrentQueue<long> grants)
        {
            _inner = inner;
            _grants = grants;
        }

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Note(_inner.AttemptAcquire(permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
            => Note(await _inner.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private RateLimitLease Note(RateLimitLease lease)
        {
            if (lease.IsAcquired)
            {
                _grants.Enqueue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }

            return lease;
        }
    }
}
