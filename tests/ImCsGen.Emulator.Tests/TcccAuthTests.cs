using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Emulator.Tccc;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The emulator checks TC3 signatures, the 5-minute timestamp window, temporary-key tokens and the spec's rate limit.</summary>
public sealed class TcccAuthTests
{
    private static DescribeCCCBuyInfoListRequest AnyCall() => new();

    [Fact]
    public async Task A_wrong_secret_key_fails_with_signature_failure_and_is_not_retried()
    {
        await using var t = await TestEmulator.StartAsync();
        var client = TcccTestSupport.CreateClient(t.Emulator, o => o.SecretKey = "not-the-emulators-key", out _);

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => client.DescribeCCCBuyInfoListAsync(AnyCall()));

        Assert.Equal("AuthFailure.SignatureFailure", error.Code);
        Assert.Equal(ImRetryClass.Never, error.RetryClass);
        Assert.Equal(1, error.Attempts);
        Assert.DoesNotContain("not-the-emulators-key", error.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task A_tampered_body_or_unknown_key_or_bad_header_is_refused()
    {
        await using var t = await TestEmulator.StartAsync();
        var unknown = TcccTestSupport.CreateClient(t.Emulator, o => o.SecretId = "AKIDunknown", out _);
        Assert.Equal("AuthFailure.SecretIdNotFound", (await Assert.ThrowsAsync<TencentCloudException>(() => unknown.DescribeCCCBuyInfoListAsync(AnyCall()))).Code);

        // Signing x-tc-action too (newer doc revisions) is accepted.
        var withAction = TcccTestSupport.CreateClient(t.Emulator, o => o.SignActionHeader = true, out _);
        Assert.NotNull((await withAction.DescribeCCCBuyInfoListAsync(AnyCall())).RequestId);

        using var http = new System.Net.Http.HttpClient();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = Tc3Signer.Sign(t.Emulator.Options.Tccc.SecretId, t.Emulator.Options.Tccc.SecretKey, "ccc", t.Emulator.BaseAddress.Authority, "application/json", ts, "{}"u8);
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, t.Emulator.BaseAddress) { Content = new System.Net.Http.StringContent("{\"SdkAppIds\":[1]}") };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        request.Headers.TryAddWithoutValidation("X-TC-Action", "DescribeCCCBuyInfoList");
        request.Headers.TryAddWithoutValidation("X-TC-Version", "2020-02-10");
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("AuthFailure.SignatureFailure", body.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());

        using var noAuth = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, t.Emulator.BaseAddress) { Content = new System.Net.Http.StringContent("{}") };
        noAuth.Headers.TryAddWithoutValidation("X-TC-Action", "DescribeCCCBuyInfoList");
        noAuth.Headers.TryAddWithoutValidation("X-TC-Version", "2020-02-10");
        using var noAuthResponse = await http.SendAsync(noAuth);
        using var noAuthBody = JsonDocument.Parse(await noAuthResponse.Content.ReadAsStringAsync());
        Assert.Equal("AuthFailure.InvalidAuthorization", noAuthBody.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task A_timestamp_more_than_five_minutes_off_fails_with_signature_expire()
    {
        var serverClock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(o => o.Clock = serverClock);
        var client = TcccTestSupport.CreateClient(t.Emulator, null, out _, clientClock: TimeProvider.System);

        serverClock.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull((await client.DescribeCCCBuyInfoListAsync(AnyCall())).RequestId);

        serverClock.Advance(TimeSpan.FromMinutes(2));
        var error = await Assert.ThrowsAsync<TencentCloudException>(() => client.DescribeCCCBuyInfoListAsync(AnyCall()));
        Assert.Equal("AuthFailure.SignatureExpire", error.Code);
        Assert.Equal(ImRetryClass.Never, error.RetryClass);

        // Behind by more than five minutes fails the same way.
        serverClock.Advance(TimeSpan.FromMinutes(-12));
        Assert.Equal("AuthFailure.SignatureExpire", (await Assert.ThrowsAsync<TencentCloudException>(() => client.DescribeCCCBuyInfoListAsync(AnyCall()))).Code);
    }

    [Fact]
    public async Task Temporary_keys_need_their_token()
    {
        await using var t = await TestEmulator.StartAsync(o => o.Tccc.TemporaryKeys.Add(new TcccTemporaryKey("AKIDtemporary", "temporary-secret-key", "session-token-1")));
        var good = TcccTestSupport.CreateClient(t.Emulator, o => { o.SecretId = "AKIDtemporary"; o.SecretKey = "temporary-secret-key"; o.Token = "session-token-1"; }, out _);
        Assert.NotNull((await good.DescribeCCCBuyInfoListAsync(AnyCall())).RequestId);

        var wrong = TcccTestSupport.CreateClient(t.Emulator, o => { o.SecretId = "AKIDtemporary"; o.SecretKey = "temporary-secret-key"; o.Token = "stale-token"; }, out _);
        var error = await Assert.ThrowsAsync<TencentCloudException>(() => wrong.DescribeCCCBuyInfoListAsync(AnyCall()));
        Assert.Equal("AuthFailure.TokenFailure", error.Code);
        Assert.DoesNotContain("stale-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_specs_rate_limit_the_emulator_answers_request_limit_exceeded_and_the_client_retries()
    {
        // A clock that stands still keeps every call in one one-second window.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        var limit = TcccClientActions.DescribeCCCBuyInfoList.RateLimitPerSecond;
        for (var i = 0; i < limit; i++)
        {
            using var ok = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(t.Emulator, "DescribeCCCBuyInfoList", "{}"));
            Assert.False(ok.RootElement.GetProperty("Response").TryGetProperty("Error", out _));
        }

        using var limited = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(t.Emulator, "DescribeCCCBuyInfoList", "{}"));
        Assert.Equal("RequestLimitExceeded", limited.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());

        // The typed client (its own limiter off) sees RequestLimitExceeded, retries, and succeeds once the window moves on.
        var client = TcccTestSupport.CreateClient(t.Emulator, o => { o.EnableRateLimiting = false; o.MaxRetryAttempts = 5; o.RetryBaseDelay = TimeSpan.FromMilliseconds(20); }, out _, clientClock: clock);
        var call = client.DescribeCCCBuyInfoListAsync(AnyCall());
        await Task.Delay(100);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull((await call).RequestId);
    }
}
