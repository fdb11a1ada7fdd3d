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
/// instance's share of the limit (an in-process limiter of 1/InstanceCount) stands in:
/// <list type="bullet">
/// <item>On a Redis failure the endpoint switches to the share for <c>RetryInterval</c> (a warning, a metric),
/// then tries Redis again with the next call; calls never fail because Redis did.</item>
/// <item>The share starts only after the last place this instance already holds in Redis, so the calls Redis
/// admitted and the share's calls do not overlap.</item>
/// <item>After Redis answers again, calls pass the share as well for <c>RetryInterval</c> + 1 s: other instances
/// may still be on their share (uncounted by Redis) until their own retry, and one second later none of their
/// calls is left in any one-second window.</item>
/// </list>
/// A call cancelled while it waits for its place leaves that place unused (the quota is under-used, never exceeded).
/// </summary>
internal sealed class ImRedisSharedLimiter : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true, null);

    private readonly ImRedisConnection _connection;
    private readonly RedisKey[] _keys;
    private readonly string _script;
    private readonly Func<int, RedisValue[]> _arguments;
    private readonly RateLimiter _share;
    private readonly int _sharePermits;
    private readonly int _maxPermits;
    private readonly string _endpoint;
    private readonly string _kind;
    private readonly ImRedisRateLimitOptions _options;
    private readonly ImRedisTelemetry _telemetry;
    private readonly object _sync = new();
    private bool _inFallback;
    private long _fallbackUntil;
    private long _gateUntil;
    private long _reservedUntil;
    private int _waiting;
    private long _successful;
    private long _failed;

    public ImRedisSharedLimiter(ImRedisConnection connection, RedisKey key, string script, Func<int, RedisValue[]> arguments, RateLimiter share, int sharePermits, int maxPermits, string endpoint, string kind, ImRedisRateLimitOptions options, ImRedisTelemetry telemetry)
    {
        _connection = connection;
        _keys = [key];
        _script = script;
        _arguments = arguments;
        _share = share;
        _sharePermits = sharePermits;
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
            var lease = await AcquireCoreAsync(permitCount, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
            return lease;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _share.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<RateLimitLease> AcquireCoreAsync(int permitCount, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (now < Volatile.Read(ref _fallbackUntil))
        {
            return await FromShareAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        if (now < Volatile.Read(ref _gateUntil))
        {
            // Just back on Redis: the share applies as well until no instance can still be on its own share.
            using var gate = await _share.AcquireAsync(Math.Min(permitCount, _sharePermits), cancellationToken).ConfigureAwait(false);
            if (!gate.IsAcquired)
            {
                return new Lease(false, null);
            }
        }

        bool admitted;
        long waitMicroseconds;
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(_script, _keys, _arguments(permitCount)).ConfigureAwait(false))!;
            admitted = (long)result[0] == 1;
            waitMicroseconds = long.Parse((string)result[1]!, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.IO.IOException or System.Net.Sockets.SocketException)
        {
            FallBack(e);
            return await FromShareAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        Recovered();
        var wait = TimeSpan.FromTicks(Math.Max(0, waitMicroseconds) * 10);
        if (!admitted)
        {
            return new Lease(false, wait);
        }

        // Remember how far ahead this instance holds places, so that a fallback starts only after them.
        var place = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        long seen;
        while ((seen = Volatile.Read(ref _reservedUntil)) < place && Interlocked.CompareExchange(ref _reservedUntil, place, seen) != seen)
        {
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        return Acquired;
    }

    private async ValueTask<RateLimitLease> FromShareAsync(int permitCount, CancellationToken cancellationToken)
    {
        var ahead = Volatile.Read(ref _reservedUntil) - Stopwatch.GetTimestamp();
        if (ahead > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(ahead / (double)Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        }

        // A call larger than the whole share (a quota call of more items than 1/InstanceCount of the quota) takes all of it.
        var permits = Math.Min(permitCount, _sharePermits);
        var lease = await _share.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
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
        lock (_sync)
        {
            first = !_inFallback;
            _inFallback = true;
            Volatile.Write(ref _fallbackUntil, now + retry);
        }

        if (first)
        {
            _telemetry.FallingBack(_endpoint, _kind, error, _options.InstanceCount, _options.RetryInterval);
        }
    }

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
            var gate = _options.RetryInterval + TimeSpan.FromSeconds(1);
            Volatile.Write(ref _gateUntil, Stopwatch.GetTimestamp() + (long)(gate.TotalSeconds * Stopwatch.Frequency));
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
