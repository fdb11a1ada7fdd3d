using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class UserSigCacheTests
{
    private const long AppId = 1400000000;
    private const string Key = "secret-key-for-tests";

    [Fact]
    public async Task A_sig_is_reused_until_half_its_lifetime_then_renewed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var provider = new CachingUserSigProvider(AppId, Key, TimeSpan.FromDays(1), time);

        var first = await provider.GetUserSigAsync("admin", default);
        time.Advance(TimeSpan.FromHours(11));
        var stillFirst = await provider.GetUserSigAsync("admin", default);
        time.Advance(TimeSpan.FromHours(1));
        var renewed = await provider.GetUserSigAsync("admin", default);

        Assert.Equal(first, stillFirst);
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, provider.Generations);
        Assert.Equal(1_700_000_000 + (12 * 3600), UserSig.Decode(renewed).Time);

        // Renewed with half of the lifetime still left: far from the expiry Tencent checks.
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(first, AppId, Key, "admin", time.GetUtcNow()));
    }

    [Fact]
    public async Task Each_identifier_has_its_own_sig()
    {
        var provider = new CachingUserSigProvider(AppId, Key, TimeSpan.FromDays(1), new FakeTimeProvider());

        var a = await provider.GetUserSigAsync("a", default);
        var b = await provider.GetUserSigAsync("b", default);

        Assert.Equal("a", UserSig.Decode(a).Identifier);
        Assert.Equal("b", UserSig.Decode(b).Identifier);
        Assert.Equal(2, provider.Generations);
    }

    [Fact]
    public async Task Concurrent_callers_cause_one_generation_per_renewal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var provider = new CachingUserSigProvider(AppId, Key, TimeSpan.FromDays(1), time);

        for (var round = 1; round <= 3; round++)
        {
            using var start = new ManualResetEventSlim(false);
            var tasks = Enumerable.Range(0, 64)
                .Select(_ => Task.Run(async () =>
                {
                    start.Wait();
                    return await provider.GetUserSigAsync("admin", default);
                }))
                .ToArray();
            start.Set();
            var sigs = await Task.WhenAll(tasks);

            Assert.Single(sigs.Distinct(StringComparer.Ordinal));
            Assert.Equal(round, provider.Generations);
            time.Advance(TimeSpan.FromHours(13));
        }
    }

    [Fact]
    public async Task Invalidate_drops_only_the_rejected_sig()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var provider = new CachingUserSigProvider(AppId, Key, TimeSpan.FromDays(1), time);
        var first = await provider.GetUserSigAsync("admin", default);

        provider.Invalidate("admin", "some-older-sig");
        Assert.Equal(first, await provider.GetUserSigAsync("admin", default));
        Assert.Equal(1, provider.Generations);

        time.Advance(TimeSpan.FromSeconds(5));
        provider.Invalidate("admin", first);
        provider.Invalidate("admin", first);
        var second = await provider.GetUserSigAsync("admin", default);
        Assert.NotEqual(first, second);
        Assert.Equal(2, provider.Generations);
    }
}
