using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ImCsGen.Redis;

/// <summary>
/// Makes every endpoint's limits App-wide: one token bucket per endpoint and one sliding window per quota, kept in
/// Redis under <c>{KeyPrefix}{SDKAppID}</c>, shared by every instance that uses the same Redis and SDKAppID. Set it
/// on <see cref="ImClientOptions.RateLimiterFactory"/>, or register it with
/// <c>services.AddTencentIm(...).UseRedisRateLimits(...)</c>. The limits are the client's own (RateLimits,
/// QuotaLimits, the spec's); the buckets have the same shape as the in-process ones.
/// </summary>
public sealed class ImRedisRateLimiterFactory : IImRateLimiterFactory, IDisposable
{
    // How far ahead (µs) the instances together may take an endpoint's schedule of calls on Redis: far enough that a
    // Redis round trip on a busy host (tens of ms) never leaves the App's quota unused, short enough that the share,
    // which must start after it when Redis is lost, does not start much later than needed.
    internal const long HorizonMicroseconds = 250_000;

    private readonly ImRedisRateLimitOptions _options;
    private readonly ImRedisConnection _connection;
    private readonly ImRedisTelemetry _telemetry;

    /// <summary>Creates the factory; the connection is made on the first call (an unreachable Redis only means the fallback).</summary>
    public ImRedisRateLimiterFactory(ImRedisRateLimitOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _connection = new ImRedisConnection(options);
        _telemetry = new ImRedisTelemetry(meterFactory, (ILogger?)loggerFactory?.CreateLogger<ImRedisRateLimiterFactory>() ?? NullLogger.Instance);
    }

    /// <summary>The Redis key of one limit of an App: <c>{KeyPrefix}{SDKAppID}:{kind}:{path}</c>, kind <c>call</c> or <c>quota</c>.</summary>
    public string GetKey(long sdkAppId, string kind, string path)
        => _options.KeyPrefix + "{" + sdkAppId.ToString(CultureInfo.InvariantCulture) + "}:" + kind + ":" + path;

    /// <inheritdoc />
    public RateLimiter CreateCallLimiter(ImEndpoint endpoint, int callsPerSecond, ImClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);

        // The in-process bucket's shape (burst and refill period) as a rate: one permit per interval, burst permits at once.
        var (burst, period) = ImLocalRateLimiters.Shape(callsPerSecond);
        var interval = (long)Math.Ceiling(period.Ticks / 10.0 / burst);
        var tolerance = (burst - 1) * interval;

        // A place further ahead than the call's deadline, or than every instance's queue together, is refused.
        var longest = interval * (long)options.RateLimitQueueLimit * _options.InstanceCount;
        if (options.TotalTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            longest = Math.Min(longest, options.TotalTimeout.Ticks / 10);
        }

        // Each instance holds at most `ahead` places of the App's schedule that have not come yet (about a quarter of
        // a second of the App's calls between all instances; its other calls wait in the instance, in turn). So
        // all instances together, whoever asked Redis last, have taken the schedule at most `horizon` ahead (one
        // interval per place ahead, plus the next call's): the share starts there when Redis is lost.
        var instances = _options.InstanceCount;
        var ahead = (int)Math.Clamp((HorizonMicroseconds + (interval * instances) - 1) / (interval * instances), 1, int.MaxValue / 2);
        var horizon = ((long)ahead * instances + 1) * interval;

        // The instance's share while Redis is unreachable: one call every InstanceCount intervals (1/InstanceCount of
        // the App's pace), starting after the horizon plus the App's burst and one interval per instance.
        var share = new ImCallShare(
            (long)(interval * instances * (Stopwatch.Frequency / 1_000_000.0)),
            (long)((burst + instances) * interval * (Stopwatch.Frequency / 1_000_000.0)));
        return new ImRedisSharedLimiter(
            _connection,
            GetKey(options.SdkAppId, "call", endpoint.Path),
            ImRedisScripts.CallBucket,
            permits => [interval, tolerance, permits, longest],
            share,
            longest,
            TimeSpan.FromSeconds(1),

            LateSlack(callsPerSecond, burst, interval),
            Math.Max(1, burst),
            ahead,
            horizon,
            endpoint.Path,
            "call",
            _options,
            _telemetry);
    }

    // How late after its place a call may still go (beyond it, it takes a new place). The schedule holds at most
    // burst + 1 s / interval calls in any second (197 for 200/s: the shape keeps 1% of the limit free); late calls
    // bunch with the calls placed after them, so a slack of k intervals can add k calls to a second. The slack keeps
    // them inside the free room, less one call left for the trip from the limiter to Tencent: 2 intervals (10.4 ms)
    // for 200/s, at least one. (Session 6: a slack of one refill period, 26 ms for 200/s, let 202 calls go in one
    // second at the proof's common start and the emulator answered one 60007.)
    internal static TimeSpan LateSlack(int callsPerSecond, int burst, long intervalMicroseconds)
    {
        var mostInASecond = burst + (1_000_000 / intervalMicroseconds);
        var room = Math.Max(1, callsPerSecond - mostInASecond - 1);
        return TimeSpan.FromTicks(room * intervalMicroseconds * 10);
    }

    /// <inheritdoc />
    public RateLimiter CreateQuotaLimiter(ImEndpoint endpoint, int permits, ImClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var quota = endpoint.Quota ?? throw new ArgumentException("endpoint " + endpoint.Path + " has no quota", nameof(endpoint));

        // The in-process window's length: the quota's window plus one second of headroom for network jitter.
        var window = (quota.PerSeconds + 1) * 1_000_000L;
        var longest = options.TotalTimeout == System.Threading.Timeout.InfiniteTimeSpan ? long.MaxValue / 4 : options.TotalTimeout.Ticks / 10;
        // The instance's share while Redis is unreachable: 1/InstanceCount of the items over the same window.
        var share = new ImQuotaShare(Math.Max(1, permits / _options.InstanceCount), (long)(window * (Stopwatch.Frequency / 1_000_000.0)), _options.InstanceCount);
        return new ImRedisSharedLimiter(
            _connection,
            GetKey(options.SdkAppId, "quota", endpoint.Path),
            ImRedisScripts.QuotaWindow,
            items => [window, permits, items, longest, Guid.NewGuid().ToString("N")],
            share,
            longest,
            TimeSpan.FromTicks(window * 10),

            // The quota's window already has one second of headroom over Tencent's: lateness within it is harmless.
            TimeSpan.FromSeconds(1),
            permits,

            // No bound on the places ahead: a quota's share starts from the App's items as Redis last counted them.
            0,
            0,
            endpoint.Path,
            "quota",
            _options,
            _telemetry);
    }

    /// <summary>
    /// Connects to Redis now and waits until it answers, or until <paramref name="cancellationToken"/> ends the wait
    /// (then false). Optional, for start-up: calls made while the connection is still being set up use the
    /// instance's share, with a warning, as during an outage.
    /// </summary>
    public Task<bool> ConnectAsync(CancellationToken cancellationToken = default) => _connection.ConnectAsync(cancellationToken);

    /// <summary>Closes the connection this factory made (not one given in the options).</summary>
    public void Dispose()
    {
        _connection.Dispose();
        _telemetry.Dispose();
    }
}
