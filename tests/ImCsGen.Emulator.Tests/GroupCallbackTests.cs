using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
using static ImCsGen.Emulator.Tests.GroupEndpointScenarios;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// The emulator's group callbacks received by a loopback Kestrel app: Group.CallbackBeforeSendMsg honoured (allow, modify,
/// reject, drop, app error) and the after-events of sends, creation, joins, exits and dismissal, signed and typed.
/// </summary>
public sealed class GroupCallbackTests
{
    private const string Token = "group-token";

    [Fact]
    public async Task Group_callbacks_are_sent_signed_and_before_send_replies_are_honoured()
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
            var command = context.Request.Query["CallbackCommand"].ToString();
            received.Enqueue((command, context.Request.Query, memory.ToArray()));
            await context.Response.WriteAsync(command == "Group.CallbackBeforeSendMsg" ? Decide(memory.ToArray()) : """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = new EmulatorCallbackOptions { Url = new Uri(new Uri(address), "/cb"), Token = Token });
        var c = t.Client.Group;
        await t.ImportAsync("gc_owner", "gc_a", "gc_b");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "gc_owner", Type = GroupType.Public, Name = "callbacks", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gc_a" } } })).GroupId!;
        await c.AddGroupMembersAsync(new AddGroupMembersRequest { GroupId = id, MemberList = new List<AddGroupMemberItem> { new() { MemberAccount = "gc_b" } } });

        var allowed = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("hello") });
        var masked = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("call me on 13800138000") });
        var rejected = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("reject this") }));
        Assert.Equal(10016, rejected.ErrorCode);
        var appError = await Assert.ThrowsAsync<ImException>(() => c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("app error please") }));
        Assert.Equal(10150, appError.ErrorCode);
        var dropped = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("drop this") });
        Assert.Null(dropped.MsgSeq);
        var skipped = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gc_a", MsgBody = Text("reject but skipped"), ForbidCallbackControl = new List<ForbidCallbackControl> { ForbidCallbackControl.ForbidBeforeSendMsgCallback } });

        // Only the allowed, the modified and the skipped messages were stored, numbered 1, 2, 3.
        Assert.Equal((1u, 2u, 3u), (allowed.MsgSeq!.Value, masked.MsgSeq!.Value, skipped.MsgSeq!.Value));
        var history = await c.GetGroupHistoryMessagesAsync(new GetGroupHistoryMessagesRequest { GroupId = id, ReqMsgNumber = 10 });
        Assert.Equal(new[] { "reject but skipped", "call me on 138****8000", "hello" }, history.RspMsgList!.Select(m => Assert.IsType<TIMTextElem>(m.MsgBody![0]).Text).ToArray());

        await c.DeleteGroupMembersAsync(new DeleteGroupMembersRequest { GroupId = id, MemberToDelAccount = new List<string> { "gc_b" } });
        await c.DestroyGroupAsync(new DestroyGroupRequest { GroupId = id });

        // After-callbacks are fire and forget: wait for them.
        var expectedAfter = new[] { "Group.CallbackAfterCreateGroup", "Group.CallbackAfterNewMemberJoin", "Group.CallbackAfterMemberExit", "Group.CallbackAfterGroupDestroyed" };
        for (var i = 0; i < 200 && !(expectedAfter.All(e => received.Any(r => r.Command == e)) && received.Count(r => r.Command == "Group.CallbackAfterSendMsg") >= 3); i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(100);
        var all = received.ToList();
        foreach (var (_, query, _) in all)
        {
            Assert.Equal(ImCallbackSignature.Compute(Token, query["RequestTime"].ToString()), query["Sign"].ToString());
        }

        T Read<T>(string command)
            where T : ImCallbackPayload, IImCallbackPayload<T>
            => all.Where(r => r.Command == command).Select(r =>
            {
                var reader = new Utf8JsonReader(r.Body);
                return T.ReadJson(ref reader);
            }).First();

        // The before-callback was asked for every send but the skipped one.
        Assert.Equal(5, all.Count(r => r.Command == "Group.CallbackBeforeSendMsg"));
        var before = Read<GroupCallbackBeforeSendMsg>("Group.CallbackBeforeSendMsg");
        Assert.Equal((id, "Public", "gc_a", t.Admin), (before.GroupId, before.Type, before.FromAccount, before.OperatorAccount));

        var after = all.Where(r => r.Command == "Group.CallbackAfterSendMsg").Select(r =>
        {
            var reader = new Utf8JsonReader(r.Body);
            return GroupCallbackAfterSendMsg.ReadJson(ref reader);
        }).OrderBy(p => p.MsgSeq).ToList();
        Assert.Equal(new uint?[] { 1, 2, 3 }, after.Select(p => p.MsgSeq).ToArray());
        Assert.Equal("call me on 138****8000", Assert.IsType<TIMTextElem>(after[1].MsgBody![0]).Text);

        var created = Read<GroupCallbackAfterCreateGroup>("Group.CallbackAfterCreateGroup");
        Assert.Equal((id, "Public", "gc_owner"), (created.GroupId, created.Type, created.OwnerAccount));
        Assert.Equal(new[] { "gc_owner", "gc_a" }, created.MemberList!.Select(m => m.MemberAccount).ToArray());
        var joined = Read<GroupCallbackAfterNewMemberJoin>("Group.CallbackAfterNewMemberJoin");
        Assert.Equal(("Invited", "gc_b"), (joined.JoinType, Assert.Single(joined.NewMemberList!).MemberAccount));
        var exited = Read<GroupCallbackAfterMemberExit>("Group.CallbackAfterMemberExit");
        Assert.Equal(("Kicked", "gc_b"), (exited.ExitType, Assert.Single(exited.ExitMemberList!).MemberAccount));
        var destroyed = Read<GroupCallbackAfterGroupDestroyed>("Group.CallbackAfterGroupDestroyed");
        Assert.Equal((id, "callbacks"), (destroyed.GroupId, destroyed.Name));

        // destroy_group names no sender: the operator is the app admin the REST call was made as (269/1670).
        Assert.Equal(t.Admin, destroyed.OperatorAccount);
        Assert.Equal(new[] { "gc_owner", "gc_a" }, destroyed.MemberList!.Select(m => m.MemberAccount).ToArray());
    }

    /// <summary>The app's before-send policy, keyed on the message text.</summary>
    private static string Decide(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var payload = GroupCallbackBeforeSendMsg.ReadJson(ref reader);
        var text = payload.MsgBody is { Count: > 0 } && payload.MsgBody[0] is TIMTextElem elem ? elem.Text ?? string.Empty : string.Empty;
        if (text.Contains("reject", StringComparison.Ordinal))
        {
            return """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}""";
        }

        if (text.Contains("drop", StringComparison.Ordinal))
        {
            return """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}""";
        }

        if (text.Contains("app error", StringComparison.Ordinal))
        {
            return """{"ActionStatus":"OK","ErrorInfo":"blocked by policy","ErrorCode":10150}""";
        }

        if (text.Contains("13800138000", StringComparison.Ordinal))
        {
            var masked = JsonSerializerFree.Quote(text.Replace("13800138000", "138****8000", StringComparison.Ordinal));
            return "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":" + masked + "}}]}";
        }

        return """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}""";
    }

    private static class JsonSerializerFree
    {
        public static string Quote(string value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStringValue(value);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    [Fact]
    public async Task Modifying_a_group_message_calls_back_the_edited_body()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client.Group;
        await t.ImportAsync("gmm_owner", "gmm_a");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "gmm_owner", Type = GroupType.Public, Name = "edits", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gmm_a" } } })).GroupId!;
        var sent = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gmm_a", MsgBody = Text("draft") });
        await c.ModifyGroupMessageAsync(new ModifyGroupMessageRequest { GroupId = id, MsgSeq = sent.MsgSeq!.Value, MsgBody = Text("final") });

        // A refused edit (no such message) sends nothing.
        await Assert.ThrowsAsync<ImException>(() => c.ModifyGroupMessageAsync(new ModifyGroupMessageRequest { GroupId = id, MsgSeq = 99, MsgBody = Text("none") }));
        await receiver.WaitForAsync(GroupCallbackAfterModifyMsg.Command);
        await Task.Delay(200);

        var modified = Assert.Single(receiver.All<GroupCallbackAfterModifyMsg>());
        Assert.Equal((t.Admin, id, sent.MsgSeq), (modified.OperatorAccount, modified.GroupId, modified.MsgSeq));
        Assert.Equal("final", Assert.IsType<TIMTextElem>(Assert.Single(modified.MsgBody!)).Text);
        Assert.Null(modified.TopicId);
        Assert.NotNull(modified.EventTime);
    }

    [Fact]
    public async Task Setting_group_message_extensions_calls_back_the_key_values_and_their_seq()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        var c = t.Client.Group;
        await t.ImportAsync("gmx_owner", "gmx_a");
        var id = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "gmx_owner", Type = GroupType.Public, Name = "votes", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "gmx_a" } } })).GroupId!;
        var sent = await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = id, FromAccount = "gmx_a", MsgBody = Text("vote"), SupportMessageExtension = 1 });
        await c.SetGroupMessageExtensionsAsync(new SetGroupMessageExtensionsRequest { GroupId = id, MsgSeq = sent.MsgSeq!.Value, OperateType = 1, ExtensionList = new List<GroupMessageExtensionItem> { new() { Key = "vote", Value = "yes" } } });
        await c.SetGroupMessageExtensionsAsync(new SetGroupMessageExtensionsRequest { GroupId = id, MsgSeq = sent.MsgSeq!.Value, OperateType = 3 });
        await receiver.WaitForAsync(GroupCallbackAfterGroupMsgExtension.Command, 2);

        var all = receiver.All<GroupCallbackAfterGroupMsgExtension>();
        var set = all.Single(p => p.OperateType == 1);
        Assert.Equal((id, sent.MsgSeq), (set.GroupId, set.MsgSeq));
        var item = Assert.Single(set.ExtensionList!);
        Assert.Equal(("vote", "yes", 1L), (item.Key, item.Value, item.Seq));
        Assert.Equal(1L, set.Seq);

        // A clear carries no key/values, as the page's example shows, and a newer Seq.
        var cleared = all.Single(p => p.OperateType == 3);
        Assert.Empty(cleared.ExtensionList ?? new List<CallbackMsgExtensionItem>());
        Assert.Equal(2L, cleared.Seq);
        Assert.NotNull(set.EventTime);
    }
}
