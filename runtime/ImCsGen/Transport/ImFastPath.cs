using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// The first attempt of a call, made without the Polly pipeline when nothing has to wait: the endpoint's
/// limiter grants a permit at once (synchronously) and one pooled timeout source stands for both the attempt
/// timeout and the call's deadline. Polly's strategies are async methods; every one of them boxes its state
/// machine when the HTTP call really suspends (about 2 KB and 1 µs per call over a socket, see
/// PERFORMANCE.md row 1). A call that succeeds on its first attempt, nearly all of them, never needs them.
/// </summary>
/// <remarks>
/// Behaviour is the pipeline's: a failed first attempt is handed to the pipeline as the outcome of its own
/// first attempt (<see cref="ImCallState.Replay"/>), so the retry rules, backoff, logs and metrics are those of
/// the pipeline, from the same attempt count. Only a caller's cancellation and a deadline that ends the first
/// attempt skip the pipeline, as they would pass straight through it. A call that must wait for a permit, an
/// endpoint with a quota (two limiters, taken in order), and a limiter from an
/// <see cref="IImRateLimiterFactory"/> (whose synchronous acquire may do I/O) take the pipeline from the start.
/// </remarks>
internal sealed class ImFastPath
{
    private const int MaxPooled = 256;

    private readonly ImClientOptions _options;
    private readonly ImRateLimiterRegistry _limiters;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<CancellationTokenSource> _pool = new();
    private int _pooled;
    private long _taken;

    public ImFastPath(ImClientOptions options, ImRateLimiterRegistry limiters, TimeProvider time)
    {
        _options = options;
        _limiters = limiters;
        _time = time;
    }

    /// <summary>How many first attempts took the fast path (tests check that it is taken).</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Takes a call permit if one is free now; false when the call must queue (or its limiter is not in-process).</summary>
    public bool TryAcquire(ImCallState state, out RateLimitLease? lease)
    {
        lease = null;
        if (!_options.EnableRateLimiting)
        {
            Interlocked.Increment(ref _taken);
            return true;
        }

        if (_limiters.Get(state.Endpoint) is not TokenBucketRateLimiter limiter || !TryTakeQuota(state))
        {
            return false;
        }

        // Allocation-free when a token is there; refused while calls are queued (oldest first keeps its order).
        var permit = limiter.AttemptAcquire(1);
        if (!permit.IsAcquired)
        {
            permit.Dispose();
            return false;
        }

        lease = permit;
        Interlocked.Increment(ref _taken);
        return true;
    }

    /// <summary>
    /// An endpoint with a message quota (batchsendmsg's recipients a minute) takes its permits here when the
    /// in-process window has them now, as the limiter step would; a call over the whole quota, a window that
    /// would make it wait, or a quota limiter from a factory (Redis) leaves the call to the pipeline.
    /// </summary>
    private bool TryTakeQuota(ImCallState state)
    {
        var endpoint = state.Endpoint;
        if (endpoint.Quota is not { } spec)
        {
            return true;
        }

        if (_limiters.GetQuota(endpoint) is not SlidingWindowRateLimiter quota)
        {
            return false;
        }

        var items = state.QuotaItems(spec.CountField);
        if (items > _limiters.GetQuotaLimit(endpoint))
        {
            // The pipeline refuses it, with the message that names the quota.
            return false;
        }

        // Refused while calls are queued, as the call bucket is; a window's lease is only a receipt.
        using var permits = quota.AttemptAcquire(items);
        if (!permits.IsAcquired)
        {
            return false;
        }

        // Kept even if the call bucket below has no token: the pipeline then waits for that token only.
        state.QuotaTaken = true;
        return true;
    }

    /// <summary>
    /// The token of the first attempt: cancelled by the caller, or when the attempt timeout or the deadline
    /// passes, whichever comes first. <paramref name="source"/> is null when neither timeout is finite.
    /// </summary>
    public CancellationToken Start(ImCallState state, CancellationToken cancellationToken, out Timeouts source)
    {
        var attempt = _options.Timeout;
        var remaining = state.Deadline == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : state.Deadline - _time.GetUtcNow();
        var deadlineFirst = remaining != Timeout.InfiniteTimeSpan && (attempt == Timeout.InfiniteTimeSpan || remaining <= attempt);
        var delay = deadlineFirst ? remaining : attempt;
        if (delay == Timeout.InfiniteTimeSpan)
        {
            source = default;
            return cancellationToken;
        }

        var cts = Rent();
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cts)
            : default;
        cts.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1));
        source = new Timeouts(cts, registration, deadlineFirst, delay);
        return cts.Token;
    }

    /// <summary>
    /// What a failed first attempt means: a timeout of ours becomes Polly's <see cref="TimeoutRejectedException"/>
    /// (the one the pipeline's timeout strategies would have raised); anything else is passed on unchanged.
    /// </summary>
    public static Exception Classify(Exception exception, in Timeouts source)
    {
        if (exception is OperationCanceledException && source.Fired)
        {
            return new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '" + source.Delay.ToString() + "'.", source.Delay, exception);
        }

        return exception;
    }

    /// <summary>Returns the timeout source to the pool (or disposes it when it fired and cannot be reused).</summary>
    public void Return(in Timeouts source)
    {
        if (source.Source is not { } cts)
        {
            return;
        }

        // Waits for a caller's cancel in progress, so nothing cancels the source once it is pooled again.
        source.Registration.Dispose();
        if (cts.TryReset())
        {
            if (Interlocked.Increment(ref _pooled) <= MaxPooled)
            {
                _pool.Enqueue(cts);
                return;
            }

            Interlocked.Decrement(ref _pooled);
        }

        cts.Dispose();
    }

    private CancellationTokenSource Rent()
    {
        if (_pool.TryDequeue(out var cts))
        {
            Interlocked.Decrement(ref _pooled);
            return cts;
        }

        // With the transport's clock, so a fake TimeProvider drives this timeout as it drives Polly's.
        return _time == TimeProvider.System ? new CancellationTokenSource() : new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
    }

    /// <summary>The timeout source of one first attempt.</summary>
    internal readonly struct Timeouts
    {
        public Timeouts(CancellationTokenSource source, CancellationTokenRegistration registration, bool deadlineFirst, TimeSpan delay)
        {
            Source = source;
            Registration = registration;
            DeadlineFirst = deadlineFirst;
            Delay = delay;
        }

        public CancellationTokenSource? Source { get; }

        public CancellationTokenRegistration Registration { get; }

        /// <summary>Whether the deadline comes before the attempt timeout (the timeout that fires ends the call).</summary>
        public bool DeadlineFirst { get; }

        public TimeSpan Delay { get; }

        /// <summary>Whether our timer fired (a caller's cancellation also cancels the source; check the caller's token first).</summary>
        public bool Fired => Source is { IsCancellationRequested: true };
    }
}
