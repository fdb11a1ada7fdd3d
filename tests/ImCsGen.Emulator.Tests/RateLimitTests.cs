using System;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Calls_over_the_endpoint_limit_in_one_second_get_60007_until_the_next_second()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond));
        await using var t = await TestEmulator.StartAsync(o =>
        {
            o.Clock = clock;
            o.RateLimits["ConfigSvc/GetIPList"] = 3;
        });
        var codes = new int[5];
        for (var i = 0; i < codes.Length; i++)
        {
            using var answer = await t.RawAsync("ConfigSvc/GetIPList", t.Query());
            codes[i] = answer.Code();
        }

        Assert.Equal(new[] { 0, 0, 0, 60007, 60007 }, codes);

        // Other endpoints have their own budget.
        using (var other = await t.RawAsync("openconfigsvr/getappinfo", t.Query()))
        {
            Assert.Equal(0, other.Code());
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var next = await t.RawAsync("ConfigSvc/GetIPList", t.Query());
        Assert.Equal(0, next.Code());
    }

    [Fact]
    public async Task Each_second_of_a_limited_path_is_counted_with_its_refusals_and_served_by_the_control_api()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond));
        await using var t = await TestEmulator.StartAsync(o =>
        {
            o.Clock = clock;
            o.RateLimits["ConfigSvc/GetIPList"] = 3;
        });
        for (var i = 0; i < 5; i++)
        {
            using var answer = await t.RawAsync("ConfigSvc/GetIPList", t.Query());
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using (var next = await t.RawAsync("ConfigSvc/GetIPList", t.Query()))
        {
            Assert.Equal(0, next.Code());
        }

        var first = clock.GetUtcNow().ToUnixTimeSeconds() - 1;
        Assert.Equal(new[] { new RateWindow(first, 5, 2), new RateWindow(first + 1, 1, 0) }, t.Emulator.Stats.RateWindows("ConfigSvc/GetIPList"));

        using var served = await t.ControlGetAsync("_emulator/stats/rate-windows?path=ConfigSvc/GetIPList");
        Assert.Equal(3, served.RootElement.GetProperty("limit").GetInt32());
        var windows = served.RootElement.GetProperty("windows");
        Assert.Equal(2, windows.GetArrayLength());
        Assert.Equal(first, windows[0].GetProperty("second").GetInt64());
        Assert.Equal(5, windows[0].GetProperty("calls").GetInt32());
        Assert.Equal(2, windows[0].GetProperty("refused").GetInt32());
        Assert.Equal(1, windows[1].GetProperty("calls").GetInt32());

        t.Emulator.Reset();
        Assert.Empty(t.Emulator.Stats.RateWindows("ConfigSvc/GetIPList"));
    }

    [Fact]
    public async Task The_default_limit_is_200_per_second()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        Assert.Equal(200, t.Emulator.Options.GetRateLimit("openim/sendmsg"));
        var limited = 0;
        for (var i = 0; i < 205; i++)
        {
            using var answer = await t.RawAsync("ConfigSvc/GetIPList", t.Query());
            limited += answer.Code() == 60007 ? 1 : 0;
        }

        Assert.Equal(5, limited);
    }

    [Fact]
    public async Task The_generated_client_retries_60007_and_reports_it_when_the_limit_persists()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(
            o =>
            {
                o.Clock = clock;
                o.RateLimits["ConfigSvc/GetIPList"] = 1;
            },
            c => c.MaxRetryAttempts = 2);
        await t.Client.GetServerIpListAsync(new GetServerIpListRequest());
        var error = await Assert.ThrowsAsync<ImException>(() => t.Client.GetServerIpListAsync(new GetServerIpListRequest()));
        Assert.Equal(60007, error.ErrorCode);

        // One first attempt and two retries, all refused.
        Assert.Equal(3, t.Emulator.Stats.Responses(60007));
    }
}
