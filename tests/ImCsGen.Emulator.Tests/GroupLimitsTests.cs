using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The shared pipeline's spec rate limits, spec body limits and fault rules, checked on group paths.</summary>
public sealed class GroupLimitsTests
{
    [Theory]
    [InlineData("group_open_http_svc/send_broadcast_msg")]
    [InlineData("group_open_http_svc/modify_group_attr")]
    public async Task A_group_path_is_limited_at_its_spec_rate(string path)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond));
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        var limit = ImClientEndpoints.All.Single(e => e.Path == path).RateLimitPerSecond;
        Assert.InRange(limit, 1, 1000);
        for (var i = 0; i < limit; i++)
        {
            using var within = await t.RawAsync(path, t.Query());
            Assert.NotEqual(60007, within.Code());
        }

        using (var over = await t.RawAsync(path, t.Query()))
        {
            Assert.Equal(60007, over.Code());
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var next = await t.RawAsync(path, t.Query());
        Assert.NotEqual(60007, next.Code());
    }

    [Fact]
    public async Task Spec_body_limits_on_group_sends_are_refused_with_the_specs_codes_naming_the_field()
    {
        await using var t = await TestEmulator.StartAsync();
        var id = (await t.Client.Group.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.ChatRoom, Name = "limits" })).GroupId!;

        // SendGroupMessage.MsgBody: maxJsonBytes 12288 (with Tencent's 80002 stated in spec/group.json) and minItems 1
        // (no code stated: the group family's 10004).
        using var big = await t.RawAsync("group_open_http_svc/send_group_msg", t.Query(), "{\"GroupId\":\"" + id + "\",\"Random\":1,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + new string('x', 13000) + "\"}}]}");
        Assert.Equal(80002, big.Code());
        Assert.Contains("MsgBody", big.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        using var empty = await t.RawAsync("group_open_http_svc/send_group_msg", t.Query(), "{\"GroupId\":\"" + id + "\",\"Random\":2,\"MsgBody\":[]}");
        Assert.Equal(10004, empty.Code());
        using var noGroup = await t.RawAsync("group_open_http_svc/send_group_msg", t.Query(), "{\"Random\":3,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"x\"}}]}");
        Assert.Equal(10004, noGroup.Code());
        Assert.Contains("GroupId", noGroup.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        Assert.Empty(t.Emulator.State.Groups.Find(id)!.Stream.Messages);
    }

    [Fact]
    public async Task A_write_taking_the_groups_total_past_the_spec_limit_gets_the_specs_code()
    {
        // One call within its own limit, but the group's total after it over the spec's maxItems: Tencent's code for
        // that limit (10047 attributes, 10063 counters, spec/group.json), not the family's 10004.
        await using var t = await TestEmulator.StartAsync();
        var id = (await t.Client.Group.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "totals" })).GroupId!;
        static string Attrs(int from, int count) => string.Join(",", Enumerable.Range(from, count).Select(i => "{\"key\":\"k" + i + "\",\"value\":\"v\"}"));
        static string Counters(int from, int count) => string.Join(",", Enumerable.Range(from, count).Select(i => "{\"Key\":\"c" + i + "\",\"Value\":1}"));

        using (var first = await t.RawAsync("group_open_http_svc/modify_group_attr", t.Query(), "{\"GroupId\":\"" + id + "\",\"GroupAttr\":[" + Attrs(0, 10) + "]}"))
        {
            Assert.Equal(0, first.Code());
        }

        using (var over = await t.RawAsync("group_open_http_svc/modify_group_attr", t.Query(), "{\"GroupId\":\"" + id + "\",\"GroupAttr\":[" + Attrs(10, 7) + "]}"))
        {
            Assert.Equal(10047, over.Code());
            Assert.Contains("GroupAttr", over.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        }

        using (var first = await t.RawAsync("group_open_http_svc/update_group_counter", t.Query(), "{\"GroupId\":\"" + id + "\",\"Mode\":\"Set\",\"GroupCounter\":[" + Counters(0, 15) + "]}"))
        {
            Assert.Equal(0, first.Code());
        }

        using var counters = await t.RawAsync("group_open_http_svc/update_group_counter", t.Query(), "{\"GroupId\":\"" + id + "\",\"Mode\":\"Set\",\"GroupCounter\":[" + Counters(15, 6) + "]}");
        Assert.Equal(10063, counters.Code());
        Assert.Equal(10, t.Emulator.State.Groups.Find(id)!.Attributes.Count);
    }

    [Fact]
    public async Task Faults_on_group_paths_are_retried_when_safe_and_surfaced_when_not()
    {
        await using var t = await TestEmulator.StartAsync();
        t.Emulator.Faults.Add(new FaultRule { Path = "group_open_http_svc/create_group", Kind = FaultKind.ConnectionReset, Remaining = 1 });

        // create_group is 'unsafe' in the spec (not de-duplicated by Tencent): a reset is surfaced, never retried blindly.
        // The emulator drops the connection before processing, so nothing was stored and the caller may retry with the same custom ID.
        var request = new CreateGroupRequest { Type = GroupType.Public, Name = "faulty", GroupId = "faulty_group" };
        await Assert.ThrowsAsync<ImTransportException>(() => t.Client.Group.CreateGroupAsync(request));
        Assert.Empty(t.Emulator.State.Groups.All);
        Assert.Equal("faulty_group", (await t.Client.Group.CreateGroupAsync(request)).GroupId);
        var again = await Assert.ThrowsAsync<ImException>(() => t.Client.Group.CreateGroupAsync(request));
        Assert.Equal(10021, again.ErrorCode);

        // get_group_info is idempotent: an HTTP 503 is retried by the client.
        t.Emulator.Faults.Add(new FaultRule { Path = "group_open_http_svc/get_group_info", Kind = FaultKind.HttpError, HttpStatus = 503, Remaining = 1 });
        var info = await t.Client.Group.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new System.Collections.Generic.List<string> { "faulty_group" } });
        Assert.Equal("faulty", info.GroupInfo![0].Name);
        Assert.Equal(2, t.Emulator.Stats.Requests("group_open_http_svc/get_group_info"));
    }
}
