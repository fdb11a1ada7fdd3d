using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImCsGen.Auth;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Benchmarks.Stub;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 1, profiling aid: the same calls over an in-memory HttpMessageHandler that answers the canned JSON
/// without a socket, so the client-side cost (ours vs hand-written) is not buried under loopback I/O and
/// scheduler noise. "Bare" is the generated client with the limiter off, no retries and no timeouts:
/// the difference to "Production" is the cost of the resilience pipeline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InMemoryCallBenchmarks
{
    private HttpClient _http = null!;
    private ImClient _production = null!;
    private ImClient _bare = null!;
    private HandWrittenImClient _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baseAddress = new Uri("http://127.0.0.1:9/");
        _http = new HttpClient(new CannedHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var production = Options(baseAddress);
        production.RateLimits["SendC2CMessage"] = 10_000_000;
        production.RateLimits["GetProfile"] = 10_000_000;
        _production = ImClient.Create(production, _http);
        var bare = Options(baseAddress);
        bare.EnableRateLimiting = false;
        bare.MaxRetryAttempts = 0;
        bare.Timeout = Timeout.InfiniteTimeSpan;
        bare.TotalTimeout = Timeout.InfiniteTimeSpan;
        _bare = ImClient.Create(bare, _http);
        _handWritten = new HandWrittenImClient(_http, baseAddress, CallCostBenchmarks.SdkAppId, CallCostBenchmarks.Identifier, new CachingUserSigProvider(CallCostBenchmarks.SdkAppId, CallCostBenchmarks.SecretKey, TimeSpan.FromDays(1)));
    }

    [Benchmark(Baseline = true), BenchmarkCategory("InMemory SendC2CMessage")]
    public async Task<long?> HandWritten_InMemory_Send()
        => (await _handWritten.SendMsgAsync(new HandSendMsgRequest
        {
            FromAccount = "agent_01",
            ToAccount = "user_0001",
            MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
        }).ConfigureAwait(false)).MsgTime;

    [Benchmark, BenchmarkCategory("InMemory SendC2CMessage")]
    public Task<long?> Production_InMemory_Send() => Send(_production);

    [Benchmark, BenchmarkCategory("InMemory SendC2CMessage")]
    public Task<long?> Bare_InMemory_Send() => Send(_bare);

    [Benchmark(Baseline = true), BenchmarkCategory("InMemory GetProfile")]
    public async Task<int> HandWritten_InMemory_Profile()
        => (await _handWritten.GetProfileAsync(new HandGetProfileRequest
        {
            ToAccount = new List<string> { "user_0001", "user_0002" },
            TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Level" },
        }).ConfigureAwait(false)).UserProfileItem!.Count;

    [Benchmark, BenchmarkCategory("InMemory GetProfile")]
    public Task<int> Production_InMemory_Profile() => Profile(_production);

    [Benchmark, BenchmarkCategory("InMemory GetProfile")]
    public Task<int> Bare_InMemory_Profile() => Profile(_bare);

    private static ImClientOptions Options(Uri baseAddress) => new()
    {
        SdkAppId = CallCostBenchmarks.SdkAppId,
        Identifier = CallCostBenchmarks.Identifier,
        SecretKey = CallCostBenchmarks.SecretKey,
        BaseAddress = baseAddress,
    };

    private static async Task<long?> Send(ImClient client)
        => (await client.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            FromAccount = "agent_01",
            ToAccount = "user_0001",
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help?" } },
        }).ConfigureAwait(false)).MsgTime;

    private static async Task<int> Profile(ImClient client)
        => (await client.GetProfileAsync(new GetProfileRequest
        {
            ToAccount = new List<string> { "user_0001", "user_0002" },
            TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Level" },
        }).ConfigureAwait(false)).UserProfileItem!.Count;

    /// <summary>Answers like the stub, synchronously, from memory (the request body is read as a server would).</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                await content.CopyToAsync(System.IO.Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            var body = request.RequestUri!.AbsolutePath.EndsWith("/portrait_get", StringComparison.Ordinal) ? CannedResponses.PortraitGet : CannedResponses.SendMsg;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } } };
        }
    }
}
