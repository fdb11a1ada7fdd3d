using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ImCsGen.Benchmarks.Stub;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 8 (issue 17 item 5): the batch-send quota limiter (spec: openim/batchsendmsg, 12,000 messages a minute
/// counted per recipient). A 500-recipient BatchSendC2CMessage over an in-memory handler, with the production
/// options (the 200/s limiter and the recipient quota, set high enough here that no call waits) against the
/// same call with rate limiting off. The difference is what counting 500 permits and the limiter pipeline
/// cost per batch; the quota's pacing itself is tested (tests/ImCsGen.Runtime.Tests), not timed.
/// </summary>
[MemoryDiagnoser]
public class QuotaLimiterBenchmarks
{
    private HttpClient _http = null!;
    private ImClient _withQuota = null!;
    private ImClient _withoutLimits = null!;
    private BatchSendC2CMessageRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new CannedHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var withQuota = Options();
        withQuota.RateLimits["BatchSendC2CMessage"] = 10_000_000;
        withQuota.QuotaLimits["BatchSendC2CMessage"] = int.MaxValue;
        _withQuota = ImClient.Create(withQuota, _http);
        var without = Options();
        without.EnableRateLimiting = false;
        _withoutLimits = ImClient.Create(without, _http);
        _request = new BatchSendC2CMessageRequest
        {
            FromAccount = "cs_virtual",
            ToAccount = Enumerable.Range(0, 500).Select(i => "user_" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            MsgBody = [new TIMTextElem { Text = "Your ticket was answered" }],
        };
    }

    /// <summary>Diagnostic (<c>quotaprobe</c> verb): mean microseconds per call of each client, measured directly.</summary>
    public static async Task<int> ProbeAsync(int calls)
    {
        var bench = new QuotaLimiterBenchmarks();
        bench.Setup();
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (name, client) in new[] { ("rate limiting off", bench._withoutLimits), ("with quota", bench._withQuota) })
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    await bench.Send(client).ConfigureAwait(false);
                }

                Console.WriteLine("round " + round + ", " + name + ": " + (watch.Elapsed.TotalMicroseconds / calls).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " µs per call");
            }
        }

        bench.Cleanup();
        return 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true)]
    public Task<bool> BatchSend_RateLimitingOff() => Send(_withoutLimits);

    [Benchmark]
    public Task<bool> BatchSend_WithQuota() => Send(_withQuota);

    private async Task<bool> Send(ImClient client) => (await client.BatchSendC2CMessageAsync(_request).ConfigureAwait(false)).IsSuccess;

    private static ImClientOptions Options() => new()
    {
        SdkAppId = CallCostBenchmarks.SdkAppId,
        Identifier = CallCostBenchmarks.Identifier,
        SecretKey = CallCostBenchmarks.SecretKey,
        BaseAddress = new Uri("http://127.0.0.1:9/"),
    };

    /// <summary>Reads the request body as a server would and answers success from memory.</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                await content.CopyToAsync(System.IO.Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(CannedResponses.SendMsg) { Headers = { { "Content-Type", "application/json" } } } };
        }
    }
}
