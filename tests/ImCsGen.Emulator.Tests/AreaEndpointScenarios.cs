using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The wave-2 areas other than groups, called through the generated client, asserting what the emulator did.</summary>
internal static class AreaEndpointScenarios
{
    [EndpointScenario]
    public static async Task AllMemberPushAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("amp_a", "amp_b", "amp_c");
        using var names = JsonDocument.Parse("""{"0":"sex","1":"city"}""");
        await c.SetAppAttributeNamesAsync(new SetAppAttributeNamesRequest { AttrNames = names.RootElement.Clone() });
        var got = await c.GetAppAttributeNamesAsync(new GetAppAttributeNamesRequest());
        Assert.Equal("city", got.AttrNames!.Value.GetProperty("1").GetString());

        using var a = JsonDocument.Parse("""{"sex":"1","city":"sz"}""");
        using var b = JsonDocument.Parse("""{"sex":"2"}""");
        await c.SetUserAttributesAsync(new SetUserAttributesRequest { UserAttrs = new List<PushUserAttrs> { new() { ToAccount = "amp_a", Attrs = a.RootElement.Clone() }, new() { ToAccount = "amp_b", Attrs = b.RootElement.Clone() } } });
        using var unknown = JsonDocument.Parse("""{"age":"3"}""");
        var refused = await Assert.ThrowsAsync<ImException>(() => c.SetUserAttributesAsync(new SetUserAttributesRequest { UserAttrs = new List<PushUserAttrs> { new() { ToAccount = "amp_a", Attrs = unknown.RootElement.Clone() } } }));
        Assert.Equal(90033, refused.ErrorCode);
        await c.RemoveUserAttributesAsync(new RemoveUserAttributesRequest { UserAttrs = new List<PushUserAttrNames> { new() { ToAccount = "amp_a", Attrs = new List<string> { "city" } } } });
        var attrs = await c.GetUserAttributesAsync(new GetUserAttributesRequest { ToAccount = new List<string> { "amp_a" } });
        var attrsOfA = Assert.Single(attrs.UserAttrs!).Attrs;
        Assert.Equal("1", attrsOfA.GetProperty("sex").GetString());
        Assert.False(attrsOfA.TryGetProperty("city", out _));

        await c.AddUserTagsAsync(new AddUserTagsRequest { UserTags = new List<PushUserTagsToAdd> { new() { ToAccount = "amp_b", Tags = new List<string> { "vip", "new" } }, new() { ToAccount = "amp_c", Tags = new List<string> { "vip" } } } });
        await c.RemoveUserTagsAsync(new RemoveUserTagsRequest { UserTags = new List<PushUserTags> { new() { ToAccount = "amp_b", Tags = new List<string> { "new" } } } });
        await c.RemoveAllUserTagsAsync(new RemoveAllUserTagsRequest { ToAccount = new List<string> { "amp_c" } });
        var tags = await c.GetUserTagsAsync(new GetUserTagsRequest { ToAccount = new List<string> { "amp_b", "amp_c" } });
        Assert.Equal(new[] { "vip" }, tags.UserTags!.Single(u => u.ToAccount == "amp_b").Tags);
        Assert.Empty(tags.UserTags!.Single(u => u.ToAccount == "amp_c").Tags);

        // The push is recorded with its targeting: only amp_b still has the tag.
        var pushed = await c.PushToAllMembersAsync(new PushToAllMembersRequest
        {
            FromAccount = "amp_a",
            Condition = new PushCondition { TagsOr = new List<string> { "vip" } },
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "sale" } },
        });
        Assert.False(string.IsNullOrEmpty(pushed.TaskId));
        var pushes = (await t.ControlGetAsync("_emulator/pushes")).RootElement.GetProperty("pushes");
        var push = pushes.EnumerateArray().Single(p => p.GetProperty("taskId").GetString() == pushed.TaskId);
        Assert.Equal(new[] { "amp_b" }, push.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("vip", push.GetProperty("condition").GetProperty("TagsOr")[0].GetString());
        Assert.Equal("all_member_push", push.GetProperty("kind").GetString());
    }

    [EndpointScenario]
    public static async Task TimPushAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("tp_a", "tp_b");
        var sent = await c.PushToUsersAsync(new PushToUsersRequest
        {
            FromAccount = t.Admin,
            ToAccount = new List<string> { "tp_a", "tp_b" },
            OfflinePushInfo = new OfflinePushInfo { Title = "title", Desc = "body" },
            DataId = "order-7",
        });
        Assert.False(string.IsNullOrEmpty(sent.TaskId));
        await c.RevokePushAsync(new RevokePushRequest { TaskId = sent.TaskId!, OfflinePushInfo = new OfflinePushInfo { Title = "recalled", Desc = "recalled" } });
        var push = (await t.ControlGetAsync("_emulator/pushes")).RootElement.GetProperty("pushes").EnumerateArray().Single(p => p.GetProperty("taskId").GetString() == sent.TaskId);
        Assert.Equal("timpush/batch", push.GetProperty("kind").GetString());
        Assert.Equal(new[] { "tp_a", "tp_b" }, push.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("order-7", push.GetProperty("dataId").GetString());
        Assert.True(push.GetProperty("revoked").GetBoolean());
        Assert.Equal("recalled", push.GetProperty("revokeOfflinePushInfo").GetProperty("Title").GetString());

        var again = await Assert.ThrowsAsync<ImException>(() => c.RevokePushAsync(new RevokePushRequest { TaskId = sent.TaskId!, OfflinePushInfo = new OfflinePushInfo { Title = "x" } }));
        Assert.Equal(90050, again.ErrorCode);
        var missing = await Assert.ThrowsAsync<ImException>(() => c.RevokePushAsync(new RevokePushRequest { TaskId = "no-such-task", OfflinePushInfo = new OfflinePushInfo { Title = "x" } }));
        Assert.Equal(90049, missing.ErrorCode);
    }

    [EndpointScenario]
    public static async Task AuditAsync(TestEmulator t)
    {
        var c = t.Client;
        var app = t.Emulator.Options.SdkAppId;
        var (status, created) = await t.ControlPostAsync("_emulator/audit/libraries", """{"id":"lib-1","name":"words","suggestion":"Block"}""");
        Assert.Equal(200, status);
        Assert.Equal("lib-1", created.RootElement.GetProperty("id").GetString());
        (status, _) = await t.ControlPostAsync("_emulator/audit/rules", """{"contains":"/nsfw/","result":"Review","label":"Porn","score":77,"contentType":"Image"}""");
        Assert.Equal(200, status);

        var libraries = await c.GetCloudAuditKeywordLibrariesAsync(new GetCloudAuditKeywordLibrariesRequest { SdkAppId = app, Offset = 0, Limit = 10 });
        Assert.Equal(1, libraries.TotalCount);
        Assert.Equal("Block", Assert.Single(libraries.Infos!).Suggestion);
        await c.AddCloudAuditKeywordsAsync(new AddCloudAuditKeywordsRequest { SdkAppId = app, LibID = "lib-1", UserKeywords = new List<AuditKeywordInput> { new() { Content = "badword", Label = AuditKeywordLabel.Ad }, new() { Content = "other" } } });
        var words = await c.GetCloudAuditKeywordsAsync(new GetCloudAuditKeywordsRequest { SdkAppId = app, Offset = 0, Limit = 10, LibID = "lib-1", Content = "bad" });
        Assert.Equal("badword", Assert.Single(words.Infos!).Content);

        var blocked = await c.ModerateContentAsync(new ModerateContentRequest { AuditName = "C2C", ContentType = AuditContentType.Text, Content = "this has a badword in it" });
        Assert.Equal("Block", blocked.Result);
        Assert.Equal("Ad", blocked.Label);
        Assert.Equal(new[] { "badword" }, blocked.Keywords);
        var passed = await c.ModerateContentAsync(new ModerateContentRequest { AuditName = "C2C", ContentType = AuditContentType.Text, Content = "hello" });
        Assert.Equal("Pass", passed.Result);

        var batch = await c.BatchModerateContentAsync(new BatchModerateContentRequest
        {
            AuditName = "Group",
            Contents = new List<AuditBatchContent>
            {
                new() { ContentId = 0, ContentType = AuditContentType.Text, Content = "fine" },
                new() { ContentId = 1, ContentType = AuditContentType.Image, Content = "https://x.example/nsfw/1.jpg" },
            },
        });
        var results = batch.AuditResults!.Value.EnumerateArray().ToList();
        Assert.Equal("Pass", results.Single(r => r.GetProperty("ContentId").GetInt64() == 0).GetProperty("Result").GetString());
        var image = results.Single(r => r.GetProperty("ContentId").GetInt64() == 1);
        Assert.Equal("Review", image.GetProperty("Result").GetString());
        Assert.Equal(77, image.GetProperty("Score").GetInt32());

        var deleted = await c.DeleteCloudAuditKeywordsAsync(new DeleteCloudAuditKeywordsRequest { SdkAppId = app, LibID = "lib-1", Keywords = new List<string> { "badword", "never-added" } });
        Assert.Equal(1, deleted.Count);
        Assert.False(deleted.Details!.Single(d => d.Keyword == "never-added").Deleted);
        Assert.Equal("Pass", (await c.ModerateContentAsync(new ModerateContentRequest { AuditName = "C2C", ContentType = AuditContentType.Text, Content = "badword" })).Result);

        var decisions = (await t.ControlGetAsync("_emulator/audit")).RootElement.GetProperty("decisions");
        Assert.Equal(5, decisions.GetArrayLength());
    }

    [EndpointScenario]
    public static async Task ChatbotAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("bot_user");
        await c.CreateChatbotAsync(new CreateChatbotRequest { UserID = "@RBT#helper", Nick = "Helper" });
        // The generated client refuses a UserID without @RBT# before sending; the emulator refuses it too (spec pattern).
        await Assert.ThrowsAsync<ImCsGen.Validation.ImValidationException>(() => c.CreateChatbotAsync(new CreateChatbotRequest { UserID = "helper" }));
        using var raw = await t.RawAsync("openim_robot_http_svc/create_robot", t.Query(), """{"UserID":"helper"}""");
        Assert.Equal(70402, raw.Code());
        Assert.Equal(new[] { "@RBT#helper" }, (await c.GetAllChatbotsAsync(new GetAllChatbotsRequest())).RobotAccount);

        var first = await c.SendChatbotStreamMessageAsync(new SendChatbotStreamMessageRequest { FromAccount = "@RBT#helper", ToAccount = "bot_user", Chunk = "Hel" });
        await c.SendChatbotStreamMessageAsync(new SendChatbotStreamMessageRequest { FromAccount = "@RBT#helper", ToAccount = "bot_user", Chunk = "lo", MsgKey = first.MsgKey, Finish = 1 });
        var stored = Assert.Single(t.Emulator.State.GetMessages("@RBT#helper", "bot_user"));
        Assert.Contains("\"Hello\"", stored.MsgBodyJson, StringComparison.Ordinal);
        var late = await Assert.ThrowsAsync<ImException>(() => c.SendChatbotStreamMessageAsync(new SendChatbotStreamMessageRequest { FromAccount = "@RBT#helper", ToAccount = "bot_user", Chunk = "!", MsgKey = first.MsgKey }));
        Assert.Equal(90001, late.ErrorCode);

        await c.DeleteChatbotAsync(new DeleteChatbotRequest { RobotAccount = "@RBT#helper" });
        Assert.Empty((await c.GetAllChatbotsAsync(new GetAllChatbotsRequest())).RobotAccount ?? new List<string>());
    }

    [EndpointScenario]
    public static async Task FollowAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("fol_a", "fol_b", "fol_c");
        var add = await c.FollowUsersAsync(new FollowUsersRequest { FromAccount = "fol_a", FollowItem = new List<FollowTargetItem> { new() { ToAccount = "fol_b" }, new() { ToAccount = "fol_c" }, new() { ToAccount = "ghost" } } });
        Assert.Equal(30003, add.ResultItem!.Single(r => r.ToAccount == "ghost").ResultCode);
        await c.FollowUsersAsync(new FollowUsersRequest { FromAccount = "fol_b", FollowItem = new List<FollowTargetItem> { new() { ToAccount = "fol_a" } } });

        var check = await c.CheckFollowAsync(new CheckFollowRequest { FromAccount = "fol_a", ToAccount = new List<string> { "fol_b", "fol_c" } });
        Assert.Equal(3, check.ResultItem!.Single(r => r.ToAccount == "fol_b").FollowType);
        Assert.Equal(2, check.ResultItem!.Single(r => r.ToAccount == "fol_c").FollowType);
        var following = await c.GetFollowListAsync(new GetFollowListRequest { FromAccount = "fol_a", FollowType = FollowListType.Following, StartCursor = string.Empty, WantNum = 1 });
        Assert.Single(following.FollowItem!);
        Assert.False(string.IsNullOrEmpty(following.NextCursor));
        var rest = await c.GetFollowListAsync(new GetFollowListRequest { FromAccount = "fol_a", FollowType = FollowListType.Following, StartCursor = following.NextCursor!, WantNum = 10 });
        Assert.Equal(new[] { "fol_b", "fol_c" }, following.FollowItem!.Concat(rest.FollowItem!).Select(f => f.ToAccount).OrderBy(x => x, StringComparer.Ordinal));

        await c.UnfollowUsersAsync(new UnfollowUsersRequest { FromAccount = "fol_a", ToAccount = new List<string> { "fol_c" } });
        var counts = await c.GetFollowCountsAsync(new GetFollowCountsRequest { FromAccount = "fol_a", ToAccount = new List<string> { "fol_a" } });
        var mine = Assert.Single(counts.FollowInfo!);
        Assert.Equal(1, mine.FollowingCount);
        Assert.Equal(1, mine.FollowerCount);
        Assert.Equal(1, mine.MutualFollowingCount);
    }

    [EndpointScenario]
    public static async Task GlobalMuteAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("gm_a", "gm_b");
        await c.SetGlobalMuteAsync(new SetGlobalMuteRequest { SetAccount = "gm_a", C2CmsgNospeakingTime = 3600 });
        var mute = await c.GetGlobalMuteAsync(new GetGlobalMuteRequest { GetAccount = "gm_a" });
        Assert.InRange(mute.C2CmsgNospeakingTime!.Value, 3590u, 3600u);
        Assert.Equal(0u, mute.GroupmsgNospeakingTime);

        // Tencent: a sender under global one-to-one mute gets 20012 (269/4230).
        var refused = await Assert.ThrowsAsync<ImException>(() => t.SendTextAsync("gm_a", "gm_b", "hi"));
        Assert.Equal(20012, refused.ErrorCode);
        Assert.Empty(t.Emulator.State.GetMessages("gm_a", "gm_b"));
        await c.SetGlobalMuteAsync(new SetGlobalMuteRequest { SetAccount = "gm_a", C2CmsgNospeakingTime = 0 });
        await t.SendTextAsync("gm_a", "gm_b", "hi");
        Assert.Single(t.Emulator.State.GetMessages("gm_a", "gm_b"));
    }

    [EndpointScenario]
    public static async Task OfficialAccountAsync(TestEmulator t)
    {
        var c = t.Client;
        await t.ImportAsync("oa_owner", "oa_s1", "oa_s2");
        var created = await c.CreateOfficialAccountAsync(new CreateOfficialAccountRequest { OwnerAccount = "oa_owner", OfficialAccountUserID = "@TOA#_news", Name = "News" });
        Assert.Equal("@TOA#_news", created.OfficialAccountUserID);
        var taken = await Assert.ThrowsAsync<ImException>(() => c.CreateOfficialAccountAsync(new CreateOfficialAccountRequest { OwnerAccount = "oa_owner", OfficialAccountUserID = "@TOA#_news", Name = "Again" }));
        Assert.Equal(130008, taken.ErrorCode);
        await c.ModifyOfficialAccountInfoAsync(new ModifyOfficialAccountInfoRequest { OfficialAccount = "@TOA#_news", Introduction = "daily" });

        var added = await c.AddOfficialAccountSubscribersAsync(new AddOfficialAccountSubscribersRequest { OfficialAccount = "@TOA#_news", SubscriberList = new List<OfficialAccountSubscriberItem> { new() { SubscriberAccount = "oa_s1" }, new() { SubscriberAccount = "oa_s2" } } });
        Assert.All(added.SubscriberList!, r => Assert.Equal(OfficialAccountSubscribeResult.Added, r.Result));
        await c.ModifyOfficialAccountSubscriberAsync(new ModifyOfficialAccountSubscriberRequest { OfficialAccount = "@TOA#_news", SubscriberAccount = "oa_s1", CustomString = "gold" });
        var subscribers = await c.GetOfficialAccountSubscribersAsync(new GetOfficialAccountSubscribersRequest { OfficialAccount = "@TOA#_news", Limit = 10, Next = string.Empty });
        Assert.Equal(2, subscribers.SubscriberNum);
        Assert.Equal("gold", subscribers.SubscriberList!.Single(s => s.SubscriberAccount == "oa_s1").CustomString);
        var subscribed = await c.GetSubscribedOfficialAccountsAsync(new GetSubscribedOfficialAccountsRequest { SubscriberAccount = "oa_s1" });
        var info = Assert.Single(subscribed.OfficialAccountInfoList!);
        Assert.Equal("daily", info.Introduction);
        Assert.Equal("gold", info.SelfInfo!.CustomString);

        var first = await c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = "@TOA#_news", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "one" } } });
        var second = await c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = "@TOA#_news", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "two" } } });
        // The same content again within the window: dropped, answered with the first message's key (spec prose, 5 min).
        var repeat = await c.SendOfficialAccountMessageAsync(new SendOfficialAccountMessageRequest { OfficialAccount = "@TOA#_news", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "two" } } });
        Assert.Equal(second.MsgKey, repeat.MsgKey);
        var recall = await c.RecallOfficialAccountMessagesAsync(new RecallOfficialAccountMessagesRequest { OfficialAccount = "@TOA#_news", MsgKeyList = new List<string> { first.MsgKey! } });
        Assert.Equal(0, Assert.Single(recall.RecallRetList!).RetCode);
        var history = await c.GetOfficialAccountHistoryAsync(new GetOfficialAccountHistoryRequest { OfficialAccount = "@TOA#_news", ReqMsgNumber = 10 });
        Assert.Equal(new[] { second.MsgKey }, history.RspMsgList!.Select(m => m.MsgKey));
        Assert.Equal("two", Assert.IsType<TIMTextElem>(Assert.Single(history.RspMsgList![0].MsgBody!)).Text);

        var info2 = await c.GetOfficialAccountInfoAsync(new GetOfficialAccountInfoRequest { OfficialAccountIdList = new List<OfficialAccountIdItem> { new() { OfficialAccount = "@TOA#_news" } } });
        Assert.Equal(2, Assert.Single(info2.OfficialAccountInfoList!).SubscriberNum);
        await c.DeleteOfficialAccountSubscribersAsync(new DeleteOfficialAccountSubscribersRequest { OfficialAccount = "@TOA#_news", SubscriberToDelAccount = new List<string> { "oa_s2" } });
        Assert.Equal(1, (await c.GetOfficialAccountSubscribersAsync(new GetOfficialAccountSubscribersRequest { OfficialAccount = "@TOA#_news", Next = string.Empty })).SubscriberNum);

        await c.DestroyOfficialAccountAsync(new DestroyOfficialAccountRequest { OfficialAccount = "@TOA#_news" });
        var gone = await Assert.ThrowsAsync<ImException>(() => c.DestroyOfficialAccountAsync(new DestroyOfficialAccountRequest { OfficialAccount = "@TOA#_news" }));
        Assert.Equal(130004, gone.ErrorCode);
    }
}
