using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen;
using ImCsGen.Im;
using ImCsGen.Redis;
using ImCsGen.Redis.Tests;
using ImCsGen.Transport;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 10 (issue 16): the added cost per call of the App-wide limiter (ImCsGen.Redis). The same REST call (GetServerIpList) through two clients that
/// differ only in their limiter: the in-process one, and the Redis one (one script round trip per call). The HTTP
/// exchange is a canned answer in memory (no emulator, no socket), so what differs is all the Redis package adds to
/// a call, and the rounds alternate between the two clients in the same run, so that a busy machine weighs on both
/// alike. The limit is far above the rate reached: nothing waits for its place. The row starts its own redis-server
/// (Debian's, as the Redis tests do) on a free loopback port, without persistence.
/// Reported: the medians of the rounds' means (µs per call, one caller, one call at a time), their difference and
/// ratio, and how many calls per second 32 concurrent callers get through the Redis limiter.
/// </summary>
public static class RedisLimiterCost
{
    private const int Limit = 1_000_000;
    private const string Answer = """{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","IPList":["127.0.0.2","183.192.202.0/25"]}""";

    public sealed record Result(int Rounds, double InProcessMicroseconds, double RedisMicroseconds, double RedisCallsPerSecond)
    {
        public double AddedMicroseconds => RedisMicroseconds - InProcessMicroseconds;

        public double Ratio => RedisMicroseconds / InProcessMicroseconds;
    }

    public static async Task<Result> RunAsync(double seconds, Action<string> log)
    {
        await using var redis = await RedisServer.StartNewAsync().ConfigureAwait(false);
        using var factory = new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { Configuration = redis.Configuration, InstanceCount = 1, KeyPrefix = "imcsgen-bench:" });
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            if (!await factory.ConnectAsync(connecting.Token).ConfigureAwait(false))
            {
                throw new InvalidOperationException("row 10: redis-server on " + redis.Configuration + " did not answer within 30 s");
            }
        }

        using var http = new HttpClient(new CannedHandler());
        using var local = ImClient.Create(Options(null), http);
        using var shared = ImClient.Create(Options(factory), http);

        // Warm-up (JIT, the script loaded into Redis), then alternating rounds until the time is up.
        await MeanMicrosecondsAsync(local, 5_000).ConfigureAwait(false);
        await MeanMicrosecondsAsync(shared, 1_000).ConfigureAwait(false);
        var localMeans = new List<double>();
        var sharedMeans = new List<double>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds * 0.8 || localMeans.Count < 3)
        {
            localMeans.Add(await MeanMicrosecondsAsync(local, 5_000).ConfigureAwait(false));
            sharedMeans.Add(await MeanMicrosecondsAsync(shared, 1_000).ConfigureAwait(false));
        }

        // Concurrency: what one instance gets through its Redis limiter with 32 callers at once.
        var calls = 0L;
        var until = Stopwatch.StartNew();
        var span = TimeSpan.FromSeconds(Math.Max(1, seconds * 0.2));
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (until.Elapsed < span)
            {
                await shared.GetServerIpListAsync(new GetServerIpListRequest()).ConfigureAwait(false);
                Interlocked.Increment(ref calls);
            }
        }))).ConfigureAwait(false);

        var result = new Result(localMeans.Count, Median(localMeans), Median(sharedMeans), calls / until.Elapsed.TotalSeconds);
        log(string.Create(
            CultureInfo.InvariantCulture,
            $"row 10: {result.Rounds} alternating rounds, in-process {result.InProcessMicroseconds:F1} µs/call, Redis {result.RedisMicroseconds:F1} µs/call; rounds in-process [{string.Join(' ', localMeans.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}], Redis [{string.Join(' ', sharedMeans.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        return result;
    }

    private static ImClientOptions Options(IImRateLimiterFactory? factory)
    {
        var options = new ImClientOptions
        {
            SdkAppId = 1400000000,
            Identifier = "administrator",
            SecretKey = "imcsgen-bench-secret-key-0123456789abcdef",
            BaseAddress = new Uri("http://127.0.0.1:9/"),
            RateLimiterFactory = factory,
            MaxRetryAttempts = 0,
        };
        options.RateLimits["ConfigSvc/GetIPList"] = Limit;
        return options;
    }

    private static async Task<double> MeanMicrosecondsAsync(ImClient client, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await client.GetServerIpListAsync(new GetServerIpListRequest()).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // Tencent's answer to GetIPList, from memory: the HTTP exchange costs both clients the same, next to nothing.
    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Answer, System.Text.Encoding.UTF8, "application/json") });
    }
}
