using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Emulator.Callbacks;
using ImCsGen.Im;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// The emulator's after-event callbacks other than message sends (State.StateChange, Sns.*, Profile.CallbackPortraitSet),
/// received by a loopback Kestrel endpoint that records the query and body and checks the signature.
/// </summary>
public sealed class EventCallbackTests
{
    private const string Token = "event-token";

    [Fact]
    public async Task Logins_friends_blocklists_and_profile_changes_are_called_back_signed_and_typed()
    {
        var received = new ConcurrentQueue<(string Command, IQueryCollection Query, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/cb", async context =>
        {
            using var memory = new MemoryStream();
            await context.Request.Body.CopyToAsync(memory);
            received.Enqueue((context.Request.Query["CallbackCommand"].ToString(), context.Request.Query, memory.ToArray()));
            await context.Response.WriteAsync("""{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = new EmulatorCallbackOptions { Url = new Uri(new Uri(address), "/cb"), Token = Token });
        await t.ImportAsync("cb_a", "cb_b");
        await t.ControlPostAsync("_emulator/accounts/cb_a/online", """{"online":true}""");
        await t.Client.AddFriendsAsync(new AddFriendsRequest { FromAccount = "cb_a", AddFriendItem = new List<AddFriendItem> { new() { ToAccount = "cb_b", AddSource = "AddSource_Type_Test" } } });
        await t.Client.DeleteFriendsAsync(new DeleteFriendsRequest { FromAccount = "cb_a", ToAccount = new List<string> { "cb_b" }, DeleteType = FriendDeleteType.Single });
        await t.Client.AddBlocklistAsync(new AddBlocklistRequest { FromAccount = "cb_a", ToAccount = new List<string> { "cb_b" } });
        await t.Client.DeleteBlocklistAsync(new DeleteBlocklistRequest { FromAccount = "cb_a", ToAccount = new List<string> { "cb_b" } });
        using var nick = JsonDocument.Parse("\"Ann\"");
        await t.Client.SetProfileAsync(new SetProfileRequest { FromAccount = "cb_a", ProfileItem = new List<ProfileItem> { new() { Tag = "Tag_Profile_IM_Nick", Value = nick.RootElement.Clone() } } });
        await t.Client.KickAccountAsync(new KickAccountRequest { UserID = "cb_a" });

        // A refused call raises nothing: deleting a friendship that no longer exists.
        await t.Client.DeleteFriendsAsync(new DeleteFriendsRequest { FromAccount = "cb_a", ToAccount = new List<string> { "cb_b" }, DeleteType = FriendDeleteType.Single });

        var expected = new[] { "State.StateChange", "Sns.CallbackFriendAdd", "Sns.CallbackFriendDelete", "Sns.CallbackBlackListAdd", "Sns.CallbackBlackListDelete", "Profile.CallbackPortraitSet" };
        for (var i = 0; i < 200 && received.Count < expected.Length + 1; i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(100);
        var all = received.ToList();
        Assert.Equal(expected.Length + 1, all.Count);
        Assert.Equal(expected.Append("State.StateChange").OrderBy(c => c, StringComparer.Ordinal), all.Select(r => r.Command).OrderBy(c => c, StringComparer.Ordinal));
        foreach (var (command, query, _) in all)
        {
            var time = query["RequestTime"].ToString();
            Assert.Equal(ImCallbackSignature.Compute(Token, time), query["Sign"].ToString());
            Assert.Equal(t.Emulator.Options.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), query["SdkAppid"].ToString());
            Assert.False(string.IsNullOrEmpty(command));
        }

        T Read<T>(string command, Func<T, bool>? where = null)
            where T : ImCallbackPayload, IImCallbackPayload<T>
            => all.Where(r => r.Command == command).Select(r =>
            {
                var reader = new Utf8JsonReader(r.Body);
                return T.ReadJson(ref reader);
            }).First(p => where is null || where(p));

        var login = Read<StateChange>("State.StateChange", s => s.Info!.Action == "Login");
        Assert.Equal(("cb_a", "Register"), (login.Info!.ToAccount, login.Info.Reason));
        var logout = Read<StateChange>("State.StateChange", s => s.Info!.Action == "Logout");
        Assert.Equal("cb_a", logout.Info!.ToAccount);

        var added = Read<SnsCallbackFriendAdd>("Sns.CallbackFriendAdd");
        Assert.Equal(new[] { "cb_a>cb_b", "cb_b>cb_a" }, added.PairList!.Select(p => p.FromAccount + ">" + p.ToAccount).ToArray());
        Assert.All(added.PairList!, p => Assert.Equal("cb_a", p.InitiatorAccount));
        Assert.Equal(("friend_add", t.Admin), (added.ClientCmd, added.AdminAccount));

        var deleted = Read<SnsCallbackFriendDelete>("Sns.CallbackFriendDelete");
        Assert.Equal(("cb_a", "cb_b"), (Assert.Single(deleted.PairList!).FromAccount, deleted.PairList![0].ToAccount));
        Assert.Equal("cb_b", Assert.Single(Read<SnsCallbackBlackListAdd>("Sns.CallbackBlackListAdd").PairList!).ToAccount);
        Assert.Equal("cb_b", Assert.Single(Read<SnsCallbackBlackListDelete>("Sns.CallbackBlackListDelete").PairList!).ToAccount);

        var profile = Read<ProfileCallbackPortraitSet>("Profile.CallbackPortraitSet");
        Assert.Equal(("cb_a", t.Admin), (profile.FromAccount, profile.OperatorAccount));
        var item = Assert.Single(profile.ProfileItem!);
        Assert.Equal(("Tag_Profile_IM_Nick", "Ann"), (item.Tag, item.Value!.Value.GetString()));
        Assert.InRange(profile.EventTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_globally_muted_sender_is_refused_with_20012_without_the_before_send_callback()
    {
        var commands = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/cb", async context =>
        {
            commands.Enqueue(context.Request.Query["CallbackCommand"].ToString());
            await context.Response.WriteAsync("""{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = new EmulatorCallbackOptions { Url = new Uri(new Uri(address), "/cb"), Token = Token });
        await t.ImportAsync("mute_a", "mute_b");
        await t.Client.SetGlobalMuteAsync(new SetGlobalMuteRequest { SetAccount = "mute_a", C2CmsgNospeakingTime = 600 });

        var refused = await Assert.ThrowsAsync<ImException>(() => t.SendTextAsync("mute_a", "mute_b", "muted"));
        Assert.Equal(20012, refused.ErrorCode);
        Assert.DoesNotContain("C2C.CallbackBeforeSendMsg", commands);

        // Unmuted, the same send goes through the before-callback.
        await t.Client.SetGlobalMuteAsync(new SetGlobalMuteRequest { SetAccount = "mute_a", C2CmsgNospeakingTime = 0 });
        await t.SendTextAsync("mute_a", "mute_b", "free");
        Assert.Contains("C2C.CallbackBeforeSendMsg", commands);
    }

    [Fact]
    public async Task Follow_add_calls_back_only_the_follows_actually_added()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("fw_a", "fw_b", "fw_c");
        await t.Client.FollowUsersAsync(new FollowUsersRequest { FromAccount = "fw_a", FollowItem = new List<FollowTargetItem> { new() { ToAccount = "fw_b" } } });

        // fw_b is already followed and ghost is unknown: only fw_c is added by the second call.
        await t.Client.FollowUsersAsync(new FollowUsersRequest { FromAccount = "fw_a", FollowItem = new List<FollowTargetItem> { new() { ToAccount = "fw_b" }, new() { ToAccount = "fw_c" }, new() { ToAccount = "ghost" } } });
        await receiver.WaitForAsync(FollowCallbackAfterFollowAdd.Command, 2);

        var all = receiver.All<FollowCallbackAfterFollowAdd>();
        Assert.Equal(2, all.Length);

        // After-callbacks are fire and forget, so the two may arrive in either order.
        Assert.Equal(new[] { "fw_b", "fw_c" }, all.Select(p => string.Join(",", p.FollowList!.Select(f => f.ToAccount))).OrderBy(x => x, StringComparer.Ordinal).ToArray());
        Assert.All(all, p => Assert.Equal("fw_a", p.FromAccount));
        Assert.InRange(all[1].EventTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
    }

    [Fact]
    public async Task Follow_delete_calls_back_the_users_actually_unfollowed()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("fd_a", "fd_b", "fd_c");
        await t.Client.FollowUsersAsync(new FollowUsersRequest { FromAccount = "fd_a", FollowItem = new List<FollowTargetItem> { new() { ToAccount = "fd_b" } } });

        // fd_c was never followed: nothing is called back for it, and a call removing nobody sends nothing.
        await t.Client.UnfollowUsersAsync(new UnfollowUsersRequest { FromAccount = "fd_a", ToAccount = new List<string> { "fd_b", "fd_c" } });
        await t.Client.UnfollowUsersAsync(new UnfollowUsersRequest { FromAccount = "fd_a", ToAccount = new List<string> { "fd_c" } });
        await receiver.WaitForAsync(FollowCallbackAfterFollowDelete.Command);
        await Task.Delay(200);

        var deleted = Assert.Single(receiver.All<FollowCallbackAfterFollowDelete>());
        Assert.Equal("fd_a", deleted.FromAccount);
        Assert.Equal(new[] { "fd_b" }, deleted.ToAccount!.ToArray());
        Assert.NotNull(deleted.EventTime);
    }

    [Fact]
    public async Task Modifying_a_one_to_one_message_calls_back_the_edited_body_and_the_message_identity()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("mm_a", "mm_b");
        var sent = await t.Client.SendC2CMessageAsync(new SendC2CMessageRequest { FromAccount = "mm_a", ToAccount = "mm_b", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "hello" } }, MsgRandom = 4242, CloudCustomData = "v=1" });
        await t.Client.ModifyC2CMessageAsync(new ModifyC2CMessageRequest { FromAccount = "mm_a", ToAccount = "mm_b", MsgKey = sent.MsgKey!, MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "hello (edited)" } }, CloudCustomData = "v=2" });

        // A refused edit (unknown key) sends nothing.
        await Assert.ThrowsAsync<ImException>(() => t.Client.ModifyC2CMessageAsync(new ModifyC2CMessageRequest { FromAccount = "mm_a", ToAccount = "mm_b", MsgKey = "1_2_3", CloudCustomData = "x" }));
        await receiver.WaitForAsync(C2CCallbackAfterModifyMsg.Command);
        await Task.Delay(200);

        var modified = Assert.Single(receiver.All<C2CCallbackAfterModifyMsg>());
        Assert.Equal((t.Admin, "mm_a", "mm_b"), (modified.OperatorAccount, modified.FromAccount, modified.ToAccount));
        Assert.Equal(sent.MsgKey, modified.MsgKey);
        Assert.Equal(sent.MsgTime, modified.MsgTime);
        Assert.Equal(4242u, modified.MsgRandom);

        // Tencent forms the one-to-one MsgKey as {MsgSeq}_{MsgRandom}_{MsgTime}.
        Assert.Equal(sent.MsgKey, modified.MsgSeq + "_" + modified.MsgRandom + "_" + modified.MsgTime);
        Assert.Equal("hello (edited)", Assert.IsType<TIMTextElem>(Assert.Single(modified.MsgBody!)).Text);
        Assert.Equal("v=2", modified.CloudCustomData);
        Assert.NotNull(modified.EventTime);
    }

    [Fact]
    public async Task Setting_one_to_one_message_extensions_calls_back_the_key_values_and_their_seq()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("mx_a", "mx_b");
        var sent = await t.Client.SendC2CMessageAsync(new SendC2CMessageRequest { FromAccount = "mx_a", ToAccount = "mx_b", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "vote" } }, SupportMessageExtension = 1 });
        await t.Client.SetC2CMessageExtensionsAsync(new SetC2CMessageExtensionsRequest { FromAccount = "mx_a", ToAccount = "mx_b", MsgKey = sent.MsgKey!, OperateType = 1, ExtensionList = new List<MessageExtensionItem> { new() { Key = "like", Value = "3" }, new() { Key = "star", Value = "1" } } });
        await t.Client.SetC2CMessageExtensionsAsync(new SetC2CMessageExtensionsRequest { FromAccount = "mx_a", ToAccount = "mx_b", MsgKey = sent.MsgKey!, OperateType = 2, ExtensionList = new List<MessageExtensionItem> { new() { Key = "like" } } });
        await receiver.WaitForAsync(C2CCallbackAfterC2CMsgExtension.Command, 2);

        var all = receiver.All<C2CCallbackAfterC2CMsgExtension>();
        Assert.Equal(2, all.Length);
        var set = all.Single(p => p.OperateType == 1);
        Assert.Equal(("mx_a", "mx_b", sent.MsgKey), (set.FromAccount, set.ToAccount, set.MsgKey));
        Assert.Equal(new[] { "like=3#1", "star=1#2" }, set.ExtensionList!.Select(e => e.Key + "=" + e.Value + "#" + e.Seq).ToArray());
        Assert.Equal(2L, set.Seq);
        var deleted = all.Single(p => p.OperateType == 2);
        var removed = Assert.Single(deleted.ExtensionList!);
        Assert.Equal(("like", string.Empty, 3L), (removed.Key, removed.Value, removed.Seq));
        Assert.Equal(3L, deleted.Seq);
        Assert.NotNull(set.EventTime);
    }
}
