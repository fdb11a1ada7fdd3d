using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ImCsGen.Auth;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>Row 5: signing a new UserSig (HMAC-SHA256 + zlib + base64) against the cached path every call takes.</summary>
[MemoryDiagnoser]
public class UserSigBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private CachingUserSigProvider _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cache = new CachingUserSigProvider(CallCostBenchmarks.SdkAppId, CallCostBenchmarks.SecretKey, TimeSpan.FromDays(1));
        _ = _cache.GetUserSigAsync(CallCostBenchmarks.Identifier, default).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public string Generate() => UserSig.Generate(CallCostBenchmarks.SdkAppId, CallCostBenchmarks.SecretKey, CallCostBenchmarks.Identifier, TimeSpan.FromDays(1), Now);

    [Benchmark]
    public ValueTask<string> Cached() => _cache.GetUserSigAsync(CallCostBenchmarks.Identifier, default);
}
