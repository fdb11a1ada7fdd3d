using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Im;
using Xunit;
using static ImCsGen.Emulator.Tests.GroupEndpointScenarios;

namespace ImCsGen.Emulator.Tests;

/// <summary>Group semantics end to end through the generated client: a work group's life, refusals with Tencent's codes, de-duplication.</summary>
public sealed class GroupScenarioTests
{
    [Fact]
    public async Task A_work_group_lives_from_creation_to_dismissal()
    {
        await using var t = await TestEmulator.StartAsync();
        var c = t.Client.Group;
        await t.ImportAsync("agent", "customer", "expert");

        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "agent", Type = GroupType.Private, Name = "case 42" })).GroupId!;
        var added = await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "customer" }, new() { MemberAccount = "expert" } } });
        Assert.All(added.MemberList!, m => Assert.Equal(1, m.Result));

        // A Work group shows in a member's list once activated (first message), or on request before that.
        Assert.Empty((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "customer" })).GroupIdList!);
        Assert.Single((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "customer", WithNoActiveGroups = 1 })).GroupIdList!);

        var texts = new[] { "hello", "my order is late", "let me check", "found it" };
        var senders = new[] { "agent", "customer", "agent", "expert" };
        var seqs = new List<uint>();
        for (var i = 0; i < texts.Length; i++)
        {
            seqs.Add((await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = senders[i], MsgBody = Text(texts[i]) })).MsgSeq!.Value);
        }

        Assert.Equal(new uint[] { 1, 2, 3, 4 }, seqs);
        Assert.Equal(id, Assert.Single((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "customer" })).GroupIdList!).GroupId);

        // History pages newest first; the next page starts below the smallest MsgSeq returned.
        var page1 = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 2 });
        Assert.Equal(new uint[] { 4, 3 }, page1.RspMsgList!.Select(m => m.MsgSeq!.Value).ToArray());
        Assert.Equal(0, page1.IsFinished);
        var page2 = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 2, ReqMsgSeq = 2 });
        Assert.Equal(new uint[] { 2, 1 }, page2.RspMsgList!.Select(m => m.MsgSeq!.Value).ToArray());
        var inOrder = page1.RspMsgList!.Concat(page2.RspMsgList!).Reverse().ToList();
        Assert.Equal(texts, inOrder.Select(m => Assert.IsType<TIMTextElem>(m.MsgBody![0]).Text).ToArray());
        Assert.Equal(senders, inOrder.Select(m => m.FromAccount).ToArray());

        var recall = await c.RecallGroupMessagesAsync(new RecallGroupMessagesRequest { GroupId = id, MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = 2 } } });
        Assert.Equal(0, Assert.Single(recall.RecallRetList!).RetCode);
        var afterRecall = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10 });
        Assert.Equal(new uint[] { 4, 3, 1 }, afterRecall.RspMsgList!.Select(m => m.MsgSeq!.Value).ToArray());
        var withRecalled = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10, WithRecalledMsg = 1 });
        Assert.Equal(4, withRecalled.RspMsgList!.Count);

        // A Work group has no per-member mute (spec forbid_send_msg); the whole-group mute silences everyone but owner and admins.
        var noMute = await Assert.ThrowsAsync<ImException>(() => c.MuteGroupMembersAsync(new MuteGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "customer" }, MuteTime = 60 }));
        Assert.Equal(10007, noMute.ErrorCode);
        await c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, MuteAllMember = OnOffSwitch.On });
        var silenced = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "customer", MsgBody = Text("hello?") }));
        Assert.Equal(10017, silenced.ErrorCode);
        Assert.Equal(5u, (await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "agent", MsgBody = Text("owner may speak") })).MsgSeq);
        await c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, MuteAllMember = OnOffSwitch.Off });

        // A non-member cannot speak; a refused send takes no number.
        await t.ImportAsync("stranger");
        var notMember = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "stranger", MsgBody = Text("hi") }));
        Assert.Equal(10007, notMember.ErrorCode);
        Assert.Equal(6u, (await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "customer", MsgBody = Text("back") })).MsgSeq);

        await c.DestroyGroupAsync(new DestroyGroupRequest { GroupId = id });
        var gone = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, MsgBody = Text("anyone?") }));
        Assert.Equal(10010, gone.ErrorCode);
        Assert.Empty((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "customer" })).GroupIdList!);
    }

    [Fact]
    public async Task A_muted_member_of_a_public_group_is_refused_with_10017_until_the_mute_is_lifted()
    {
        await using var t = await TestEmulator.StartAsync();
        var c = t.Client.Group;
        await t.ImportAsync("pm_owner", "pm_loud");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "pm_owner", Type = GroupType.Public, Name = "forum", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "pm_loud" } } })).GroupId!;

        await c.MuteGroupMembersAsync(new MuteGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "pm_loud" }, MuteTime = 3600 });
        var muted = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "pm_loud", MsgBody = Text("!!!") }));
        Assert.Equal(10017, muted.ErrorCode);
        var member = Assert.Single((await c.GetSpecifiedGroupMembersAsync(new GetSpecifiedGroupMembersRequest { GroupId = id, MemberListAccount = new List<string> { "pm_loud" } })).MemberList!);
        Assert.True(member.ShutUpUntil > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // The mute survives leaving and rejoining, as Tencent keeps it per group.
        await c.DeleteGroupMembersAsync(new DeleteGroupMembersRequest { GroupId = id, MemberToDelAccount = new List<string> { "pm_loud" } });
        await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "pm_loud" } } });
        await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "pm_loud", MsgBody = Text("still?") }));

        await c.MuteGroupMembersAsync(new MuteGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "pm_loud" }, MuteTime = 0 });
        Assert.Equal(1u, (await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "pm_loud", MsgBody = Text("sorry") })).MsgSeq);
        Assert.Empty((await c.GetGroupMutedMembersAsync(new GetGroupMutedMembersRequest { GroupId = id })).MutedAccountList!);
    }

    [Fact]
    public async Task Refusals_carry_Tencents_group_codes()
    {
        await using var t = await TestEmulator.StartAsync();
        var c = t.Client.Group;
        await t.ImportAsync("rf_owner", "rf_a");

        var notFound = await Assert.ThrowsAsync<ImException>(() => c.GetGroupMembersAsync(new GetGroupMembersRequest { GroupId = "@TGS#2nothere" }));
        Assert.Equal(10010, notFound.ErrorCode);
        var badId = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "x", GroupId = "@TGS#custom" }));
        Assert.Equal(10015, badId.ErrorCode);
        await c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "x", GroupId = "my_group" });
        var inUse = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "y", GroupId = "my_group" }));
        Assert.Equal(10021, inUse.ErrorCode);
        var noAccount = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "z", OwnerAccount = "ghost" }));
        Assert.Equal(10019, noAccount.ErrorCode);
        var liveWithMembers = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.AVChatRoom, Name = "live", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "rf_a" } } }));
        Assert.Equal(10007, liveWithMembers.ErrorCode);
        await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = "my_group", MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "rf_a" } } });
        var muteNonMember = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = "my_group", FromAccount = "rf_owner", MsgBody = Text("not in it") }));
        Assert.Equal(10007, muteNonMember.ErrorCode);
        await c.DeleteGroupMembersAsync(new DeleteGroupMembersRequest { GroupId = "my_group", MemberToDelAccount = new List<string> { "rf_a" } });

        // A refused call stores nothing: the group still has no members and no messages.
        var group = t.Emulator.State.Groups.Find("my_group")!;
        Assert.Empty(group.Members);
        Assert.Equal(1u, group.Stream.NextMsgSeq);
    }

    [Fact]
    public async Task MsgSeq_starts_at_1_and_increases_strictly_in_each_group()
    {
        await using var t = await TestEmulator.StartAsync();
        var c = t.Client.Group;
        var a = (await c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.ChatRoom, Name = "a" })).GroupId!;
        var b = (await c.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.ChatRoom, Name = "b" })).GroupId!;
        var seqA = new List<uint>();
        var seqB = new List<uint>();
        for (var i = 0; i < 5; i++)
        {
            seqA.Add((await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = a, MsgBody = Text("a" + i) })).MsgSeq!.Value);
            if (i % 2 == 0)
            {
                seqB.Add((await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = b, MsgBody = Text("b" + i) })).MsgSeq!.Value);
            }
        }

        Assert.Equal(new uint[] { 1, 2, 3, 4, 5 }, seqA);
        Assert.Equal(new uint[] { 1, 2, 3 }, seqB);
        var info = await c.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new List<string> { a, b } });
        Assert.Equal(new long[] { 6, 4 }, info.GroupInfo!.Select(g => g.NextMsgSeq!.Value).ToArray());
    }

    [Fact]
    public async Task A_group_send_whose_reply_is_lost_is_stored_once_when_the_client_retries()
    {
        await using var t = await TestEmulator.StartAsync();
        var c = t.Client.Group;
        await t.ImportAsync("dd_a");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "dd_a", Type = GroupType.Private, Name = "dedup" })).GroupId!;

        // The first attempt is stored but its reply is lost; the generated client retries with the same Random
        // (spec send_group_msg deduplication: Random within 300 s) and gets the stored message's MsgSeq.
        t.Emulator.Faults.Add(new FaultRule { Path = "group_open_http_svc/send_group_msg", Kind = FaultKind.ReplyLost, Remaining = 1 });
        var answer = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "dd_a", MsgBody = Text("pay now") });
        var group = t.Emulator.State.Groups.Find(id)!;
        var stored = Assert.Single(group.Stream.Messages);
        Assert.Equal(stored.MsgSeq, answer.MsgSeq);
        Assert.Equal(1, stored.DuplicatesSuppressed);
        Assert.Equal(stored.Random, answer.DeduplicationKeys!.Value.Random);

        // The same request object sent again is a new logical call: a new Random, a new message.
        var template = new SendGroupMessageRequest { GroupId = id, FromAccount = "dd_a", MsgBody = Text("reminder") };
        var r1 = await c.SendGroupMessageAsync(template);
        var r2 = await c.SendGroupMessageAsync(template);
        Assert.Equal((2u, 3u), (r1.MsgSeq!.Value, r2.MsgSeq!.Value));

        // A caller-chosen Random repeated within the window is a duplicate; after 300 s it is a new message.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var timed = await TestEmulator.StartAsync(o => o.Clock = clock);
        var tid = (await timed.Client.Group.CreateGroupAsync(new CreateGroupRequest { Type = GroupType.Public, Name = "window" })).GroupId!;
        var x1 = await timed.Client.Group.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = tid, Random = 77, MsgBody = Text("x") });
        clock.Advance(TimeSpan.FromSeconds(299));
        var x2 = await timed.Client.Group.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = tid, Random = 77, MsgBody = Text("x again") });
        clock.Advance(TimeSpan.FromSeconds(2));
        var x3 = await timed.Client.Group.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = tid, Random = 77, MsgBody = Text("x later") });
        Assert.Equal((1u, 1u, 2u), (x1.MsgSeq!.Value, x2.MsgSeq!.Value, x3.MsgSeq!.Value));
    }
}
