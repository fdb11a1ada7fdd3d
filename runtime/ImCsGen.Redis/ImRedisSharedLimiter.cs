using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace ImCsGen.Redis;

/// <summary>
/// One endpoint's App-wide limiter: each acquisition reserves its place in Redis (one script call, see
/// <see cref="ImRedisScripts"/>) and waits here until that place comes. While Redis is unreachable, the
/// instance's share of the limit (<see cref="ImLocalShare"/>: 1/InstanceCount of it) stands in:
/// <list type="bullet">
/// <item>On a Redis failure the endpoint switches to the share for <c>RetryInterval</c> (a warning, a metric),
/// then one call tries Redis again while the others stay on the share; calls never fail because Redis did.</item>
/// <item>The share is conservative at the switch: the calls Redis already admitted in the current window are counted,
/// not granted a second time. For calls per second, each instance holds at most <c>reservationsAhead</c> places of
/// the App's schedule that have not come yet (its other calls wait here, first come first served), so the schedule
/// of every instance together reaches at most a known horizon past Redis's last answer to anyone: the share starts
/// after it. (The App's use as this instance last heard it is not enough: another instance may have taken hundreds
/// of ms of places since.) For quotas, the share starts from the App's items in the window as Redis last counted
/// them.</item>
/// <item>After Redis answers again, calls pass the share as well for 2 x <c>RetryInterval</c> + the limit's window:
/// other instances may still be on their share (uncounted by Redis) until their own retry, and one window later
/// none of their calls is left in any window.</item>
/// </list>
/// A call cancelled while it waits for its place leaves that place unused (the quota is under-used, never exceeded)
/// and its instance's turn taken until the place comes; a call whose wait ends more than a slack after its place (a
/// stalled process) leaves it unused too, and takes a new place.
/// </summary>
internal sealed class ImRedisSharedLimiter : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true, null);
    private static readonly RateLimitLease Late = new Lease(true, null);
    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;

    private readonly ImRedisConnection _connection;
    private readonly RedisKey[] _keys;
    private readonly string _script;
    private readonly Func<int, RedisValue[]> _arguments;
    private readonly ImLocalShare _share;
    private readonly long _shareLongest;
    private readonly long _gateLength;
    private readonly long _slack;
    private readonly int _maxPermits;
    private readonly string _endpoint;
    private readonly string _kind;
    private readonly ImRedisRateLimitOptions _options;
    private readonly ImRedisTelemetry _telemetry;
    private readonly SemaphoreSlim? _ahead;
    private readonly long _horizon;
    private readonly object _sync = new();
    private bool _inFallback;
    private long _fallbackUntil;
    private int _probing;
    private long _gateUntil;
    private long _appLatest = long.MinValue;
    private long _appUsed;
    private long _lastAnswer = long.MinValue;
    private int _waiting;
    private long _successful;
    private long _failed;

    // share: the instance's share, used while Redis is unreachable and, after it returns, alongside it;
    // shareLongest: the longest wait for a place in the share, µs (as the script's longest wait);
    // window: the limit's window (1 s for calls, the quota's), for how long the share stays on after Redis returns;
    // slack: how late after its place a call may still go (beyond it, it takes a new place);
    // reservationsAhead: how many of this instance's places on Redis may lie ahead at once (0: no bound, quotas);
    // horizon: how far ahead of Redis's last answer (to any instance) the App's schedule can then be taken, µs.
    public ImRedisSharedLimiter(ImRedisConnection connection, RedisKey key, string script, Func<int, RedisValue[]> arguments, ImLocalShare share, long shareLongest, TimeSpan window, TimeSpan slack, int maxPermits, int reservationsAhead, long horizon, string endpoint, string kind, ImRedisRateLimitOptions options, ImRedisTelemetry telemetry)
    {
        // Never disposed: no wait handle is ever asked of it, so it holds nothing to release.
        _ahead = reservationsAhead > 0 ? new SemaphoreSlim(reservationsAhead, reservationsAhead) : null;
        _horizon = FromMicroseconds(Math.Max(0, horizon));
        _connection = connection;
        _keys = [key];
        _script = script;
        _arguments = arguments;
        _share = share;
        _shareLongest = FromMicroseconds(shareLongest);
        _gateLength = (long)(((2 * options.RetryInterval) + window).TotalSeconds * Stopwatch.Frequency);
        _slack = (long)(slack.TotalSeconds * Stopwatch.Frequency);
        _maxPermits = maxPermits;
        _endpoint = endpoint;
        _kind = kind;
        _options = options;
        _telemetry = telemetry;
    }

    /// <summary>Whether the limiter is on the instance's share now (tests, diagnostics).</summary>
    public bool InFallback => Volatile.Read(ref _inFallback);

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        // Only what this instance knows: its waiting calls. Nothing is "available" without asking Redis.
        CurrentAvailablePermits = 0,
        CurrentQueuedCount = Volatile.Read(ref _waiting),
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    // Asking Redis takes a round trip, which a synchronous attempt cannot wait for: it never acquires.
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        return permitCount == 0 ? Acquired : new Lease(false, null);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        if (permitCount == 0)
        {
            return Acquired;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            // A call whose wait ended well after its place (this process was stalled: a busy machine, a long GC)
            // would go together with the calls placed after it, and a second could hold more than the limit: it
            // takes a new place instead, once (the old place stays unused: under-use, never excess).
            var lease = await AcquireCoreAsync(permitCount, cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(lease, Late))
            {
                lease = await AcquireCoreAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            lease = ReferenceEquals(lease, Late) ? Acquired : lease;
            Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
            return lease;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private static long FromMicroseconds(long microseconds) => (long)Math.Min(microseconds * TicksPerMicrosecond, long.MaxValue / 4.0);

    private static long Parse(RedisResult value) => long.Parse((string)value!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    // Waits for the place; Late when it ends more than the slack after it.
    private async ValueTask<RateLimitLease> GoAt(long timestamp, CancellationToken cancellationToken)
    {
        var ahead = timestamp - Stopwatch.GetTimestamp();
        if (ahead > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(ahead / (double)Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetTimestamp() - timestamp > _slack ? Late : Acquired;
    }

    private async ValueTask<RateLimitLease> AcquireCoreAsync(int permitCount, CancellationToken cancellationToken)
    {
        // On the share: until RetryInterval has passed, and then until the one call that tries Redis again has its
        // answer (so that the other calls do not all wait for a timeout while Redis is still away).
        var probe = false;
        if (Volatile.Read(ref _inFallback))
        {
            probe = Stopwatch.GetTimestamp() >= Volatile.Read(ref _fallbackUntil) && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
            if (!probe)
            {
                return await FromShareAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            // Just back on Redis: other instances may still be on their share, which Redis does not see, so this
            // instance keeps to its own share as well. The share comes first and Redis is asked only when the share
            // lets the call go: Redis then counts the call when it really goes (asked first, Redis would count the
            // calls queued on the share up to the share's backlog too early, and admit that many again at the end).
            var sharePlace = long.MinValue;
            if (!probe && Stopwatch.GetTimestamp() < Volatile.Read(ref _gateUntil))
            {
                lock (_sync)
                {
                    sharePlace = _share.Reserve(Stopwatch.GetTimestamp(), Math.Min(permitCount, _share.Capacity), _shareLongest);
                }

                if (sharePlace < 0)
                {
                    return new Lease(false, null);
                }

                if (ReferenceEquals(await GoAt(sharePlace, cancellationToken).ConfigureAwait(false), Late))
                {
                    return Late;
                }
            }

            return await FromRedisAsync(permitCount, probe, sharePlace != long.MinValue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (probe)
            {
                Volatile.Write(ref _probing, 0);
            }
        }
    }

    // Asks Redis for the call's place and waits for it; on a Redis failure, the call goes on the share. probe: the
    // call that tries Redis again after RetryInterval; gated: the call already waited for its place in the share.
    private async ValueTask<RateLimitLease> FromRedisAsync(int permitCount, bool probe, bool gated, CancellationToken cancellationToken)
    {
        // At most reservationsAhead of this instance's places on Redis lie ahead at once; the other calls wait here
        // in turn. This bounds how far ahead every instance together can have taken the App's schedule, which is
        // where the share starts when Redis is lost.
        if (_ahead is not null)
        {
            await _ahead.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var held = _ahead is not null;
        try
        {
            if (!probe && !gated && Volatile.Read(ref _inFallback))
            {
                // Redis was lost while this call waited for its turn: it goes on the share, as the calls after it.
                Release(ref held);
                return await FromShareAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            RedisResult[] result;
            long received;
            try
            {
                var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
                result = (RedisResult[])(await database.ScriptEvaluateAsync(_script, _keys, _arguments(permitCount)).ConfigureAwait(false))!;
                received = Stopwatch.GetTimestamp();
            }
            catch (Exception e) when (e is RedisException or TimeoutException or System.IO.IOException or System.Net.Sockets.SocketException)
            {
                FallBack(e);
                Release(ref held);
                return await FromShareAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }

            var admitted = (long)result[0] == 1;
            var waitMicroseconds = Math.Max(0, Parse(result[1]));

            // The App's use after this answer, in this host's time (counted from the answer's arrival: a little late,
            // which only makes the share start later).
            var latest = received + FromMicroseconds(Math.Max(0, Parse(result[2])));
            long seen;
            while ((seen = Volatile.Read(ref _appLatest)) < latest && Interlocked.CompareExchange(ref _appLatest, latest, seen) != seen)
            {
            }

            Volatile.Write(ref _appUsed, Parse(result[3]));
            Volatile.Write(ref _lastAnswer, received);
            Recovered();
            if (!admitted)
            {
                return new Lease(false, TimeSpan.FromTicks(waitMicroseconds * 10));
            }

            var place = received + FromMicroseconds(waitMicroseconds);
            if (probe)
            {
                // Redis is back and this instance keeps to its share from now on (see Recovered): so does the probe,
                // which asked Redis at once so that the instance learns early that Redis is back.
                long sharePlace;
                lock (_sync)
                {
                    sharePlace = _share.Reserve(Stopwatch.GetTimestamp(), Math.Min(permitCount, _share.Capacity), _shareLongest);
                }

                if (sharePlace < 0)
                {
                    return new Lease(false, null);
                }

                place = Math.Max(place, sharePlace);
            }

            try
            {
                return await GoAt(place, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (held)
            {
                // The place stays taken on Redis until it comes: so does this instance's reservation of it, or the
                // instance could hold more places ahead than the bound the share's start relies on.
                var left = place - Stopwatch.GetTimestamp();
                if (left > 0)
                {
                    held = false;
                    _ = ReleaseLaterAsync(left);
                }

                throw;
            }
        }
        finally
        {
            Release(ref held);
        }
    }

    private void Release(ref bool held)
    {
        if (held)
        {
            held = false;
            _ahead!.Release();
        }
    }

    private async Task ReleaseLaterAsync(long ticks)
    {
        await Task.Delay(TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency)).ConfigureAwait(false);
        _ahead!.Release();
    }

    private async ValueTask<RateLimitLease> FromShareAsync(int permitCount, CancellationToken cancellationToken)
    {
        // A call larger than the whole share (a quota call of more items than 1/InstanceCount of the quota) takes all of it.
        var permits = Math.Min(permitCount, _share.Capacity);
        long place;
        lock (_sync)
        {
            place = _share.Reserve(Stopwatch.GetTimestamp(), permits, _shareLongest);
        }

        if (place < 0)
        {
            return new Lease(false, null);
        }

        var lease = await GoAt(place, cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(lease, Late))
        {
            _telemetry.FallbackPermits(_endpoint, _kind, permits);
        }

        return lease;
    }

    private void FallBack(Exception error)
    {
        var now = Stopwatch.GetTimestamp();
        var retry = (long)(_options.RetryInterval.TotalSeconds * Stopwatch.Frequency);
        bool first;
        long latest;
        var shareStart = long.MinValue;
        lock (_sync)
        {
            first = !_inFallback;
            _inFallback = true;
            Volatile.Write(ref _fallbackUntil, now + retry);
            latest = Volatile.Read(ref _appLatest);
            if (first)
            {
                // What the App already used in this window is not granted again. Calls: every place any instance took
                // on Redis lies before the horizon from now (each instance holds a bounded number of places ahead),
                // whatever this instance last heard; quotas: the items in the window as Redis last counted them.
                var from = _horizon > 0 ? Math.Max(latest, now + _horizon) : latest;
                if (from != long.MinValue)
                {
                    _share.Seed(from, Volatile.Read(ref _appUsed));
                }

                shareStart = _share is ImCallShare calls ? calls.Next : long.MinValue;
            }
        }

        if (first)
        {
            _telemetry.FallingBack(_endpoint, _kind, error, _options.InstanceCount, _options.RetryInterval);
            var lastAnswer = Volatile.Read(ref _lastAnswer);
            _telemetry.ShareStart(
                _endpoint,
                _kind,
                shareStart == long.MinValue ? double.NaN : Milliseconds(shareStart - now),
                lastAnswer == long.MinValue ? double.NaN : Milliseconds(now - lastAnswer),
                lastAnswer == long.MinValue || latest == long.MinValue ? double.NaN : Milliseconds(latest - lastAnswer));
        }
    }

    private static double Milliseconds(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 1);

    private void Recovered()
    {
        if (!Volatile.Read(ref _inFallback))
        {
            return;
        }

        lock (_sync)
        {
            if (!_inFallback)
            {
                return;
            }

            _inFallback = false;
            Volatile.Write(ref _gateUntil, Stopwatch.GetTimestamp() + _gateLength);
        }

        _telemetry.Recovered(_endpoint, _kind);
    }

    private void Check(int permitCount)
    {
        if (permitCount < 0 || permitCount > _maxPermits)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "must be between 0 and the limit, " + _maxPermits.ToString(CultureInfo.InvariantCulture));
        }
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        public Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } retry && string.Equals(metadataName, MetadataName.RetryAfter.Name, StringComparison.Ordinal))
            {
                metadata = retry;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
