using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImCsGen.Auth;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Benchmarks.Stub;
using ImCsGen.Im;
using Refit;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 1: one call through (a) the generated client on the real ImHttpTransport, (b) hand-written HttpClient +
/// STJ source generation, (c) Refit + STJ source generation, against the same loopback stub over one shared
/// HttpClient. The transport runs its production pipeline (deadline, retries, per-endpoint token bucket,
/// attempt timeout); the bucket is sized so a benchmark loop never waits on it and the stub never fails, so
/// neither the limiter's queue nor a retry is triggered: what is measured is their cost on the happy path.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallCostBenchmarks
{
    public const long SdkAppId = 1400000000;
    public const string Identifier = "administrator";
    public const string SecretKey = "bench-secret-key-0123456789abcdef0123456789abcdef";

    private LoopbackStub _stub = null!;
    private SocketsHttpHandler _handler = null!;
    private HttpClient _http = null!;
    private ImClient _generated = null!;
    private HandWrittenImClient _handWritten = null!;
    private IRefitImApi _refit = null!;
    private CachingUserSigProvider _refitSigs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stub = LoopbackStub.Start();
        // One handler (one connection pool) behind all three clients.
        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var options = new ImClientOptions
        {
            SdkAppId = SdkAppId,
            Identifier = Identifier,
            SecretKey = SecretKey,
            BaseAddress = _stub.BaseAddress,
        };

        // Production pipeline, limiter included; only its size is raised so a tight loop is never queued.
        options.RateLimits["SendC2CMessage"] = 10_000_000;
        options.RateLimits["GetProfile"] = 10_000_000;
        _generated = ImClient.Create(options, _http);
        _handWritten = new HandWrittenImClient(_http, _stub.BaseAddress, SdkAppId, Identifier, new CachingUserSigProvider(SdkAppId, SecretKey, TimeSpan.FromDays(1)));
        _refitSigs = new CachingUserSigProvider(SdkAppId, SecretKey, TimeSpan.FromDays(1));
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions { TypeInfoResolver = HandJsonContext.Default }));
        _refit = RestService.For<IRefitImApi>(new HttpClient(_handler, disposeHandler: false) { BaseAddress = _stub.BaseAddress, Timeout = System.Threading.Timeout.InfiniteTimeSpan }, settings);

        // One call each so connections exist before the first measured iteration.
        Generated_SendC2CMessage().GetAwaiter().GetResult();
        HandWritten_SendC2CMessage().GetAwaiter().GetResult();
        Refit_SendC2CMessage().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stub.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SendC2CMessage")]
    public async Task<long?> HandWritten_SendC2CMessage()
    {
        var response = await _handWritten.SendMsgAsync(new HandSendMsgRequest
        {
            FromAccount = "agent_01",
            ToAccount = "user_0001",
            MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
        }).ConfigureAwait(false);
        return response.MsgTime;
    }

    [Benchmark, BenchmarkCategory("SendC2CMessage")]
    public async Task<long?> Generated_SendC2CMessage()
    {
        var response = await _generated.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            FromAccount = "agent_01",
            ToAccount = "user_0001",
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help?" } },
        }).ConfigureAwait(false);
        return response.MsgTime;
    }

    [Benchmark, BenchmarkCategory("SendC2CMessage")]
    public async Task<long?> Refit_SendC2CMessage()
    {
        var request = new HandSendMsgRequest
        {
            FromAccount = "agent_01",
            ToAccount = "user_0001",
            MsgRandom = NextUInt32(),
            MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
        };
        var sig = await _refitSigs.GetUserSigAsync(Identifier, default).ConfigureAwait(false);
        var response = Check(await _refit.SendMsgAsync(SdkAppId, Identifier, sig, NextUInt32(), request).ConfigureAwait(false));
        return response.MsgTime;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GetProfile")]
    public async Task<int> HandWritten_GetProfile()
    {
        var response = await _handWritten.GetProfileAsync(new HandGetProfileRequest
        {
            ToAccount = new List<string> { "user_0001", "user_0002" },
            TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Level" },
        }).ConfigureAwait(false);
        return response.UserProfileItem!.Count;
    }

    [Benchmark, BenchmarkCategory("GetProfile")]
    public async Task<int> Generated_GetProfile()
    {
        var response = await _generated.GetProfileAsync(new GetProfileRequest
        {
            ToAccount = new List<string> { "user_0001", "user_0002" },
            TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Level" },
        }).ConfigureAwait(false);
        return response.UserProfileItem!.Count;
    }

    [Benchmark, BenchmarkCategory("GetProfile")]
    public async Task<int> Refit_GetProfile()
    {
        var request = new HandGetProfileRequest
        {
            ToAccount = new List<string> { "user_0001", "user_0002" },
            TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Level" },
        };
        var sig = await _refitSigs.GetUserSigAsync(Identifier, default).ConfigureAwait(false);
        var response = Check(await _refit.GetProfileAsync(SdkAppId, Identifier, sig, NextUInt32(), request).ConfigureAwait(false));
        return response.UserProfileItem!.Count;
    }

    private static uint NextUInt32() => (uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L);

    // The envelope check every Refit user writes around Tencent's calls.
    private static T Check<T>(T response)
        where T : HandEnvelope
        => response.ErrorCode == 0 ? response : throw new InvalidOperationException("IM error " + response.ErrorCode);
}
