using System;
using System.Collections.Generic;
using System.Threading;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;
using static ImCsGen.Emulator.Tests.GroupEndpointScenarios;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// The emulator's callbacks for operations other than message sends, received by a loopback Kestrel app
/// (CallbackReceiver): before-callbacks honoured (refuse → 10016 / 20006, app codes relayed, refused members kept out,
/// official-account sends modified or dropped, 2 s timeout) and the after-events of group, topic, official-account and
/// C2C recall operations, each signed and read back with the generated payload type.
/// </summary>
public sealed class OperationCallbackTests
{
    private const string Token = "operation-token";

    [Fact]
    public async Task Group_before_callbacks_refuse_relay_and_keep_refused_members_out_and_group_events_are_called_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync((command, body) => Task.FromResult(command switch
        {
            "Group.CallbackBeforeCreateGroup" when Utf8(body).Contains("refuse me", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""",
            "Group.CallbackBeforeCreateGroup" when Utf8(body).Contains("app code", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"quota","ErrorCode":10123}""",
            "Group.CallbackBeforeInviteJoinGroup" => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedMembers_Account":["go_refused"]}""",
            _ => null,
        }));
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client.Group;
        await t.ImportAsync("go_owner", "go_a", "go_b", "go_refused");

        var refused = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "go_owner", Type = GroupType.Public, Name = "refuse me" }));
        Assert.Equal(10016, refused.ErrorCode);
        var relayed = await Assert.ThrowsAsync<ImException>(() => c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "go_owner", Type = GroupType.Public, Name = "app code" }));
        Assert.Equal((10123, "quota"), (relayed.ErrorCode, relayed.ErrorInfo));
        Assert.Empty((await c.GetAppGroupsAsync(new GetAppGroupsRequest())).GroupIdList ?? new List<AppGroupIdItem>());

        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "go_owner", Type = GroupType.Public, Name = "ops", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "go_a" } } })).GroupId!;
        var added = await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "go_b" }, new() { MemberAccount = "go_refused" } } });
        Assert.Equal(new[] { ("go_b", 1), ("go_refused", 0) }, added.MemberList!.Select(m => (m.MemberAccount!, m.Result!.Value)).ToArray());
        var members = await c.GetGroupMembersAsync(new GetGroupMembersRequest { GroupId = id });
        Assert.DoesNotContain(members.MemberList!, m => m.MemberAccount == "go_refused");

        await c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, Name = "renamed", Notification = "read me" });
        await c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, MuteAllMember = OnOffSwitch.On }); // not a profile field: no callback
        await c.ModifyGroupMemberAsync(new ModifyGroupMemberRequest { GroupId = id, MemberAccount = "go_b", NameCard = "Bee", Role = GroupMemberRole.Admin });
        await c.ChangeGroupOwnerAsync(new ChangeGroupOwnerRequest { GroupId = id, NewOwnerAccount = "go_a" });
        await c.ModifyGroupAttributesAsync(new ModifyGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrItem> { new() { Key = "k1", Value = "v1" } } });
        await c.SetGroupAttributesAsync(new SetGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrItem> { new() { Key = "k2", Value = "v2" }, new() { Key = "k3", Value = "v3" } } });
        await c.DeleteGroupAttributesAsync(new DeleteGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrKeyItem> { new() { Key = "k2" } } });
        await c.ClearGroupAttributesAsync(new ClearGroupAttributesRequest { GroupId = id });
        var sent = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "go_a", MsgBody = Text("oops"), NeedReadReceipt = 1 });
        await c.SendGroupReadReceiptAsync(new SendGroupReadReceiptRequest { GroupId = id, FromAccount = "go_b", MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = sent.MsgSeq!.Value } } });
        await c.RecallGroupMessagesAsync(new RecallGroupMessagesRequest { GroupId = id, MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = sent.MsgSeq!.Value }, new() { MsgSeq = 99 } } });

        await receiver.WaitForAsync("Group.CallbackAfterRecallMsg");
        await receiver.WaitForAsync("Group.CallbackAfterReadReceipt");
        await receiver.WaitForAsync("Group.CallbackAfterGroupAttrChanged", 4);
        await Task.Delay(100);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);

        // Asked three times; the refused and the relayed creations made no group and raised no after-callback.
        var asked = receiver.All<GroupCallbackBeforeCreateGroup>();
        Assert.Equal(new[] { "refuse me", "app code", "ops" }, asked.Select(p => p.Name).ToArray());
        Assert.Equal((t.Admin, "go_owner", "Public", 0L), (asked[2].OperatorAccount, asked[2].OwnerAccount, asked[2].Type, asked[2].CreateGroupNum!.Value));
        Assert.Equal("go_a", Assert.Single(asked[2].MemberList!).MemberAccount);
        Assert.Equal(id, Assert.Single(receiver.All<GroupCallbackAfterCreateGroup>()).GroupId);

        var invite = Assert.Single(receiver.All<GroupCallbackBeforeInviteJoinGroup>());
        Assert.Equal((id, "Public", t.Admin), (invite.GroupId, invite.Type, invite.OperatorAccount));
        Assert.Equal(new[] { "go_b", "go_refused" }, invite.DestinationMembers!.Select(m => m.MemberAccount).ToArray());
        Assert.Equal("go_b", Assert.Single(Assert.Single(receiver.All<GroupCallbackAfterNewMemberJoin>()).NewMemberList!).MemberAccount);

        var info = Assert.Single(receiver.All<GroupCallbackAfterGroupInfoChanged>());
        Assert.Equal((id, "renamed", "read me", (string?)null, (string?)null), (info.GroupId, info.Name, info.Notification, info.Introduction, info.FaceUrl));
        var field = Assert.Single(receiver.All<GroupCallbackAfterMemberFieldChanged>());
        Assert.Equal(("go_b", "Admin", "Bee"), (field.ModifiedAccount, field.Role, field.NameCard));
        var owner = Assert.Single(receiver.All<GroupCallbackAfterChangeGroupOwner>());
        Assert.Equal(("go_owner", "go_a", t.Admin), (owner.OldOwnerAccount, owner.NewOwnerAccount, owner.OperatorAccount));

        var attrs = receiver.All<GroupCallbackAfterGroupAttrChanged>();
        // After-callbacks are fire and forget, so their arrival order is not the calls' order.
        Assert.Equal(
            new[] { "clear:k3=v3", "delete:k2=v2", "modify:k1=v1", "set:k2=v2,k3=v3" },
            attrs.Select(a => a.OptionType + ":" + string.Join(",", a.GroupAttr!.Select(x => x.Key + "=" + x.Value))).OrderBy(x => x, StringComparer.Ordinal).ToArray());

        // go_b read it; the other members (go_owner, the sender go_a excluded) have not: 1 read, 1 unread.
        var receipt = Assert.Single(Assert.Single(receiver.All<GroupCallbackAfterReadReceipt>()).GroupMsgReceiptList!);
        Assert.Equal((sent.MsgSeq, (int?)1, (int?)1), (receipt.MsgSeq, receipt.ReadNum, receipt.UnreadNum));
        Assert.Equal("go_b", Assert.Single(receipt.ReadReceiptMembers!).MemberAccount);

        var recall = Assert.Single(receiver.All<GroupCallbackAfterRecallMsg>());
        Assert.Equal((id, sent.MsgSeq), (recall.GroupId, Assert.Single(recall.MsgSeqList!).MsgSeq));
        Assert.InRange(recall.EventTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Topic_creation_is_asked_first_and_topic_events_are_called_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync((command, body) => Task.FromResult(
            command == "Group.CallbackBeforeCreateTopic" && Utf8(body).Contains("forbidden", StringComparison.Ordinal) ? """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""" : null));
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client.Group;
        await t.ImportAsync("tp_owner");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "tp_owner", Type = GroupType.Community, Name = "community", SupportTopic = 1 })).GroupId!;

        var refused = await Assert.ThrowsAsync<ImException>(() => c.CreateTopicAsync(new CreateTopicRequest { GroupId = id, TopicName = "forbidden", FromAccount = "tp_owner" }));
        Assert.Equal(10016, refused.ErrorCode);
        var topic = (await c.CreateTopicAsync(new CreateTopicRequest { GroupId = id, TopicName = "general", FromAccount = "tp_owner" })).TopicId!;
        await c.ModifyTopicAsync(new ModifyTopicRequest { GroupId = id, TopicId = topic, TopicName = "general chat", Introduction = "about" });
        await c.DestroyTopicsAsync(new DestroyTopicsRequest { GroupId = id, TopicIdList = new List<string> { topic, id + "@TOPIC#_none" } });

        await receiver.WaitForAsync("Group.CallbackAfterTopicDestroyed");
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
        var asked = receiver.All<GroupCallbackBeforeCreateTopic>();
        Assert.Equal(new[] { "forbidden", "general" }, asked.Select(p => p.Name).ToArray());
        Assert.Equal(("Community", "tp_owner"), (asked[0].Type, asked[0].OperatorAccount));

        var created = Assert.Single(receiver.All<GroupCallbackAfterCreateTopic>());
        Assert.Equal((id, topic, "general", "tp_owner"), (created.GroupId, created.TopicId, created.Name, created.OwnerAccount));
        var changed = Assert.Single(receiver.All<GroupCallbackAfterTopicInfoChanged>());
        Assert.Equal((id, "general chat", "about", (string?)null), (changed.GroupId, changed.Name, changed.Introduction, changed.Notification));
        var destroyed = Assert.Single(receiver.All<GroupCallbackAfterTopicDestroyed>());
        Assert.Equal(new[] { topic }, destroyed.TopicIdList!.ToArray());
    }

    [Fact]
    public async Task Official_account_callbacks_refuse_relay_modify_drop_and_report_events()
    {
        await using var receiver = await CallbackReceiver.StartAsync((command, body) =>
        {
            var text = Utf8(body);
            return Task.FromResult(command switch
            {
                "OfficialAccount.CallbackBeforeCreateOfficialAccount" when text.Contains("Banned", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""",
                "OfficialAccount.CallbackBeforeCreateOfficialAccount" when text.Contains("Later", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"not this one","ErrorCode":120100}""",
                "OfficialAccount.CallbackBeforeAddSubscriber" when text.Contains("oa_blocked", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""",
                "OfficialAccount.CallbackBeforeAddSubscriber" when text.Contains("oa_app_code", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"no range","ErrorCode":120100}""",
                "OfficialAccount.CallbackBeforeSendMsg" when text.Contains("13800138000", StringComparison.Ordinal) =>
                    """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"call 138****8000"}}]}""",
                "OfficialAccount.CallbackBeforeSendMsg" when text.Contains("drop", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}""",
                "OfficialAccount.CallbackBeforeSendMsg" when text.Contains("reject", StringComparison.Ordinal) => """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""",
                _ => null,
            });
        });
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client;
        await t.ImportAsync("oa_owner", "oa_s1", "oa_blocked", "oa_app_code");
        const string Id = "@TOA#_cb";

        // Codes from each callback's spec replyCodes (pages: create 20006 and 120001..130000; add-subscriber states no app range).
        var refused = await Assert.ThrowsAsync<ImException>(() => c.CreateOfficialAccountAsync(new CreateOfficialAccountRequest { OwnerAccount = "oa_owner", OfficialAccountUserID = Id, Name = "Banned" }));
        Assert.Equal(20006, refused.ErrorCode);
        var relayed = await Assert.ThrowsAsync<ImException>(() => c.CreateOfficialAccountAsync(new CreateOfficialAccountRequest { OwnerAccount = "oa_owner", OfficialAccountUserID = Id, Name = "Later" }));
        Assert.Equal((120100, "not this one"), (relayed.ErrorCode, relayed.ErrorInfo));
        await c.CreateOfficialAccountAsync(new CreateOfficialAccountRequest { OwnerAccount = "oa_owner", OfficialAccountUserID = Id, Name = "News" });
        var blocked = await Assert.ThrowsAsync<ImException>(() => c.AddOfficialAccountSubscribersAsync(new AddOfficialAccountSubscribersRequest { OfficialAccount = Id, SubscriberList = new List<OfficialAccountSubscriberItem> { new() { SubscriberAccount = "oa_blocked" } } }));
        Assert.Equal(20006, blocked.ErrorCode);

        // 120100 is not a code this callback relays (its spec has no appError): the subscription proceeds.
        await c.AddOfficialAccountSubscribersAsync(new AddOfficialAccountSubscribersRequest { OfficialAccount = Id, SubscriberList = new List<OfficialAccountSubscriberItem> { new() { SubscriberAccount = "oa_app_code" } } });
        await c.AddOfficialAccountSubscribersAsync(new AddOfficialAccountSubscribersRequest { OfficialAccount = Id, SubscriberList = new List<OfficialAccountSubscriberItem> { new() { SubscriberAccount = "oa_s1" } } });
        await c.ModifyOfficialAccountInfoAsync(new ModifyOfficialAccountInfoRequest { OfficialAccount = Id, Introduction = "daily" });

        var masked = await c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = Id, MsgBody = Text("call 13800138000") });
        await c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = Id, MsgBody = Text("drop this") });
        var rejected = await Assert.ThrowsAsync<ImException>(() => c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = Id, MsgBody = Text("reject this") }));
        Assert.Equal(10016, rejected.ErrorCode); // the send page's code, unlike the create page's 20006
        var history = await c.GetOfficialAccountHistoryAsync(new GetOfficialAccountHistoryRequest { OfficialAccount = Id, ReqMsgNumber = 10 });
        Assert.Equal("call 138****8000", Assert.IsType<TIMTextElem>(Assert.Single(history.RspMsgList!).MsgBody![0]).Text);

        await c.RecallOfficialAccountMessagesAsync(new RecallOfficialAccountMessagesRequest { OfficialAccount = Id, MsgKeyList = new List<string> { masked.MsgKey! } });
        await c.DeleteOfficialAccountSubscribersAsync(new DeleteOfficialAccountSubscribersRequest { OfficialAccount = Id, SubscriberToDelAccount = new List<string> { "oa_s1" } });
        await c.DestroyOfficialAccountAsync(new DestroyOfficialAccountRequest { OfficialAccount = Id });

        await receiver.WaitForAsync("OfficialAccount.CallbackAfterOfficialAccountDestroyed");
        await receiver.WaitForAsync("OfficialAccount.CallbackAfterMsgWithDraw");
        await Task.Delay(100);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);

        var askedCreate = receiver.All<OfficialAccountCallbackBeforeCreateOfficialAccount>();
        Assert.Equal(new[] { "Banned", "Later", "News" }, askedCreate.Select(p => p.Name).ToArray());
        Assert.Equal((t.Admin, "oa_owner"), (askedCreate[2].OperatorAccount, askedCreate[2].OwnerAccount));
        var created = Assert.Single(receiver.All<OfficialAccountCallbackAfterCreateOfficialAccount>());
        Assert.Equal((Id, "oa_owner", "News"), (created.OfficialAccount, created.OwnerAccount, created.Name));
        Assert.Equal(new[] { "oa_blocked", "oa_app_code", "oa_s1" }, receiver.All<OfficialAccountCallbackBeforeAddSubscriber>().Select(p => Assert.Single(p.SubscribeAccountList!).SubscriberAccount).ToArray());
        Assert.Equal(new[] { "oa_app_code", "oa_s1" }, receiver.All<OfficialAccountCallbackAfterAddSubscriber>().Select(p => Assert.Single(p.SubscribeAccountList!).SubscriberAccount).OrderBy(a => a, StringComparer.Ordinal).ToArray());
        Assert.Equal("daily", Assert.Single(receiver.All<OfficialAccountCallbackAfterOfficialAccountInfoChanged>()).Introduction);

        Assert.Equal(3, receiver.All<OfficialAccountCallbackBeforeSendMsg>().Length);
        var sentCallback = Assert.Single(receiver.All<OfficialAccountCallbackAfterSendMsg>());
        Assert.Equal((Id, masked.MsgKey), (sentCallback.OfficialAccount, sentCallback.MsgKey));
        Assert.Equal("call 138****8000", Assert.IsType<TIMTextElem>(sentCallback.MsgBody![0]).Text);
        Assert.Equal(masked.MsgKey, Assert.Single(Assert.Single(receiver.All<OfficialAccountCallbackAfterMsgWithDraw>()).WithdrawMsgList!).MsgKey);
        Assert.Equal("oa_s1", Assert.Single(Assert.Single(receiver.All<OfficialAccountCallbackAfterDeleteSubscriber>()).SubscribeAccountList!).SubscriberAccount);
        Assert.Equal((Id, "News"), (Assert.Single(receiver.All<OfficialAccountCallbackAfterOfficialAccountDestroyed>()).OfficialAccount, receiver.All<OfficialAccountCallbackAfterOfficialAccountDestroyed>()[0].Name));
    }

    [Fact]
    public async Task A_C2C_recall_is_called_back_with_the_recipients_unread_count()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("wd_a", "wd_b");
        await t.SendTextAsync("wd_a", "wd_b", "first");
        var second = await t.SendTextAsync("wd_a", "wd_b", "second");
        var unread = (await t.Client.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "wd_b" })).AllC2CUnreadMsgNum;

        await t.Client.RecallC2CMessageAsync(new RecallC2CMessageRequest { FromAccount = "wd_a", ToAccount = "wd_b", MsgKey = second.MsgKey! });
        var missing = await Assert.ThrowsAsync<ImException>(() => t.Client.RecallC2CMessageAsync(new RecallC2CMessageRequest { FromAccount = "wd_a", ToAccount = "wd_b", MsgKey = "1_2_3" }));

        await t.Client.SetC2CMessageReadAsync(new SetC2CMessageReadRequest { ReportAccount = "wd_b", PeerAccount = "wd_a" });

        // ForbidCallbackControl switches a send's C2C callbacks off (the text "quiet" never reaches the app).
        await t.Client.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            FromAccount = "wd_a",
            ToAccount = "wd_b",
            MsgBody = Text("quiet"),
            ForbidCallbackControl = new List<ForbidCallbackControl> { ForbidCallbackControl.ForbidBeforeSendMsgCallback, ForbidCallbackControl.ForbidAfterSendMsgCallback },
        });

        await receiver.WaitForAsync("C2C.CallbackAfterMsgWithDraw");
        await receiver.WaitForAsync("C2C.CallbackAfterMsgReport");
        await Task.Delay(100);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
        var recalled = Assert.Single(receiver.All<C2CCallbackAfterMsgWithDraw>());
        Assert.Equal(("wd_a", "wd_b", second.MsgKey), (recalled.FromAccount, recalled.ToAccount, recalled.MsgKey));
        Assert.Equal(unread, (long?)recalled.UnreadMsgNum);
        Assert.NotEqual(0, missing.ErrorCode);

        // admin_set_msg_read: the reporter has read everything, so its unread total is 0.
        var read = Assert.Single(receiver.All<C2CCallbackAfterMsgReport>());
        Assert.Equal(("wd_b", "wd_a", 0), (read.ReportAccount, read.PeerAccount, read.UnreadMsgNum!.Value));
        Assert.InRange(read.LastReadTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(2, receiver.All<C2CCallbackBeforeSendMsg>().Length);
        Assert.Equal(2, receiver.All<C2CCallbackAfterSendMsg>().Length);
        Assert.DoesNotContain(receiver.Received, r => Utf8(r.Body).Contains("quiet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_group_that_fills_up_or_refuses_a_join_for_being_full_is_called_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client.Group;
        await t.ImportAsync("gf_owner", "gf_a", "gf_b");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "gf_owner", Type = GroupType.Public, Name = "small", MaxMemberCount = 2 })).GroupId!;

        await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gf_a" } } });
        await receiver.WaitForAsync("Group.CallbackAfterGroupFull");
        var full = await Assert.ThrowsAsync<ImException>(() => c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gf_b" } } }));
        await receiver.WaitForAsync("Group.CallbackAfterGroupFull", 2);

        Assert.NotEqual(0, full.ErrorCode);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
        Assert.All(receiver.All<GroupCallbackAfterGroupFull>(), p => Assert.Equal(id, p.GroupId));

        // The refused join raised no member-joined callback: one join (gf_a) only.
        Assert.Equal("gf_a", Assert.Single(Assert.Single(receiver.All<GroupCallbackAfterNewMemberJoin>()).NewMemberList!).MemberAccount);
    }

    [Fact]
    public async Task A_before_callback_that_does_not_answer_within_2_s_lets_the_operation_proceed()
    {
        var answered = false;
        await using var receiver = await CallbackReceiver.StartAsync(async (command, _) =>
        {
            if (command == "Group.CallbackBeforeCreateGroup")
            {
                // Would refuse, but too late: the emulator stops waiting after 2 s, as Tencent does.
                await Task.Delay(TimeSpan.FromSeconds(4));
                Volatile.Write(ref answered, true);
                return """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""";
            }

            return null;
        });
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("slow_owner");

        var id = (await t.Client.Group.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "slow_owner", Type = GroupType.Public, Name = "slow" })).GroupId!;

        // The group exists although the app (later) refused: the emulator stopped waiting before the refusal came.
        Assert.False(Volatile.Read(ref answered));
        var info = await t.Client.Group.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new List<string> { id } });
        Assert.Equal(("slow", "slow_owner"), (info.GroupInfo![0].Name, info.GroupInfo[0].OwnerAccount));
    }

    [Fact]
    public async Task An_endpoint_called_past_80_percent_of_its_rate_limit_raises_one_alert_per_second()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMilliseconds(-DateTimeOffset.UtcNow.Millisecond));
        await using var t = await TestEmulator.StartAsync(o =>
        {
            o.Clock = clock;
            o.RateLimits["openconfigsvr/getappinfo"] = 5;
            o.Callbacks = receiver.Options(Token);
        });

        // 4 calls are 80 %: no alert; the 5th passes it; the 6th and 7th (refused, 60007) alert no more in this second.
        for (var i = 0; i < 7; i++)
        {
            using var answer = await t.RawAsync("openconfigsvr/getappinfo", t.Query());
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            using var answer = await t.RawAsync("openconfigsvr/getappinfo", t.Query());
        }

        await receiver.WaitForAsync("Alert.RequestOverLimit", 2);
        await Task.Delay(100);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
        var alerts = receiver.All<AlertRequestOverLimit>();
        Assert.Equal(2, alerts.Length);
        Assert.All(alerts, a => Assert.Equal(("openconfigsvr", "getappinfo", 5, 5), (a.ServiceName, a.RequestCommand, a.Request!.Value, a.Limit!.Value)));
    }

    private static string Utf8(byte[] body) => Encoding.UTF8.GetString(body);
}
