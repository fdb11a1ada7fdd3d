using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>Each group's endpoints called through the generated client, asserting what the emulator did.</summary>
internal static class EndpointScenarios
{
    [EndpointScenario]
    public static async Task AccountAsync(TestEmulator t)
    {
        var c = t.Client;
        await c.ImportAccountAsync(new ImportAccountRequest { UserID = "acc_a", Nick = "Ann", FaceUrl = "https://x.example/a.png" });
        var many = await c.ImportAccountsAsync(new ImportAccountsRequest { AccountList = new List<AccountImportItem> { new() { UserID = "acc_b", Nick = "Ben" }, new() { UserID = "acc_c" } } });
        Assert.Empty(many.FailAccounts ?? new List<string>());
        var legacy = await c.ImportAccountsAsync(new ImportAccountsRequest { Accounts = new List<string> { "acc_d" } });
        Assert.Empty(legacy.FailAccounts ?? new List<string>());
        Assert.Equal("Ann", t.Emulator.State.FindAccount("acc_a")!.Nick);

        var check = await c.CheckAccountsAsync(new CheckAccountsRequest { CheckItem = new List<AccountCheckItem> { new() { UserID = "acc_a" }, new() { UserID = "ghost" } } });
        Assert.Equal(AccountImportStatus.Imported, check.ResultItem![0].AccountStatus);
        Assert.Equal(AccountImportStatus.NotImported, check.ResultItem[1].AccountStatus);

        await t.ControlPostAsync("_emulator/accounts/acc_a/online", """{"online":true}""");
        var online = await c.QueryOnlineStatusAsync(new QueryOnlineStatusRequest { ToAccount = new List<string> { "acc_a", "acc_b", "ghost" }, IsNeedDetail = 1 });
        Assert.Equal("Online", online.QueryResult!.Single(r => r.ToAccount == "acc_a").Status);
        Assert.Equal("Offline", online.QueryResult!.Single(r => r.ToAccount == "acc_b").Status);
        Assert.Equal("ghost", Assert.Single(online.ErrorList!).ToAccount);

        await c.KickAccountAsync(new KickAccountRequest { UserID = "acc_a" });
        Assert.False(t.Emulator.State.FindAccount("acc_a")!.Online);
        Assert.Equal(1, t.Emulator.State.FindAccount("acc_a")!.KickCount);
        var kickGhost = await Assert.ThrowsAsync<ImException>(() => c.KickAccountAsync(new KickAccountRequest { UserID = "ghost" }));
        Assert.Equal(70107, kickGhost.ErrorCode);

        var delete = await c.DeleteAccountsAsync(new DeleteAccountsRequest { DeleteItem = new List<AccountDeleteItem> { new() { UserID = "acc_d" }, new() { UserID = "ghost" } } });
        Assert.Equal(0, delete.ResultItem![0].ResultCode);
        Assert.Equal(70107, delete.ResultItem[1].ResultCode);
        Assert.Null(t.Emulator.State.FindAccount("acc_d"));
    }

    [EndpointScenario]
    public static async Task MessageAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("msg_a", "msg_b", "msg_c");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var sent = await c.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            FromAccount = "msg_a",
            ToAccount = "msg_b",
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "hello" } },
            SupportMessageExtension = 1,
            CloudCustomData = "order=1",
        });
        Assert.NotNull(sent.MsgKey);
        var unknown = await Assert.ThrowsAsync<ImException>(() => t.SendTextAsync("msg_a", "ghost", "hi"));
        Assert.Equal(90012, unknown.ErrorCode);

        var batch = await c.BatchSendC2CMessageAsync(new BatchSendC2CMessageRequest
        {
            FromAccount = "msg_a",
            ToAccount = new List<string> { "msg_b", "msg_c", "ghost" },
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "to all" } },
        });
        var error = Assert.Single(batch.ErrorList!);
        Assert.Equal("ghost", error.ToAccount);
        Assert.Equal(90012, error.ErrorCode);
        Assert.Equal(2, t.Emulator.State.GetMessages("msg_a", "msg_b").Count);

        await c.ImportC2CMessageAsync(new ImportC2CMessageRequest
        {
            SyncFromOldSystem = SyncFromOldSystemMode.Historical,
            FromAccount = "msg_b",
            ToAccount = "msg_a",
            MsgSeq = 7,
            MsgRandom = 42,
            MsgTimeStamp = now - 3600,
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "old" } },
        });

        var roam = await c.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "msg_a", PeerAccount = "msg_b", MaxCnt = 2, MinTime = 0, MaxTime = now + 60 });
        Assert.Equal(0, roam.Complete);
        Assert.Equal(2, roam.MsgCnt);
        var page2 = await c.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "msg_a", PeerAccount = "msg_b", MaxCnt = 2, MinTime = 0, MaxTime = roam.LastMsgTime!.Value, LastMsgKey = roam.LastMsgKey });
        Assert.Equal(1, page2.Complete);
        var oldest = Assert.Single(page2.MsgList!);
        Assert.Equal("old", Assert.IsType<TIMTextElem>(Assert.Single(oldest.MsgBody!)).Text);
        Assert.Equal("7_42_" + (now - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), oldest.MsgKey);

        var unread = await c.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "msg_b", PeerAccount = new List<string> { "msg_a" } });
        Assert.Equal(2, unread.AllC2CUnreadMsgNum);
        Assert.Equal(2, Assert.Single(unread.C2CUnreadMsgNumList!).C2CUnreadMsgNum);
        await c.SetC2CMessageReadAsync(new SetC2CMessageReadRequest { ReportAccount = "msg_b", PeerAccount = "msg_a" });
        unread = await c.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "msg_b" });
        Assert.Equal(0, unread.AllC2CUnreadMsgNum);

        await c.SendC2CReadReceiptAsync(new SendC2CReadReceiptRequest { OperatorAccount = "msg_b", PeerAccount = "msg_a", C2CMsgInfo = new List<C2CMsgInfoItem> { new() { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = sent.MsgKey! } } });
        var stored = t.Emulator.State.GetMessages("msg_a", "msg_b").First(m => m.MsgKey == sent.MsgKey);
        Assert.True(stored.ReadReceiptSent);

        await c.ModifyC2CMessageAsync(new ModifyC2CMessageRequest { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = sent.MsgKey!, MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "hello (edited)" } } });
        Assert.Contains("hello (edited)", stored.MsgBodyJson, StringComparison.Ordinal);

        var set = await c.SetC2CMessageExtensionsAsync(new SetC2CMessageExtensionsRequest { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = sent.MsgKey!, OperateType = 1, ExtensionList = new List<MessageExtensionItem> { new() { Key = "like", Value = "3" } } });
        Assert.Equal(0, Assert.Single(set.ExtensionList!).ErrorCode);
        var get = await c.GetC2CMessageExtensionsAsync(new GetC2CMessageExtensionsRequest { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = sent.MsgKey!, StartSeq = 0 });
        Assert.Equal("3", Assert.Single(get.ExtensionList!).Value);

        await c.RecallC2CMessageAsync(new RecallC2CMessageRequest { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = sent.MsgKey! });
        Assert.True(stored.Recalled);
        var missing = await Assert.ThrowsAsync<ImException>(() => c.RecallC2CMessageAsync(new RecallC2CMessageRequest { FromAccount = "msg_a", ToAccount = "msg_b", MsgKey = "1_2_3" }));
        Assert.Equal(20022, missing.ErrorCode);

        var deleted = await c.DeleteC2CRoamMessagesAsync(new DeleteC2CRoamMessagesRequest { OperatorAccount = "msg_a", PeerAccount = "msg_b", MsgKeyList = new List<string> { sent.MsgKey!, "9_9_9" } });
        Assert.Equal("9_9_9", Assert.Single(deleted.InvalidMsgKeyList!));
        var afterDelete = await c.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "msg_a", PeerAccount = "msg_b", MaxCnt = 50, MinTime = 0, MaxTime = now + 60 });
        Assert.DoesNotContain(afterDelete.MsgList!, m => m.MsgKey == sent.MsgKey);
        var peerView = await c.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "msg_b", PeerAccount = "msg_a", MaxCnt = 50, MinTime = 0, MaxTime = now + 60 });
        Assert.Contains(peerView.MsgList!, m => m.MsgKey == sent.MsgKey && m.MsgFlagBits == 2 && m.IsPeerRead == 1);
        Assert.Equal(peerView.MsgList!.OrderBy(m => m.MsgTimeStamp).Select(m => m.MsgKey), peerView.MsgList!.Select(m => m.MsgKey));
    }

    [EndpointScenario]
    public static async Task ProfileAsync(TestEmulator t)
    {
        await t.ImportAsync("pro_a");
        using var level = JsonDocument.Parse("7");
        using var nick = JsonDocument.Parse("\"Polly\"");
        await t.Client.SetProfileAsync(new SetProfileRequest
        {
            FromAccount = "pro_a",
            ProfileItem = new List<ProfileItem> { new() { Tag = "Tag_Profile_IM_Nick", Value = nick.RootElement.Clone() }, new() { Tag = "Tag_Profile_Custom_Level", Value = level.RootElement.Clone() } },
        });
        var profile = await t.Client.GetProfileAsync(new GetProfileRequest { ToAccount = new List<string> { "pro_a", "ghost" }, TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_Custom_Level" } });
        var items = Assert.Single(profile.UserProfileItem!).ProfileItem!;
        Assert.Equal("Polly", items.Single(i => i.Tag == "Tag_Profile_IM_Nick").Value.GetString());
        Assert.Equal(7, items.Single(i => i.Tag == "Tag_Profile_Custom_Level").Value.GetInt32());
        Assert.Equal("ghost", Assert.Single(profile.FailAccount!));
        var bad = await Assert.ThrowsAsync<ImException>(() => t.Client.SetProfileAsync(new SetProfileRequest { FromAccount = "ghost", ProfileItem = new List<ProfileItem> { new() { Tag = "Tag_Profile_IM_Nick", Value = nick.RootElement.Clone() } } }));
        Assert.Equal(40003, bad.ErrorCode);
    }

    [EndpointScenario]
    public static async Task RelationAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("rel_a", "rel_b", "rel_c", "rel_d");
        var add = await c.AddFriendsAsync(new AddFriendsRequest { FromAccount = "rel_a", AddFriendItem = new List<AddFriendItem> { new() { ToAccount = "rel_b", AddSource = "AddSource_Type_Test", Remark = "Bee", GroupName = "work" }, new() { ToAccount = "ghost", AddSource = "AddSource_Type_Test" } } });
        Assert.Equal(0, add.ResultItem![0].ResultCode);
        Assert.Equal(30003, add.ResultItem[1].ResultCode);
        await c.ImportFriendsAsync(new ImportFriendsRequest { FromAccount = "rel_a", AddFriendItem = new List<ImportFriendItem> { new() { ToAccount = "rel_c", AddSource = "AddSource_Type_Import", GroupName = new List<string> { "family" } } } });

        var check = await c.CheckFriendsAsync(new CheckFriendsRequest { FromAccount = "rel_a", ToAccount = new List<string> { "rel_b", "rel_c", "rel_d" }, CheckType = FriendCheckType.Both });
        Assert.Equal("CheckResult_Type_BothWay", check.InfoItem!.Single(i => i.ToAccount == "rel_b").Relation);
        Assert.Equal("CheckResult_Type_AWithB", check.InfoItem!.Single(i => i.ToAccount == "rel_c").Relation);
        Assert.Equal("CheckResult_Type_NoRelation", check.InfoItem!.Single(i => i.ToAccount == "rel_d").Relation);

        using var remark = JsonDocument.Parse("\"Bea\"");
        await c.UpdateFriendsAsync(new UpdateFriendsRequest { FromAccount = "rel_a", UpdateItem = new List<UpdateFriendItem> { new() { ToAccount = "rel_b", SnsItem = new List<FriendTagValueItem> { new() { Tag = "Tag_SNS_IM_Remark", Value = remark.RootElement.Clone() } } } } });
        var friends = await c.GetFriendsAsync(new GetFriendsRequest { FromAccount = "rel_a", StartIndex = 0 });
        Assert.Equal(2, friends.FriendNum);
        Assert.Equal(1, friends.CompleteFlag);
        Assert.Equal("Bea", friends.UserDataItem!.Single(f => f.ToAccount == "rel_b").ValueItem!.Single(v => v.Tag == "Tag_SNS_IM_Remark").Value.GetString());
        var specified = await c.GetSpecifiedFriendsAsync(new GetSpecifiedFriendsRequest { FromAccount = "rel_a", ToAccount = new List<string> { "rel_b", "rel_d" }, TagList = new List<string> { "Tag_SNS_IM_Remark" } });
        Assert.Equal(0, specified.InfoItem!.Single(i => i.ToAccount == "rel_b").ResultCode);
        Assert.NotEqual(0, specified.InfoItem!.Single(i => i.ToAccount == "rel_d").ResultCode);

        var groups = await c.AddFriendGroupsAsync(new AddFriendGroupsRequest { FromAccount = "rel_a", GroupName = new List<string> { "vip" }, ToAccount = new List<string> { "rel_b" } });
        Assert.True(groups.CurrentSequence > 0);
        var listed = await c.GetFriendGroupsAsync(new GetFriendGroupsRequest { FromAccount = "rel_a", LastSequence = 0, NeedFriend = "Need_Friend_Type_Yes" });
        Assert.Equal(new[] { "rel_b" }, listed.ResultItem!.Single(g => g.GroupName == "vip").ToAccount);
        await c.DeleteFriendGroupsAsync(new DeleteFriendGroupsRequest { FromAccount = "rel_a", GroupName = new List<string> { "vip" } });
        listed = await c.GetFriendGroupsAsync(new GetFriendGroupsRequest { FromAccount = "rel_a", LastSequence = 0 });
        Assert.DoesNotContain(listed.ResultItem!, g => g.GroupName == "vip");

        await c.AddBlocklistAsync(new AddBlocklistRequest { FromAccount = "rel_d", ToAccount = new List<string> { "rel_a" } });
        var blocked = await c.CheckBlocklistAsync(new CheckBlocklistRequest { FromAccount = "rel_a", ToAccount = new List<string> { "rel_d" }, CheckType = "BlackCheckResult_Type_Both" });
        Assert.Equal("BlackCheckResult_Type_BWithA", Assert.Single(blocked.BlackListCheckItem!).Relation);
        var list = await c.GetBlocklistAsync(new GetBlocklistRequest { FromAccount = "rel_d", StartIndex = 0, MaxLimited = 10, LastSequence = 0 });
        Assert.Equal("rel_a", Assert.Single(list.BlackListItem!).ToAccount);
        Assert.True(list.CurrentSequence > 0);
        var refused = await c.AddFriendsAsync(new AddFriendsRequest { FromAccount = "rel_a", AddFriendItem = new List<AddFriendItem> { new() { ToAccount = "rel_d", AddSource = "AddSource_Type_Test" } } });
        Assert.Equal(30525, Assert.Single(refused.ResultItem!).ResultCode);
        await c.DeleteBlocklistAsync(new DeleteBlocklistRequest { FromAccount = "rel_d", ToAccount = new List<string> { "rel_a" } });
        Assert.Empty((await c.GetBlocklistAsync(new GetBlocklistRequest { FromAccount = "rel_d", StartIndex = 0, MaxLimited = 10, LastSequence = 0 })).BlackListItem!);

        var removed = await c.DeleteFriendsAsync(new DeleteFriendsRequest { FromAccount = "rel_a", ToAccount = new List<string> { "rel_b" }, DeleteType = FriendDeleteType.Both });
        Assert.Equal(0, Assert.Single(removed.ResultItem!).ResultCode);
        Assert.False(t.Emulator.State.FindAccount("rel_b") is null);
        await c.DeleteAllFriendsAsync(new DeleteAllFriendsRequest { FromAccount = "rel_a" });
        Assert.Equal(0, (await c.GetFriendsAsync(new GetFriendsRequest { FromAccount = "rel_a", StartIndex = 0 })).FriendNum);
    }

    [EndpointScenario]
    public static async Task RecentContactAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("rc_a", "rc_b", "rc_c");
        await t.SendTextAsync("rc_b", "rc_a", "older");
        await t.SendTextAsync("rc_c", "rc_a", "newer", time: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        await c.MarkConversationAsync(new MarkConversationRequest { FromAccount = "rc_a", MarkItem = new List<ConversationMarkItem> { new() { OptType = 1, ContactItem = new ContactItem { Type = 1, ToAccount = "rc_b" }, SetMark = new List<int> { 0 } } } });
        var list = await c.GetRecentContactsAsync(new GetRecentContactsRequest { FromAccount = "rc_a", TimeStamp = 0, StartIndex = 0, TopTimeStamp = 0, TopStartIndex = 0, AssistFlags = 1 });
        Assert.Equal(new[] { "rc_b", "rc_c" }, list.SessionItem!.Select(s => s.ToAccount));
        Assert.Equal(1, list.SessionItem![0].TopFlag);
        Assert.Equal(0, list.SessionItem![1].TopFlag);

        var created = await c.CreateConversationGroupAsync(new CreateConversationGroupRequest { FromAccount = "rc_a", GroupContactItem = new List<ConversationGroupCreateItem> { new() { GroupName = "support", ContactItem = new List<ContactItem> { new() { Type = 1, ToAccount = "rc_b" } } } } });
        var groupId = Assert.Single(created.GroupResultItem!).GroupItem!.GroupId;
        var updated = await c.UpdateConversationGroupAsync(new UpdateConversationGroupRequest { FromAccount = "rc_a", UpdateType = 1, UpdateGroup = new ConversationGroupUpdate { UpdateGroupType = 1, OldGroupName = "support", NewGroupName = "helpdesk", ContactUpdateItem = new List<ConversationGroupContactUpdate> { new() { ContactOptType = 1, ContactItem = new ContactItem { Type = 1, ToAccount = "rc_c" } } } } });
        Assert.Equal("helpdesk", updated.UpdateGroupResult!.GroupName);
        var search = await c.SearchConversationGroupAsync(new SearchConversationGroupRequest { FromAccount = "rc_a", ContactItem = new List<ContactItem> { new() { Type = 1, ToAccount = "rc_b" } } });
        Assert.Equal(new[] { groupId!.Value }, Assert.Single(search.ContactResultItem!).ContactGroupId);
        Assert.Equal("1", search.ContactResultItem![0].StandardMark);
        var all = await c.GetConversationGroupsAsync(new GetConversationGroupsRequest { FromAccount = "rc_a", StartIndex = 0 });
        Assert.Equal("helpdesk", Assert.Single(all.GroupItem!).GroupName);
        Assert.Equal(2, all.ContactItem!.Count);
        var deleted = await c.DeleteConversationGroupAsync(new DeleteConversationGroupRequest { FromAccount = "rc_a", GroupName = new List<string> { "helpdesk" } });
        Assert.Equal(groupId, Assert.Single(deleted.GroupItem!).GroupId);

        await c.DeleteRecentContactAsync(new DeleteRecentContactRequest { FromAccount = "rc_a", Type = 1, ToAccount = "rc_c" });
        list = await c.GetRecentContactsAsync(new GetRecentContactsRequest { FromAccount = "rc_a", TimeStamp = 0, StartIndex = 0, TopTimeStamp = 0, TopStartIndex = 0, AssistFlags = 1 });
        Assert.Equal(new[] { "rc_b" }, list.SessionItem!.Select(s => s.ToAccount));
    }

    [EndpointScenario]
    public static async Task OperationAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("op_a");
        var info = await c.GetAppOperationDataAsync(new GetAppOperationDataRequest { RequestField = new List<string> { "AppId", "RegistUserNumTotal" } });
        var row = Assert.Single(info.Result!);
        Assert.Equal(t.Emulator.Options.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), row.AppId);
        Assert.Equal(t.Emulator.State.GetAccounts().Count(a => !a.IsAdministrator).ToString(System.Globalization.CultureInfo.InvariantCulture), row.RegistUserNumTotal);
        var history = await c.GetHistoryDownloadUrlsAsync(new GetHistoryDownloadUrlsRequest { ChatType = HistoryChatType.C2C, MsgTime = "2026112409" });
        Assert.Empty(history.File!);
        var ips = await c.GetServerIpListAsync(new GetServerIpListRequest());
        Assert.Contains("127.0.0.1", ips.IPList!);
        const string url = "https://cos.example/chat/file.png";
        await c.BanChatFileAsync(new BanChatFileRequest { RawURL = url });
        var signed = await c.GetChatFileSignedUrlAsync(new GetChatFileSignedUrlRequest { RawURLs = new List<ChatFileRawUrlItem> { new() { ResourceID = 1, RawURL = url } } });
        Assert.Null(Assert.Single(signed.PreSigURLs!).PreSigURL);
        await c.UnbanChatFileAsync(new UnbanChatFileRequest { RawURL = url });
        signed = await c.GetChatFileSignedUrlAsync(new GetChatFileSignedUrlRequest { RawURLs = new List<ChatFileRawUrlItem> { new() { ResourceID = 1, RawURL = url } } });
        Assert.StartsWith(url, Assert.Single(signed.PreSigURLs!).PreSigURL, StringComparison.Ordinal);
    }
}
