using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen;
using ImCsGen.Im;
using ImCsGen.Redis;
using Microsoft.Extensions.Logging;

// One instance of a backend that shares its App's quota with others through Redis. It calls one endpoint
// (ConfigSvc/GetIPList) from --concurrency loops, from --start (Unix ms, the same for every instance) for
// --seconds, then (uncounted) until its limiter is back on Redis after an outage, and prints one line:
// RESULT ok=N failed=N fallback_permits=N fallback_warnings=N recovered=N.
// With --start stdin it prints READY once warmed up and reads the start (Unix ms) from its standard input, so
// that a slow start-up on a busy machine cannot eat into the measured span.
//
//   dotnet ImCsGen.Redis.LoadClient.dll --emulator http://127.0.0.1:PORT --redis 127.0.0.1:6379 --instances 4
//       --limit 200 --seconds 20 --concurrency 8 --start 1767225600000|stdin [--sdkappid 1400000000] [--secret KEY]
// With --trace FILE it writes when each call was let go by its limiter (Unix ms, one a line), FILE.share when each
// share permit was, and FILE.waiting whether calls were waiting in the limiter, sampled every 5 ms ("ms 1|0").
// The added cost per call of the Redis limiter is row 10 of the benchmarks (tests/ImCsGen.Benchmarks).
var options = Args.Parse(args);
var fallbackPermits = 0L;
using var listener = new MeterListener();
listener.InstrumentPublished = static (instrument, l) =>
{
    if (instrument.Meter.Name == "ImCsGen.Redis" && instrument.Name == "imcsgen.redis.rate_limit.fallback_permits")
    {
        l.EnableMeasurementEvents(instrument);
    }
};
var sharePermits = new System.Collections.Concurrent.ConcurrentQueue<long>();
listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
{
    Interlocked.Add(ref fallbackPermits, value);
    sharePermits.Enqueue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
});
listener.Start();

var log = new CountingLoggerFactory();
using var redis = new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { Configuration = options.Redis, InstanceCount = options.Instances, KeyPrefix = options.KeyPrefix }, log);
var clientOptions = new ImClientOptions
{
    SdkAppId = options.SdkAppId,
    Identifier = "administrator",
    SecretKey = options.Secret,
    BaseAddress = new Uri(options.Emulator),
    RateLimiterFactory = options.Trace is null ? redis : new GrantRecorder(redis),
    MaxRetryAttempts = 0,
};
clientOptions.RateLimits["ConfigSvc/GetIPList"] = options.Limit;
using var client = ImClient.Create(clientOptions, null, log);

// Warm up (Redis connection, JIT, HTTP connection) before the common start, so every instance is ready at once.
using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
{
    if (!await redis.ConnectAsync(connecting.Token).ConfigureAwait(false))
    {
        Console.Error.WriteLine("Redis did not answer within 60 s");
        return 2;
    }
}

await client.GetServerIpListAsync(new GetServerIpListRequest()).ConfigureAwait(false);
long startMs;
if (options.Start == "stdin")
{
    Console.WriteLine("READY");
    startMs = long.Parse(Console.ReadLine() ?? throw new InvalidOperationException("no start time on standard input"), CultureInfo.InvariantCulture);
}
else
{
    startMs = long.Parse(options.Start, CultureInfo.InvariantCulture);
}

var start = DateTimeOffset.FromUnixTimeMilliseconds(startMs);
var delay = start - DateTimeOffset.UtcNow;
if (delay > TimeSpan.Zero)
{
    await Task.Delay(delay).ConfigureAwait(false);
}

var end = start + TimeSpan.FromSeconds(options.Seconds);
long ok = 0, failed = 0;

// Every 5 ms: whether calls were waiting in the limiter (the limiter, not the CPU or the emulator, held them back).
// The gaps between samples show when this process did not get the CPU.
var samples = new System.Collections.Concurrent.ConcurrentQueue<(long At, bool Waiting)>();
using var sampling = new CancellationTokenSource();
var sampler = options.Trace is null ? Task.CompletedTask : Task.Run(async () =>
{
    var recorder = (GrantRecorder)clientOptions.RateLimiterFactory;
    while (!sampling.IsCancellationRequested)
    {
        samples.Enqueue((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), recorder.Waiting > 0));
        try
        {
            await Task.Delay(5, sampling.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
});
var loops = new List<Task>();
for (var i = 0; i < options.Concurrency; i++)
{
    loops.Add(Task.Run(async () =>
    {
        while (DateTimeOffset.UtcNow < end)
        {
            try
            {
                await client.GetServerIpListAsync(new GetServerIpListRequest()).ConfigureAwait(false);

                // Only calls answered inside the measured span count towards the quota used.
                if (DateTimeOffset.UtcNow <= end)
                {
                    Interlocked.Increment(ref ok);
                }
            }
            catch (ImException e)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine("call failed: " + e.Message);
            }
        }
    }));
}

await Task.WhenAll(loops).ConfigureAwait(false);
await sampling.CancelAsync().ConfigureAwait(false);
await sampler.ConfigureAwait(false);

// The limiter goes back to Redis on a call after Redis returns; on a busy machine that may be after the span:
// keep calling (uncounted) until it has, or for 20 s at most.
var recoveryDeadline = DateTimeOffset.UtcNow.AddSeconds(20);
while (log.Warnings > log.Recoveries && DateTimeOffset.UtcNow < recoveryDeadline)
{
    try
    {
        await client.GetServerIpListAsync(new GetServerIpListRequest()).ConfigureAwait(false);
    }
    catch (ImException e)
    {
        Interlocked.Increment(ref failed);
        Console.Error.WriteLine("call failed: " + e.Message);
    }
}

if (options.Trace is not null)
{
    ((GrantRecorder)clientOptions.RateLimiterFactory).Write(options.Trace);
    File.WriteAllLines(options.Trace + ".share", sharePermits.Select(ms => ms.ToString(CultureInfo.InvariantCulture)));
    File.WriteAllLines(options.Trace + ".waiting", samples.Select(x => x.At.ToString(CultureInfo.InvariantCulture) + (x.Waiting ? " 1" : " 0")));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT ok={ok} failed={failed} fallback_permits={Interlocked.Read(ref fallbackPermits)} fallback_warnings={log.Warnings} recovered={log.Recoveries}"));
return failed == 0 ? 0 : 1;

internal sealed record Args(string Emulator, string Redis, int Instances, int Limit, int Seconds, int Concurrency, string Start, long SdkAppId, string Secret, string KeyPrefix, string? Trace)
{
    public static Args Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i]] = args[i + 1];
        }

        string Get(string name, string? fallback = null)
            => map.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException("missing argument " + name);

        return new Args(
            Get("--emulator"),
            Get("--redis"),
            int.Parse(Get("--instances", "4"), CultureInfo.InvariantCulture),
            int.Parse(Get("--limit", "200"), CultureInfo.InvariantCulture),
            int.Parse(Get("--seconds", "20"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency", "8"), CultureInfo.InvariantCulture),
            Get("--start", DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            long.Parse(Get("--sdkappid", "1400000000"), CultureInfo.InvariantCulture),
            Get("--secret", "imcsgen-emulator-secret-key-0123456789abcdef"),
            Get("--key-prefix", "imcsgen:"),
            map.TryGetValue("--trace", out var trace) ? trace : null);
    }
}

// Counts the Redis limiter's fallback warnings and recoveries (and echoes warnings to stderr).
internal sealed class CountingLoggerFactory : ILoggerFactory, ILogger
{
    private int _warnings;
    private int _recoveries;

    public int Warnings => Volatile.Read(ref _warnings);

    public int Recoveries => Volatile.Read(ref _recoveries);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Debug as well, for the share's start (event 3), which the proof prints.
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == "RedisRateLimitFallback")
        {
            Interlocked.Increment(ref _warnings);
            Console.Error.WriteLine("warning: " + formatter(state, exception));
        }
        else if (eventId.Name == "RedisRateLimitShareStart")
        {
            // With the wall clock (Unix ms), so that the proof can set the share's start against the grant times.
            Console.Error.WriteLine("share at " + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ": " + formatter(state, exception));
        }
        else if (eventId.Name == "RedisRateLimitRecovered")
        {
            Interlocked.Increment(ref _recoveries);
        }
    }
}
