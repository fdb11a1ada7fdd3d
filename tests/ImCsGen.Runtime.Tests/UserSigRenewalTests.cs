using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class UserSigRenewalTests
{
    private static CachingUserSigProvider Provider(TestTransport t) => Assert.IsType<CachingUserSigProvider>(t.Transport.UserSigProvider);

    [Fact]
    public async Task An_expired_sig_70001_is_renewed_and_the_call_repeated_once()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok(), _ => FakeHttpHandler.Fail(70001, "sig expired"), _ => FakeHttpHandler.Ok()));
        await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
        t.Time.Advance(TimeSpan.FromHours(1));

        var response = await t.SendAsync(new FakeRequest(FakeRequest.Unsafe));

        Assert.True(response.IsSuccess);
        var requests = t.Handler.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(requests[0].UserSig, requests[1].UserSig);
        Assert.NotEqual(requests[1].UserSig, requests[2].UserSig);
        Assert.Equal(TestTransport.Start.AddHours(1).ToUnixTimeSeconds(), UserSig.Decode(requests[2].UserSig).Time);
        Assert.Equal(2, Provider(t).Generations);
    }

    private sealed class CountingProvider : IUserSigProvider
    {
        public int Calls { get; private set; }

        public string? Invalidated { get; private set; }

        public ValueTask<string> GetUserSigAsync(string identifier, System.Threading.CancellationToken cancellationToken)
            => new("custom-sig-" + (++Calls).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + identifier);

        public void Invalidate(string identifier, string rejectedUserSig) => Invalidated = rejectedUserSig;
    }

    [Fact]
    public async Task A_pluggable_provider_supplies_the_sig_and_hears_about_70001()
    {
        var custom = new CountingProvider();
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70001), _ => FakeHttpHandler.Ok()), o =>
        {
            o.SecretKey = null;
            o.UserSigProvider = custom;
        });

        await t.SendAsync(TestTransport.SendMsg());

        Assert.Same(custom, t.Transport.UserSigProvider);
        Assert.Equal(new[] { "custom-sig-1-administrator", "custom-sig-2-administrator" }, t.Handler.Requests.Select(r => r.UserSig));
        Assert.Equal("custom-sig-1-administrator", custom.Invalidated);
    }

    [Fact]
    public async Task The_configured_lifetime_is_signed_into_the_sig()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.UserSigLifetime = TimeSpan.FromHours(2));

        await t.SendAsync(TestTransport.SendMsg());

        var content = UserSig.Decode(t.Handler.Requests[0].UserSig);
        Assert.Equal(7200, content.Expire);
        Assert.Equal(TestTransport.Start.ToUnixTimeSeconds(), content.Time);
        Assert.Equal(TestTransport.Admin, content.Identifier);
    }

    [Fact]
    public async Task A_second_70001_is_final()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70001)));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(FakeRequest.Idempotent)));

        Assert.Equal(70001, error.ErrorCode);
        Assert.Equal(2, t.Handler.Count);
    }

    [Fact]
    public async Task Many_parallel_calls_share_one_sig_per_renewal()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.EnableRateLimiting = false);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => t.SendAsync(TestTransport.SendMsg()))));
        Assert.Equal(1, Provider(t).Generations);

        t.Time.Advance(TimeSpan.FromHours(12));
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => t.SendAsync(TestTransport.SendMsg()))));
        Assert.Equal(2, Provider(t).Generations);

        Assert.Equal(2, t.Handler.Requests.Select(r => r.UserSig).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Parallel_calls_that_all_see_70001_renew_the_sig_once()
    {
        string? firstSig = null;
        var handler = new FakeHttpHandler(request =>
        {
            firstSig ??= request.UserSig;
            return string.Equals(request.UserSig, firstSig, StringComparison.Ordinal) && request.Index > 1
                ? FakeHttpHandler.Fail(70001)
                : FakeHttpHandler.Ok();
        });
        using var t = new TestTransport(handler, o => o.EnableRateLimiting = false);
        await t.SendAsync(TestTransport.SendMsg());
        t.Time.Advance(TimeSpan.FromHours(2));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => t.SendAsync(TestTransport.SendMsg()))));

        Assert.All(responses, r => Assert.True(r.IsSuccess));
        Assert.Equal(2, Provider(t).Generations);
    }
}
