using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class FaultInjectionTests
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task An_http_503_is_retried_and_the_message_is_stored_once()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.HttpError, HttpStatus = 503, Remaining = 1 });
        await t.SendTextAsync("f_a", "f_b", "through a 503", time: Now);
        Assert.Equal(1, t.Emulator.Faults.FiredCount(FaultKind.HttpError));
        Assert.Equal(2, t.Emulator.Stats.Requests("openim/sendmsg"));
        Assert.Single(t.Emulator.State.GetMessages("f_a", "f_b"));
    }

    [Fact]
    public async Task A_transient_error_code_is_retried_and_the_message_is_stored_once()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.ErrorCode, ErrorCode = 60008, Remaining = 2 });
        await t.SendTextAsync("f_a", "f_b", "through two 60008", time: Now);
        Assert.Equal(2, t.Emulator.Faults.FiredCount(FaultKind.ErrorCode));
        Assert.Single(t.Emulator.State.GetMessages("f_a", "f_b"));
    }

    [Fact]
    public async Task A_non_transient_error_code_is_not_retried()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.ErrorCode, ErrorCode = 90001, Remaining = 1 });
        var error = await Assert.ThrowsAsync<ImException>(() => t.SendTextAsync("f_a", "f_b", "refused"));
        Assert.Equal(90001, error.ErrorCode);
        Assert.Equal(1, t.Emulator.Stats.Requests("openim/sendmsg"));
        Assert.Empty(t.Emulator.State.GetMessages("f_a", "f_b"));
    }

    [Fact]
    public async Task A_lost_reply_is_retried_and_deduplicated_with_the_first_attempts_key()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.ReplyLost, Remaining = 1 });
        var answer = await t.SendTextAsync("f_a", "f_b", "reply lost once", time: Now);
        var stored = Assert.Single(t.Emulator.State.GetMessages("f_a", "f_b"));
        Assert.Equal(stored.MsgKey, answer.MsgKey);
        Assert.Equal(1, stored.DuplicatesSuppressed);
        Assert.Equal(1, t.Emulator.Faults.FiredCount(FaultKind.ReplyLost));
    }

    [Fact]
    public async Task A_delay_past_the_client_timeout_is_retried_and_the_late_first_attempt_is_deduplicated()
    {
        await using var t = await TestEmulator.StartAsync(configureClient: c => c.Timeout = TimeSpan.FromMilliseconds(300));
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.Delay, Delay = TimeSpan.FromMilliseconds(1200), Remaining = 1 });
        var answer = await t.SendTextAsync("f_a", "f_b", "slow first attempt", time: Now);
        Assert.NotNull(answer.MsgKey);

        // The first attempt is still sleeping in the emulator; it is processed when it wakes.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (t.Emulator.State.DuplicatesSuppressed == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // One message, with the key the client got. Under load a retry can time out too, so the count of
        // suppressed copies is at least one rather than exactly one; the point is that none is stored.
        var stored = Assert.Single(t.Emulator.State.GetMessages("f_a", "f_b"));
        Assert.True(stored.DuplicatesSuppressed >= 1, "the late first attempt should have been suppressed");
        Assert.Equal(answer.MsgKey, stored.MsgKey);
    }

    [Fact]
    public async Task A_lost_reply_of_an_unsafe_call_is_reported_not_retried()
    {
        // friend_add is "unsafe" in the spec: the runtime must not repeat it when the first attempt may have acted.
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("f_a", "f_b");
        t.Emulator.Faults.Add(new FaultRule { Path = "sns/friend_add", Kind = FaultKind.ReplyLost, Remaining = 1 });
        await Assert.ThrowsAnyAsync<ImException>(() => t.Client.AddFriendsAsync(new AddFriendsRequest { FromAccount = "f_a", AddFriendItem = new System.Collections.Generic.List<AddFriendItem> { new() { ToAccount = "f_b", AddSource = "AddSource_Type_Test" } } }));
        Assert.Equal(1, t.Emulator.Stats.Requests("sns/friend_add"));

        // The call did act: the friendship exists although the caller got an error.
        var check = await t.Client.CheckFriendsAsync(new CheckFriendsRequest { FromAccount = "f_a", ToAccount = new System.Collections.Generic.List<string> { "f_b" }, CheckType = FriendCheckType.Both });
        Assert.Equal("CheckResult_Type_BothWay", Assert.Single(check.InfoItem!).Relation);
    }

    [Fact]
    public async Task Fault_rules_only_hit_their_endpoint_and_stop_after_their_count()
    {
        await using var t = await TestEmulator.StartAsync();
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.HttpError, Remaining = 5 });
        for (var i = 0; i < 3; i++)
        {
            await t.Client.GetServerIpListAsync(new GetServerIpListRequest());
        }

        Assert.Equal(0, t.Emulator.Faults.TotalFired);
        t.Emulator.Faults.Clear();
        t.Emulator.Faults.Add(new FaultRule { Path = "*", Kind = FaultKind.ErrorCode, ErrorCode = 60008, Remaining = 1 });
        await t.Client.GetServerIpListAsync(new GetServerIpListRequest());
        await t.Client.GetServerIpListAsync(new GetServerIpListRequest());
        Assert.Equal(1, t.Emulator.Faults.Rules.Single().Fired);
    }
}
