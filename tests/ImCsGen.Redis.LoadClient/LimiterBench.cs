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
using ImCsGen.Transport;

/// <summary>
/// The added cost per call of the App-wide limiter. The same REST call (GetServerIpList) through two clients that
/// differ only in their limiter: the in-process one, and the Redis one (one script round trip per call). The HTTP
/// exchange is a canned answer in memory (no emulator, no socket), so what differs is all the Redis package adds to
/// a call, and the rounds alternate between the two clients in the same run, so that a busy machine weighs on both
/// alike. The limit is far above the rate reached: nothing waits for its place.
/// <code>dotnet ImCsGen.Redis.LoadClient.dll --bench SECONDS --redis 127.0.0.1:6379</code>
/// Prints the medians of the rounds' means (µs per call, one caller, one call at a time), their difference and
/// ratio, and how many calls per second 32 concurrent callers get through the Redis limiter.
/// </summary>
internal static class LimiterBench
{
    private const int Limit = 1_000_000;
    private const string Answer = """{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","IPList":["127.0.0.2","183.192.202.0/25"]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(Value(args, "--bench") ?? "20", CultureInfo.InvariantCulture);
        var redisConfiguration = Value(args, "--redis") ?? throw new ArgumentException("missing argument --redis");
        using var factory = new ImRedisRateLimiterFactory(new ImRedisRateLimitOptions { Configuration = redisConfiguration, InstanceCount = 1, KeyPrefix = "imcsgen-bench:" + Guid.NewGuid().ToString("N") + ":" });
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            if (!await factory.ConnectAsync(connecting.Token).ConfigureAwait(false))
            {
                Console.Error.WriteLine("Redis did not answer within 30 s");
                return 2;
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

        var localMedian = Median(localMeans);
        var sharedMedian = Median(sharedMeans);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"BENCH rounds={localMeans.Count} in_process_us={localMedian:F1} redis_us={sharedMedian:F1} added_us={sharedMedian - localMedian:F1} ratio={sharedMedian / localMedian:F1} redis_calls_per_s_32_callers={calls / until.Elapsed.TotalSeconds:F0} in_process_rounds_us=[{string.Join(' ', localMeans.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}] redis_rounds_us=[{string.Join(' ', sharedMeans.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        return 0;
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

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // Tencent's answer to GetIPList, from memory: the HTTP exchange costs both clients the same, next to nothing.
    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Answer, System.Text.Encoding.UTF8, "application/json") });
    }
}
