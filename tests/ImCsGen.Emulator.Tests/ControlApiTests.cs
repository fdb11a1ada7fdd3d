using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Health_accounts_messages_and_stats_describe_the_state()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.Client.ImportAccountAsync(new Im.ImportAccountRequest { UserID = "c_a", Nick = "Cee" });
        await t.ImportAsync("c_b");
        await t.SendTextAsync("c_a", "c_b", "one");
        await t.SendTextAsync("c_b", "c_a", "two");

        using var health = await t.ControlGetAsync("_emulator/health");
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(t.Emulator.Options.SdkAppId, health.RootElement.GetProperty("sdkAppId").GetInt64());

        using var accounts = await t.ControlGetAsync("_emulator/accounts");
        var list = accounts.RootElement.GetProperty("accounts").EnumerateArray().ToList();
        Assert.True(list[0].GetProperty("administrator").GetBoolean());
        Assert.Equal("Cee", list.Single(a => a.GetProperty("userId").GetString() == "c_a").GetProperty("nick").GetString());

        using var messages = await t.ControlGetAsync("_emulator/messages?a=c_b&b=c_a");
        Assert.Equal(2, messages.RootElement.GetProperty("count").GetInt32());
        var first = messages.RootElement.GetProperty("messages")[0];
        Assert.Equal("c_a", first.GetProperty("from").GetString());
        Assert.Equal("one", first.GetProperty("msgBody")[0].GetProperty("MsgContent").GetProperty("Text").GetString());

        using var count = await t.ControlGetAsync("_emulator/messages/count");
        Assert.Equal(2, count.RootElement.GetProperty("total").GetInt32());

        using var stats = await t.ControlGetAsync("_emulator/stats");
        Assert.Equal(2, stats.RootElement.GetProperty("requests").GetProperty("openim/sendmsg").GetInt32());
        Assert.Equal(2, stats.RootElement.GetProperty("messages").GetInt32());
    }

    [Fact]
    public async Task Faults_can_be_added_listed_and_cleared_over_http()
    {
        await using var t = await TestEmulator.StartAsync();
        var (status, body) = await t.ControlPostAsync("_emulator/faults", """{"path":"openim/sendmsg","kind":"errorCode","errorCode":60008,"probability":0.5,"remaining":3}""");
        Assert.Equal(200, status);
        Assert.Equal("errorCode", body.RootElement.GetProperty("rule").GetProperty("kind").GetString());
        var rule = Assert.Single(t.Emulator.Faults.Rules);
        Assert.Equal(0.5, rule.Probability);
        Assert.Equal(3, rule.Remaining);

        using var listed = await t.ControlGetAsync("_emulator/faults");
        Assert.Single(listed.RootElement.GetProperty("rules").EnumerateArray());

        var (bad, error) = await t.ControlPostAsync("_emulator/faults", """{"kind":"explode"}""");
        Assert.Equal(400, bad);
        Assert.Contains("kind", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var response = await t.Http.DeleteAsync("_emulator/faults");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(t.Emulator.Faults.Rules);
    }

    [Fact]
    public async Task Agents_can_be_added_and_the_config_replaced_and_reset_forgets_the_state()
    {
        await using var t = await TestEmulator.StartAsync();
        var (added, agent) = await t.ControlPostAsync("_emulator/agents", """{"id":"dan@shop.example","name":"Dan","skillGroups":["pre-sales"],"status":"free"}""");
        Assert.Equal(200, added);
        Assert.Equal("Dan", agent.RootElement.GetProperty("agent").GetProperty("name").GetString());
        var (unknownGroup, _) = await t.ControlPostAsync("_emulator/agents", """{"id":"eve","skillGroups":["nope"]}""");
        Assert.Equal(404, unknownGroup);
        using var agents = await t.ControlGetAsync("_emulator/agents");
        Assert.Equal(4, agents.RootElement.GetProperty("agents").GetArrayLength());

        var (badConfig, error) = await t.ControlPostAsync("_emulator/config", """{"skillGroups":[],"flows":[{"virtualAccount":"v"}]}""");
        Assert.Equal(400, badConfig);
        Assert.Contains("flows[0]", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        await t.ImportAsync("r_a");
        var (reset, _) = await t.ControlPostAsync("_emulator/reset");
        Assert.Equal(200, reset);
        Assert.Null(t.Emulator.State.FindAccount("r_a"));
        Assert.NotNull(t.Emulator.State.FindAccount(t.Admin));

        using var noPair = await t.Http.GetAsync("_emulator/messages?a=x");
        Assert.Equal(400, (int)noPair.StatusCode);
    }
}
