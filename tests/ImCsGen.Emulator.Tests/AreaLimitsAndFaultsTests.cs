using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Emulator.Handlers;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>Rate limits, body limits and fault rules on the wave-2 paths, all read from the spec through the generated list.</summary>
public sealed class AreaLimitsAndFaultsTests
{
    private static readonly string[] SamplePaths =
    {
        "all_member_push/im_add_tag",
        "timpush/batch",
        "im_msg_audit/content_moderation",
        "follow/follow_add",
        "official_account_open_http_svc/create_official_account",
        "openconfigsvr/setnospeaking",
        "openim_robot_http_svc/get_all_robots",
    };

    [Fact]
    public void Every_served_endpoint_gets_the_spec_rate_limit()
    {
        var options = new EmulatorOptions();
        foreach (var endpoint in ImClientEndpoints.All.Where(e => EndpointTable.Find(e.Path) is not null))
        {
            Assert.True(endpoint.RateLimitPerSecond > 0, endpoint.Path + " has no rate limit in the spec");
            Assert.Equal((endpoint.Path, endpoint.RateLimitPerSecond), (endpoint.Path, options.GetRateLimit(endpoint.Path)));
        }
    }

    [Fact]
    public void Every_generated_endpoint_has_the_spec_body_checks()
    {
        var missing = ImClientEndpoints.All.Select(e => e.Path).Except(SpecValidation.Paths, StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "no spec body checks for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("all_member_push/im_push")]
    [InlineData("timpush/revoke")]
    [InlineData("timpush/batch")]
    [InlineData("follow/follow_check")]
    public async Task The_spec_limit_is_enforced_with_60007_until_the_next_second(string path)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond));
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        var limit = ImClientEndpoints.All.Single(e => e.Path == path).RateLimitPerSecond;
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
    public async Task Spec_body_limits_are_refused_with_the_field_named()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("lim_a");

        // ModerateContent.Content: maxBytes 8192 in spec/audit.json, with Tencent's 93000 (content over 8 KB) stated there.
        using var big = await t.RawAsync("im_msg_audit/content_moderation", t.Query(), "{\"AuditName\":\"C2C\",\"ContentType\":\"Text\",\"Content\":\"" + new string('x', 8193) + "\"}");
        Assert.Equal(93000, big.Code());
        Assert.Contains("Content", big.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        Assert.Empty(t.Emulator.State.Areas.Audit.Decisions);

        // PushToUsers.To_Account: maxItems 500 (Tencent answers 90018); DataId: maxBytes 64 (spec/push.json).
        var many = string.Join(",", Enumerable.Range(0, 501).Select(i => "\"u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\""));
        using var crowd = await t.RawAsync("timpush/batch", t.Query(), "{\"From_Account\":\"lim_a\",\"To_Account\":[" + many + "],\"MsgRandom\":1,\"OfflinePushInfo\":{\"Title\":\"t\"}}");
        Assert.Equal(90018, crowd.Code());
        Assert.Contains("To_Account", crowd.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        using var longId = await t.RawAsync("timpush/batch", t.Query(), "{\"From_Account\":\"lim_a\",\"To_Account\":[\"lim_a\"],\"MsgRandom\":1,\"OfflinePushInfo\":{\"Title\":\"t\"},\"DataId\":\"" + new string('d', 65) + "\"}");
        Assert.Equal(90001, longId.Code());
        Assert.Contains("DataId", longId.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
        Assert.Empty(t.Emulator.State.Areas.Pushes);

        // Tencent's push page: at most 10 tags in one add request (90032).
        var tags = string.Join(",", Enumerable.Range(0, 11).Select(i => "\"t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\""));
        using var tooManyTags = await t.RawAsync("all_member_push/im_add_tag", t.Query(), "{\"UserTags\":[{\"To_Account\":\"lim_a\",\"Tags\":[" + tags + "]}]}");
        Assert.Equal(90032, tooManyTags.Code());
        using var longTag = await t.RawAsync("all_member_push/im_add_tag", t.Query(), "{\"UserTags\":[{\"To_Account\":\"lim_a\",\"Tags\":[\"" + new string('g', 51) + "\"]}]}");
        Assert.Equal(90020, longTag.Code());
        Assert.False(t.Emulator.State.Areas.UserTags.ContainsKey("lim_a"));
    }

    [Fact]
    public async Task Fault_rules_apply_to_the_new_paths()
    {
        await using var t = await TestEmulator.StartAsync();
        foreach (var path in SamplePaths)
        {
            t.Emulator.Faults.Add(new FaultRule { Path = path, Kind = FaultKind.ErrorCode, ErrorCode = 60008, Remaining = 1 });
            using (var answer = await t.RawAsync(path, t.Query()))
            {
                Assert.Equal((path, 60008), (path, answer.Code()));
            }

            t.Emulator.Faults.Add(new FaultRule { Path = path, Kind = FaultKind.HttpError, HttpStatus = 502, Remaining = 1 });
            using var response = await t.Http.PostAsync("v4/" + path + "?" + t.Query(), new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal((path, 502), (path, (int)response.StatusCode));
        }

        Assert.Equal(SamplePaths.Length, t.Emulator.Faults.FiredCount(FaultKind.ErrorCode));
        Assert.Equal(SamplePaths.Length, t.Emulator.Faults.FiredCount(FaultKind.HttpError));
    }

    [Fact]
    public async Task A_lost_timpush_reply_is_retried_and_recorded_once_under_the_spec_de_duplication()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("lost_a");
        t.Emulator.Faults.Add(new FaultRule { Path = "timpush/batch", Kind = FaultKind.ReplyLost, Remaining = 1 });
        var answer = await t.Client.PushToUsersAsync(new PushToUsersRequest { FromAccount = "lost_a", ToAccount = new List<string> { "lost_a" }, OfflinePushInfo = new OfflinePushInfo { Title = "t" } });
        Assert.Equal(1, t.Emulator.Faults.FiredCount(FaultKind.ReplyLost));
        Assert.Equal(2, t.Emulator.Stats.Requests("timpush/batch"));
        var push = Assert.Single(t.Emulator.State.Areas.Pushes);
        Assert.Equal(push.TaskId, answer.TaskId);
    }

    [Fact]
    public async Task A_connection_reset_on_a_new_path_is_retried_by_the_client_and_processed_once()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("rst_a", "rst_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "follow/follow_check", Kind = FaultKind.ConnectionReset, Remaining = 1 });
        var check = await t.Client.CheckFollowAsync(new CheckFollowRequest { FromAccount = "rst_a", ToAccount = new List<string> { "rst_b" } });
        Assert.Equal(0, Assert.Single(check.ResultItem!).FollowType);
        Assert.Equal(1, t.Emulator.Faults.FiredCount(FaultKind.ConnectionReset));
        Assert.Equal(1, t.Emulator.Stats.Successes("follow/follow_check"));
    }
}
