using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Benchmarks.Stub;
using ImCsGen.Im;
using ImCsGen.Transport;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ImCsGen.Benchmarks.Probes;

/// <summary>
/// Profiling aid for row 1 (verb <c>probe</c>): bytes allocated per operation by each piece of a call, ours
/// next to the hand-written equivalent, measured with GC.GetTotalAllocatedBytes(precise) over many runs.
/// The pieces mirror ImHttpTransport's steps; the Polly pipeline is rebuilt with the same four strategies.
/// </summary>
public static class AllocationProbe
{
    private const int Runs = 20_000;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync()
    {
        var baseAddress = new Uri("http://127.0.0.1:5000/");
        const string sig = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwsUmhhAxpFIwJbmSk5-ZUpVqBtk_X0bsVCJgYGhkiaDuTrmKUlVqAVr5H0A_";
        Report("request object: generated", () => NewRequest());
        Report("request object: hand-written DTO", () => NewHand());
        var request = NewRequest();
        Report("Validate()", () => request.Validate());
        Report("serialize: transport's way (new ArrayBufferWriter(512) + Utf8JsonWriter + ToArray)", () =>
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                request.WriteJson(writer);
            }

            return buffer.WrittenSpan.ToArray();
        });
        var hand = NewHand();
        Report("serialize: JsonSerializer.SerializeToUtf8Bytes (pooled writer)", () => JsonSerializer.SerializeToUtf8Bytes(hand, HandJsonContext.Default.HandSendMsgRequest));
        Report("URL: ImRequestUri.Build", () => ImRequestUri.Build(baseAddress, "openim/sendmsg", 1400000000, "administrator", sig, 123456789));
        Report("URL: string concat + new Uri", () => new Uri("http://127.0.0.1:5000/v4/openim/sendmsg?sdkappid=1400000000&identifier=administrator&usersig=" + sig + "&random=" + 123456789u.ToString(CultureInfo.InvariantCulture) + "&contenttype=json"));
        Report("HttpRequestMessage + ByteArrayContent + content type", () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, baseAddress) { Content = new ByteArrayContent(CannedResponses.SendMsg) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return message;
        });
        Report("response: generated ReadJson (from byte[])", () =>
        {
            var reader = new Utf8JsonReader(CannedResponses.SendMsg);
            return SendC2CMessageResponse.ReadJson(ref reader);
        });
        Report("response: STJ Deserialize (from byte[])", () => JsonSerializer.Deserialize(CannedResponses.SendMsg, HandJsonContext.Default.HandSendMsgResponse));
        Report("response body copy (ReadAsByteArrayAsync after buffering)", () => CannedResponses.SendMsg.AsSpan().ToArray());

        var pipeline = ProductionLikePipeline();
        await ReportAsync("Polly pipeline (deadline, retry, token bucket, attempt timeout) around an async callback", async () =>
        {
            var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
            try
            {
                return await pipeline.ExecuteAsync(static async (_, s) => { await Task.Yield(); return s; }, context, 1).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }).ConfigureAwait(false);
        foreach (var (name, single) in new (string, ResiliencePipeline)[]
        {
            ("  one strategy: timeout", new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(10)).Build()),
            ("  one strategy: retry (not triggered)", new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { ShouldHandle = static _ => new ValueTask<bool>(false) }).Build()),
            ("  one strategy: token bucket (permit available)", new ResiliencePipelineBuilder().AddRateLimiter(Bucket()).Build()),
        })
        {
            await ReportAsync(name, async () =>
            {
                var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
                try
                {
                    return await single.ExecuteAsync(static async (_, s) => { await Task.Yield(); return s; }, context, 1).ConfigureAwait(false);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }
            }).ConfigureAwait(false);
        }

        await ReportAsync("the same async callback without the pipeline", async () =>
        {
            await Task.Yield();
            return 1;
        }).ConfigureAwait(false);
        return 0;
    }

    private static SendC2CMessageRequest NewRequest() => new()
    {
        FromAccount = "agent_01",
        ToAccount = "user_0001",
        MsgRandom = 42,
        MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help?" } },
    };

    private static HandSendMsgRequest NewHand() => new()
    {
        FromAccount = "agent_01",
        ToAccount = "user_0001",
        MsgRandom = 42,
        MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
    };

    private static ResiliencePipeline ProductionLikePipeline()
        => new ResiliencePipelineBuilder()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(100) })
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true, ShouldHandle = static _ => new ValueTask<bool>(false) })
            .AddRateLimiter(Bucket())
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(10) })
            .Build();

    private static System.Threading.RateLimiting.TokenBucketRateLimiter Bucket()
        => new(new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
        {
            TokenLimit = 1_000_000,
            TokensPerPeriod = 1_000_000,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            AutoReplenishment = true,
            QueueLimit = 100_000,
        });

    private static void Report(string what, Func<object?> action)
    {
        for (var i = 0; i < 1000; i++)
        {
            GC.KeepAlive(action());
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Runs; i++)
        {
            GC.KeepAlive(action());
        }

        Print(what, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Runs);
    }

    private static void Report(string what, Action action) => Report(what, () => { action(); return null; });

    private static async Task ReportAsync(string what, Func<Task<int>> action)
    {
        for (var i = 0; i < 1000; i++)
        {
            await action().ConfigureAwait(false);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Runs; i++)
        {
            await action().ConfigureAwait(false);
        }

        Print(what, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Runs);
    }

    private static void Print(string what, double bytes) => Console.WriteLine(bytes.ToString("0", CultureInfo.InvariantCulture).PadLeft(7) + " B  " + what);
}
