using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// Every group endpoint of spec/group.json called through the generated client, asserting what the emulator did.
/// Marked [EndpointScenario], so EndpointTests' "called successfully at least once" check runs them too.
/// </summary>
internal static class GroupEndpointScenarios
{
    [EndpointScenario]
    public static async Task GroupLifecycleAsync(TestEmulator t)
    {
        var c = t.Client.Group;
        await t.ImportAsync("gl_owner", "gl_admin", "gl_b", "gl_c", "gl_d");
        var created = await c.CreateGroupAsync(new CreateGroupRequest
        {
            OwnerAccount = "gl_owner",
            Type = GroupType.Public,
            Name = "lifecycle",
            MaxMemberCount = 4,
            MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gl_admin", Role = GroupMemberRole.Admin } },
        });
        var id = created.GroupId!;
        Assert.StartsWith("@TGS#", id, StringComparison.Ordinal);

        await c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, Name = "renamed", Introduction = "intro", FromAccount = "gl_admin" });
        var notManager = await Assert.ThrowsAsync<ImException>(() => c.ModifyGroupBaseInfoAsync(new ModifyGroupBaseInfoRequest { GroupId = id, Name = "x", FromAccount = "gl_b" }));
        Assert.Equal(10007, notManager.ErrorCode);

        var added = await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gl_b" }, new() { MemberAccount = "gl_admin" } } });
        Assert.Equal(new[] { 1, 2 }, added.MemberList!.Select(m => m.Result!.Value).ToArray());
        var full = await Assert.ThrowsAsync<ImException>(() => c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gl_c" }, new() { MemberAccount = "gl_d" } } }));
        Assert.Equal(10014, full.ErrorCode);

        var info = Assert.Single((await c.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new List<string> { id, "@TGS#2missing" } })).GroupInfo!, g => g.GroupId == id);
        Assert.Equal(("renamed", "intro", GroupType.Public, 3, 4), (info.Name, info.Introduction, info.Type!.Value, info.MemberNum!.Value, info.MaxMemberNum!.Value));

        var members = await c.GetGroupMembersAsync(new GetGroupMembersRequest { GroupId = id, Limit = 2, Offset = 1 });
        Assert.Equal(3, members.MemberNum);
        Assert.Equal(new[] { "gl_admin", "gl_b" }, members.MemberList!.Select(m => m.MemberAccount).ToArray());

        await c.ModifyGroupMemberAsync(new ModifyGroupMemberRequest { GroupId = id, MemberAccount = "gl_b", NameCard = "Bee", Role = GroupMemberRole.Admin });
        var specified = await c.GetSpecifiedGroupMembersAsync(new GetSpecifiedGroupMembersRequest { GroupId = id, MemberListAccount = new List<string> { "gl_b" } });
        Assert.Equal(("Bee", GroupMemberRole.Admin), (Assert.Single(specified.MemberList!).NameCard, specified.MemberList![0].Role!.Value));

        var roles = await c.GetRolesInGroupAsync(new GetRolesInGroupRequest { GroupId = id, UserAccount = new List<string> { "gl_owner", "gl_b", "gl_d" } });
        Assert.Equal(new[] { GroupMemberRole.Owner, GroupMemberRole.Admin, GroupMemberRole.NotMember }, roles.UserIdList!.Select(r => r.Role!.Value).ToArray());

        var joined = await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "gl_b" });
        Assert.Equal(GroupMemberRole.Admin, Assert.Single(joined.GroupIdList!).SelfInfo!.Role!.Value);
        var all = await c.GetAppGroupsAsync(new GetAppGroupsRequest { GroupType = GroupType.Public });
        Assert.Contains(all.GroupIdList!, g => g.GroupId == id);

        await c.MuteGroupMembersAsync(new MuteGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "gl_b" }, MuteTime = 600 });
        var muted = await c.GetGroupMutedMembersAsync(new GetGroupMutedMembersRequest { GroupId = id });
        Assert.Equal("gl_b", Assert.Single(muted.MutedAccountList!).MemberAccount);

        await c.ChangeGroupOwnerAsync(new ChangeGroupOwnerRequest { GroupId = id, NewOwnerAccount = "gl_admin" });
        var owner = await c.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new List<string> { id } });
        Assert.Equal("gl_admin", owner.GroupInfo![0].OwnerAccount);

        await c.SetGroupMemberUnreadCountAsync(new SetGroupMemberUnreadCountRequest { GroupId = id, MemberAccount = "gl_b", UnreadMsgNum = 7 });
        var unread = await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "gl_b" });
        Assert.Equal(7, unread.GroupIdList![0].SelfInfo!.UnreadMsgNum);

        await c.DeleteGroupMembersAsync(new DeleteGroupMembersRequest { GroupId = id, MemberToDelAccount = new List<string> { "gl_b" } });
        await c.BanGroupMembersAsync(new BanGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "gl_c" }, Duration = 3600 });
        var banned = await c.GetGroupBannedMembersAsync(new GetGroupBannedMembersRequest { GroupId = id, Offset = 0 });
        Assert.Equal("gl_c", Assert.Single(banned.BannedAccountList!).MemberAccount);
        var refused = await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gl_c" } } });
        Assert.Equal(0, refused.MemberList![0].Result);
        await c.UnbanGroupMembersAsync(new UnbanGroupMembersRequest { GroupId = id, MembersAccount = new List<string> { "gl_c" } });
        Assert.Empty((await c.GetGroupBannedMembersAsync(new GetGroupBannedMembersRequest { GroupId = id, Offset = 0 })).BannedAccountList!);

        var found = await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { "renamed" }, Count = 100 });
        Assert.Contains(found.Groups!, g => g.GroupID == id && g.GroupName == "renamed");

        var imported = await c.ImportGroupAsync(new ImportGroupRequest { OwnerAccount = "gl_owner", Type = GroupType.Private, Name = "old", CreateTime = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds() });
        var importedId = imported.GroupId!;
        var importedMembers = await c.ImportGroupMembersAsync(new ImportGroupMembersRequest
        {
            GroupId = importedId,
            MemberList = new List<ImportGroupMemberItem> { new() { MemberAccount = "gl_d", JoinTime = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds() } },
        });
        Assert.Equal(1, importedMembers.MemberList![0].Result);
        var importedMessages = await c.ImportGroupMessagesAsync(new ImportGroupMessagesRequest
        {
            GroupId = importedId,
            MsgList = new List<ImportGroupMsgItem>
            {
                new() { FromAccount = "gl_d", SendTime = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds(), MsgBody = Text("first") },
                new() { FromAccount = "gl_owner", SendTime = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(), MsgBody = Text("second") },
            },
        });
        Assert.Equal(new uint[] { 1, 2 }, importedMessages.ImportMsgResult!.Select(r => r.MsgSeq!.Value).ToArray());

        await c.DestroyGroupAsync(new DestroyGroupRequest { GroupId = id });
        var gone = await c.GetGroupInfoAsync(new GetGroupInfoRequest { GroupIdList = new List<string> { id } });
        Assert.Equal(10010, gone.GroupInfo![0].ErrorCode);
    }

    [EndpointScenario]
    public static async Task GroupMessagesAsync(TestEmulator t)
    {
        var c = t.Client.Group;
        await t.ImportAsync("gm_owner", "gm_a", "gm_b", "gm_outsider");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest
        {
            OwnerAccount = "gm_owner",
            Type = GroupType.Private,
            Name = "messages",
            MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gm_a" }, new() { MemberAccount = "gm_b" } },
        })).GroupId!;

        var first = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gm_a", MsgBody = Text("one"), NeedReadReceipt = 1 });
        var second = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gm_b", MsgBody = Text("two"), SupportMessageExtension = 1 });
        var noExtensions = await Assert.ThrowsAsync<ImException>(() => c.GetGroupMessageExtensionsAsync(new GetGroupMessageExtensionsRequest { GroupId = id, MsgSeq = 1 }));
        Assert.Equal(10004, noExtensions.ErrorCode);
        var third = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, MsgBody = Text("three") });
        Assert.Equal(new uint[] { 1, 2, 3 }, new[] { first.MsgSeq!.Value, second.MsgSeq!.Value, third.MsgSeq!.Value });

        await c.SendGroupSystemNotificationAsync(new SendGroupSystemNotificationRequest { GroupId = id, Content = "maintenance tonight", ToMembersAccount = new List<string> { "gm_a" } });
        using (var notifications = await t.ControlGetAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/notifications"))
        {
            Assert.Equal("maintenance tonight", notifications.RootElement.GetProperty("notifications")[0].GetProperty("content").GetString());
        }

        await t.ControlPostAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/read", """{"userId":"gm_b","msgSeq":1}""");
        var receipts = await c.GetGroupReadReceiptsAsync(new GetGroupReadReceiptsRequest { GroupId = id, MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = 1 } } });
        var receipt = Assert.Single(receipts.GroupMsgReceiptList!);
        Assert.Equal((0, 2, 1), (receipt.Code!.Value, receipt.ReadNum!.Value + receipt.UnreadNum!.Value, receipt.ReadNum!.Value));
        await c.SendGroupReadReceiptAsync(new SendGroupReadReceiptRequest { GroupId = id, FromAccount = "gm_owner", MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = 1 } } });
        var readDetail = await c.GetGroupReadReceiptDetailAsync(new GetGroupReadReceiptDetailRequest { GroupId = id, MsgSeq = 1, Filter = 0, Cursor = string.Empty, Count = 10 });
        Assert.Equal(new[] { "gm_owner", "gm_b" }, readDetail.ReadList!.Select(m => m.MemberAccount).ToArray());
        var notAMember = await Assert.ThrowsAsync<ImException>(() => c.SendGroupReadReceiptAsync(new SendGroupReadReceiptRequest { GroupId = id, FromAccount = "gm_outsider", MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = 1 } } }));
        Assert.Equal(10007, notAMember.ErrorCode);
        await t.ControlPostAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/read", """{"userId":"gm_owner","msgSeq":1}""");
        var unreadDetail = await c.GetGroupReadReceiptDetailAsync(new GetGroupReadReceiptDetailRequest { GroupId = id, MsgSeq = 1, Filter = 1, Cursor = string.Empty, Count = 10 });
        Assert.Empty(unreadDetail.UnreadList!);

        var set = await c.SetGroupMessageExtensionsAsync(new SetGroupMessageExtensionsRequest { GroupId = id, MsgSeq = 2, OperateType = 1, ExtensionList = new List<GroupMessageExtensionItem> { new() { Key = "vote", Value = "yes" } } });
        Assert.Equal(0, Assert.Single(set.ExtensionList!).ErrorCode);
        var ext = await c.GetGroupMessageExtensionsAsync(new GetGroupMessageExtensionsRequest { GroupId = id, MsgSeq = 2 });
        Assert.Equal(("vote", "yes"), (Assert.Single(ext.ExtensionList!).Key, ext.ExtensionList![0].Value));

        await c.ModifyGroupMessageAsync(new ModifyGroupMessageRequest { GroupId = id, MsgSeq = 3, MsgBody = Text("three, edited") });
        var recall = await c.RecallGroupMessagesAsync(new RecallGroupMessagesRequest { GroupId = id, MsgSeqList = new List<GroupMsgSeqItem> { new() { MsgSeq = 2 }, new() { MsgSeq = 99 } } });
        Assert.Equal(new[] { 0, 10030 }, recall.RecallRetList!.Select(r => r.RetCode!.Value).ToArray());

        var history = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10 });
        Assert.Equal(new uint[] { 3, 1 }, history.RspMsgList!.Select(m => m.MsgSeq!.Value).ToArray());
        Assert.Equal("three, edited", Assert.IsType<TIMTextElem>(history.RspMsgList![0].MsgBody![0]).Text);

        await c.DeleteGroupMessagesBySenderAsync(new DeleteGroupMessagesBySenderRequest { GroupId = id, SenderAccount = "gm_a" });
        var afterDelete = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10 });
        Assert.Equal(1, afterDelete.RspMsgList!.Single(m => m.MsgSeq == 1).IsPlaceMsg);
        await c.ClearGroupMessagesAsync(new ClearGroupMessagesRequest { GroupId = id });
        var cleared = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10 });
        Assert.All(cleared.RspMsgList!, m => Assert.Equal(1, m.IsPlaceMsg));

        // Numbers are never reused: the next message after a clear is 4.
        var fourth = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, MsgBody = Text("four") });
        Assert.Equal(4u, fourth.MsgSeq);
    }

    [EndpointScenario]
    public static async Task GroupAttributesAndCountersAsync(TestEmulator t)
    {
        var c = t.Client.Group;
        await t.ImportAsync("ga_owner");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "ga_owner", Type = GroupType.ChatRoom, Name = "attrs" })).GroupId!;

        await c.ModifyGroupAttributesAsync(new ModifyGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrItem> { new() { Key = "topic", Value = "a" }, new() { Key = "mode", Value = "x" } } });
        await c.SetGroupAttributesAsync(new SetGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrItem> { new() { Key = "topic", Value = "b" }, new() { Key = "lang", Value = "en" } } });
        var attrs = await c.GetGroupAttributesAsync(new GetGroupAttributesRequest { GroupId = id });
        Assert.Equal(new[] { "lang=en", "topic=b" }, attrs.GroupAttrAry!.Select(a => a.Key + "=" + a.Value).ToArray());
        await c.DeleteGroupAttributesAsync(new DeleteGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrKeyItem> { new() { Key = "lang" } } });
        var missing = await Assert.ThrowsAsync<ImException>(() => c.DeleteGroupAttributesAsync(new DeleteGroupAttributesRequest { GroupId = id, GroupAttr = new List<GroupAttrKeyItem> { new() { Key = "lang" } } }));
        Assert.Equal(10050, missing.ErrorCode);
        await c.ClearGroupAttributesAsync(new ClearGroupAttributesRequest { GroupId = id });
        Assert.Empty((await c.GetGroupAttributesAsync(new GetGroupAttributesRequest { GroupId = id })).GroupAttrAry!);

        await c.UpdateGroupCountersAsync(new UpdateGroupCountersRequest { GroupId = id, Mode = GroupCounterMode.Set, GroupCounter = new List<GroupCounterItem> { new() { Key = "likes", Value = 10 }, new() { Key = "views", Value = 1 } } });
        var inc = await c.UpdateGroupCountersAsync(new UpdateGroupCountersRequest { GroupId = id, Mode = GroupCounterMode.Increase, GroupCounter = new List<GroupCounterItem> { new() { Key = "likes", Value = 5 } } });
        Assert.Equal(15, Assert.Single(inc.GroupCounter!).Value);
        await c.DeleteGroupCountersAsync(new DeleteGroupCountersRequest { GroupId = id, GroupCounterKeys = new List<string> { "views" } });
        var counters = await c.GetGroupCountersAsync(new GetGroupCountersRequest { GroupId = id });
        Assert.Equal("likes", Assert.Single(counters.GroupCounter!).Key);
    }

    [EndpointScenario]
    public static async Task GroupSearchAsync(TestEmulator t)
    {
        // group_search/search (269/114549) and group_member_search/search (269/114548): the typed answers are read by
        // the documented wire names (GroupID, GroupMemberUserID, IsFinish, Cursor...), so a wrong name leaves them null.
        var c = t.Client.Group;
        await t.Client.ImportAccountAsync(new ImportAccountRequest { UserID = "gs_owner", Nick = "Olga" });
        await t.Client.ImportAccountAsync(new ImportAccountRequest { UserID = "gs_alice", Nick = "Alice Srchqx" });
        await t.ImportAsync("gs_bob");
        var alpha = (await c.CreateGroupAsync(new CreateGroupRequest
        {
            OwnerAccount = "gs_owner",
            Type = GroupType.Public,
            Name = "srchqx alpha",
            Introduction = "about alpha",
            MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gs_alice" }, new() { MemberAccount = "gs_bob" } },
        })).GroupId!;
        var beta = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "gs_owner", Type = GroupType.Private, Name = "srchqx beta" })).GroupId!;

        var both = await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { "srchqx", "ALPHA" }, KeywordMatchType = 1, Count = 10 });
        var hit = Assert.Single(both.Groups!);
        Assert.Equal((true, 1L, string.Empty), (both.IsFinish!.Value, both.TotalCount!.Value, both.Cursor));
        Assert.Equal(("Public", alpha, "srchqx alpha", 3, "about alpha", "gs_owner", "Olga"), (hit.GroupType, hit.GroupID, hit.GroupName, hit.GroupMemberNum!.Value, hit.GroupIntroduction, hit.GroupOwnerUserID, hit.GroupOwnerUserName));
        Assert.Equal(t.Emulator.State.FindAccount("gs_owner")!.TinyId, hit.GroupOwnerTinyID);

        // 0 = or, one result per page: the cursor continues to the second group.
        var first = await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { "srchqx alpha", "srchqx beta" }, KeywordMatchType = 0, Count = 1 });
        Assert.Equal((false, 2L), (first.IsFinish!.Value, first.TotalCount!.Value));
        Assert.False(string.IsNullOrEmpty(first.Cursor));
        var second = await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { "srchqx alpha", "srchqx beta" }, Count = 1, Cursor = first.Cursor });
        Assert.True(second.IsFinish);
        Assert.Equal(new[] { alpha, beta }, first.Groups!.Concat(second.Groups!).Select(g => g.GroupID).OrderBy(g => g == beta).ToArray());

        // GroupIDs match exactly only.
        Assert.Empty((await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { alpha.Substring(0, alpha.Length - 1) }, Count = 5 })).Groups!);
        Assert.Equal(alpha, Assert.Single((await c.SearchGroupsAsync(new SearchGroupsRequest { Keywords = new List<string> { alpha }, Count = 5 })).Groups!).GroupID);

        await c.ModifyGroupMemberAsync(new ModifyGroupMemberRequest { GroupId = alpha, MemberAccount = "gs_bob", NameCard = "Bobby Srchqx" });
        var byNick = await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "alice srchqx" }, Count = 10 });
        var alice = Assert.Single(byNick.GroupMembers!);
        Assert.Equal(("Public", alpha, "srchqx alpha", "gs_alice", "Alice Srchqx", string.Empty), (alice.GroupType, alice.GroupID, alice.GroupName, alice.GroupMemberUserID, alice.GroupMemberUserName, alice.GroupMemberNameCard));
        Assert.Equal(t.Emulator.State.FindAccount("gs_alice")!.TinyId, alice.GroupMemberTinyID);
        Assert.NotEqual(hit.GroupOwnerTinyID, alice.GroupMemberTinyID);
        Assert.Equal((true, 1L, string.Empty), (byNick.IsFinish!.Value, byNick.TotalCount!.Value, byNick.Cursor));

        var byCard = await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "bobby", "srchqx" }, KeywordMatchType = 1, Count = 10 });
        Assert.Equal(("gs_bob", "Bobby Srchqx"), (Assert.Single(byCard.GroupMembers!).GroupMemberUserID, byCard.GroupMembers![0].GroupMemberNameCard));

        // UserIDs match exactly; GroupType and GroupIdList narrow the groups searched.
        Assert.Empty((await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "gs_bo" }, Count = 10 })).GroupMembers!);
        var owners = await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "gs_owner" }, Count = 10 });
        Assert.Equal(new[] { alpha, beta }, owners.GroupMembers!.Select(m => m.GroupID).OrderBy(g => g == beta).ToArray());
        var privateOnly = await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "gs_owner" }, GroupType = new List<string> { "Private" }, Count = 10 });
        Assert.Equal(beta, Assert.Single(privateOnly.GroupMembers!).GroupID);
        var inAlpha = await c.SearchGroupMembersAsync(new SearchGroupMembersRequest { Keywords = new List<string> { "gs_owner" }, GroupIdList = new List<string> { alpha }, Count = 10 });
        Assert.Equal(alpha, Assert.Single(inAlpha.GroupMembers!).GroupID);
    }

    [EndpointScenario]
    public static async Task LiveGroupAsync(TestEmulator t)
    {
        var c = t.Client.Group;
        await t.ImportAsync("lv_host", "lv_a", "lv_b");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "lv_host", Type = GroupType.AVChatRoom, Name = "live" })).GroupId!;

        // Members of a live group join through the SDK (control API); REST cannot add them.
        var addRefused = await Assert.ThrowsAsync<ImException>(() => c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "lv_a" } } }));
        Assert.Equal(10007, addRefused.ErrorCode);
        await t.ControlPostAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/live-members", """{"userId":"lv_a"}""");
        await t.ControlPostAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/live-members", """{"userId":"lv_b"}""");

        Assert.Empty((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "lv_a" })).GroupIdList!);
        Assert.Equal(id, Assert.Single((await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "lv_a", WithHugeGroups = 1 })).GroupIdList!).GroupId);
        Assert.Equal(2, (await c.GetLiveGroupOnlineCountAsync(new GetLiveGroupOnlineCountRequest { GroupId = id })).OnlineMemberNum);
        await c.MarkLiveGroupMembersAsync(new MarkLiveGroupMembersRequest { GroupId = id, CommandType = 1, MemberList = new List<LiveGroupMarkItem> { new() { MemberAccount = "lv_a", Marks = new List<int> { 1000 } } } });
        var marked = await c.GetLiveGroupOnlineMembersAsync(new GetLiveGroupOnlineMembersRequest { GroupId = id, Timestamp = 0, Mark = 1000 });
        Assert.Equal("lv_a", Assert.Single(marked.MemberList!).MemberAccount);

        await c.ModifyLiveGroupAdminsAsync(new ModifyLiveGroupAdminsRequest { GroupId = id, CommandType = 1, AdminAccount = new List<string> { "lv_b" } });
        Assert.Equal("lv_b", Assert.Single((await c.GetLiveGroupAdminsAsync(new GetLiveGroupAdminsRequest { GroupId = id })).AdminList!).AdminAccount);
        var present = await c.CheckLiveGroupMembersAsync(new CheckLiveGroupMembersRequest { GroupId = id, MemberAccount = new List<string> { "lv_a", "lv_host" } });
        Assert.Equal(new[] { "lv_a" }, present.MemberAccount!.ToArray());

        var broadcast = await c.SendLiveGroupBroadcastAsync(new SendLiveGroupBroadcastRequest { FromAccount = "lv_host", MsgBody = Text("to every live room") });
        Assert.True(broadcast.MsgSeq >= 1);
    }

    [EndpointScenario]
    public static async Task CommunityTopicsAsync(TestEmulator t)
    {
        var c = t.Client.Group;
        await t.ImportAsync("ct_owner", "ct_a");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest
        {
            OwnerAccount = "ct_owner",
            Type = GroupType.Community,
            Name = "community",
            SupportTopic = 1,
            MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "ct_a" } },
        })).GroupId!;
        Assert.StartsWith("@TGS#_", id, StringComparison.Ordinal);

        var topic = (await c.CreateTopicAsync(new CreateTopicRequest { GroupId = id, TopicName = "general", FromAccount = "ct_owner" })).TopicId!;
        var importedTopic = (await c.ImportTopicAsync(new ImportTopicRequest { GroupId = id, TopicId = id + "@TOPIC#_old", TopicName = "old", CreateTime = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds() })).TopicId!;
        await c.ModifyTopicAsync(new ModifyTopicRequest { GroupId = id, TopicId = topic, TopicName = "general chat" });
        var topics = await c.GetTopicsAsync(new GetTopicsRequest { GroupId = id, FromAccount = "ct_a" });
        Assert.Equal(2, topics.TopicAndSelfInfo!.Count);
        Assert.Contains(topics.TopicAndSelfInfo!, x => x.GetProperty("TopicInfo").GetProperty("TopicName").GetString() == "general chat");

        // Each topic has its own MsgSeq, independent of the group's.
        var inTopic = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, TopicId = topic, FromAccount = "ct_a", MsgBody = Text("hi topic") });
        var inGroup = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "ct_a", MsgBody = Text("hi group") });
        Assert.Equal((1u, 1u), (inTopic.MsgSeq!.Value, inGroup.MsgSeq!.Value));

        await t.ControlPostAsync("_emulator/groups/" + Uri.EscapeDataString(id) + "/permission-groups", "{\"id\":\"pg1\",\"members\":[\"ct_a\"],\"topicPermissions\":{\"" + topic + "\":3}}");
        var permissions = await c.GetTopicPermissionsAsync(new GetTopicPermissionsRequest { GroupId = id, PermissionGroupId = "pg1" });
        Assert.Equal(3, Assert.Single(permissions.TopicPermissionResultList!).GetProperty("Permission").GetInt64());
        await c.ModifyPermissionGroupAsync(new ModifyPermissionGroupRequest { GroupId = id, PermissionGroupId = "pg1", PermissionGroupName = "moderators", Permission = 5 });
        var pg = t.Emulator.State.Areas.PermissionGroups[(id, "pg1")];
        Assert.Equal(("moderators", 5L), (pg.Name, pg.Permission));
        var noPg = await Assert.ThrowsAsync<ImException>(() => c.ModifyPermissionGroupAsync(new ModifyPermissionGroupRequest { GroupId = id, PermissionGroupId = "pg9", Permission = 1 }));
        Assert.Equal(10004, noPg.ErrorCode);
        var pgMembers = await c.GetPermissionGroupMembersAsync(new GetPermissionGroupMembersRequest { GroupId = id, PermissionGroupId = "pg1" });
        Assert.Equal("ct_a", Assert.Single(pgMembers.MemberList!).GetProperty("Member_Account").GetString());

        var destroyed = await c.DestroyTopicsAsync(new DestroyTopicsRequest { GroupId = id, TopicIdList = new List<string> { importedTopic, id + "@TOPIC#_none" } });
        Assert.Equal(new[] { 0, 10010 }, destroyed.DestroyResultItem!.Select(r => r.ErrorCode!.Value).ToArray());

        // Counters are not for Community groups (spec update_group_counter).
        var counters = await Assert.ThrowsAsync<ImException>(() => c.GetGroupCountersAsync(new GetGroupCountersRequest { GroupId = id }));
        Assert.Equal(10007, counters.ErrorCode);
    }

    internal static List<MsgBodyElement> Text(string text) => new() { new TIMTextElem { Text = text } };
}
