using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Handlers;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImCsGen.Emulator.Control;

/// <summary>
/// Control API of groups for what Tencent does only from client SDKs or its console: joining and leaving a live
/// group (AVChatRoom), a member reading a message (read receipts), Community permission groups; and the system
/// notifications sent (online only, so REST cannot read them back).
/// </summary>
internal static class GroupControlApi
{
    public static void Map(IEndpointRouteBuilder app, ImEmulator emulator)
    {
        // {"userId":"u1","join":true}: an SDK join (true) or quit (false) of a live group; JoinTime is now.
        ControlApi.Post(app, "/_emulator/groups/{groupId}/live-members", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var user = ControlApi.Str(body.RootElement, "userId");
            var join = !body.RootElement.TryGetProperty("join", out var j) || j.GetBoolean();
            lock (emulator.State.Sync)
            {
                var group = RequireGroup(emulator, context);
                if (group.Type != "AVChatRoom")
                {
                    throw new ArgumentException("groupId: live-members is for AVChatRoom groups; other types join through add_group_member");
                }

                if (emulator.State.FindAccount(user) is null)
                {
                    throw new ArgumentException("userId: account '" + user + "' is not imported");
                }

                if (join && group.FindMember(user) is null)
                {
                    group.AddMember(user, GroupCommon.Member, emulator.Options.Clock.GetUtcNow().ToUnixTimeSeconds());
                }
                else if (!join)
                {
                    group.RemoveMember(user);
                }

                w.WriteNumber("memberNum", group.Members.Count);
            }
        });

        // {"userId":"u1","msgSeq":3}: the member has read the group's message 3 (a client's read report).
        ControlApi.Post(app, "/_emulator/groups/{groupId}/read", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var user = ControlApi.Str(body.RootElement, "userId");
            var seq = body.RootElement.TryGetProperty("msgSeq", out var s) ? s.GetUInt32() : throw new ArgumentException("msgSeq: required");
            lock (emulator.State.Sync)
            {
                var group = RequireGroup(emulator, context);
                var message = group.Stream.Messages.FirstOrDefault(m => m.MsgSeq == seq) ?? throw new ArgumentException("msgSeq: no message " + seq.ToString(CultureInfo.InvariantCulture));
                if (group.FindMember(user) is null)
                {
                    throw new ArgumentException("userId: '" + user + "' is not a member");
                }

                message.ReadBy.Add(user);
                w.WriteNumber("readNum", message.ReadBy.Count - 1);
            }
        });

        // {"id":"pg1","members":["u1"],"topicPermissions":{"<topicId>":3}}: a Community permission group.
        ControlApi.Post(app, "/_emulator/groups/{groupId}/permission-groups", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var id = ControlApi.Str(body.RootElement, "id");
            lock (emulator.State.Sync)
            {
                var group = RequireGroup(emulator, context);
                if (group.Type != "Community")
                {
                    throw new ArgumentException("groupId: permission groups are for Community groups");
                }

                var permissionGroup = new PermissionGroup();
                if (body.RootElement.TryGetProperty("members", out var members))
                {
                    permissionGroup.Members.AddRange(members.EnumerateArray().Select(m => m.GetString() ?? throw new ArgumentException("members: strings")));
                }

                if (body.RootElement.TryGetProperty("topicPermissions", out var permissions))
                {
                    foreach (var p in permissions.EnumerateObject())
                    {
                        permissionGroup.TopicPermissions[p.Name] = p.Value.GetInt64();
                    }
                }

                emulator.State.Areas.PermissionGroups[(group.Id, id)] = permissionGroup;
                w.WriteString("id", id);
            }
        });

        // The group system notifications sent (send_group_system_notification is online only and never in the history).
        ControlApi.Get(app, "/_emulator/groups/{groupId}/notifications", (context, w) =>
        {
            var groupId = (string?)context.Request.RouteValues["groupId"] ?? string.Empty;
            lock (emulator.State.Sync)
            {
                w.WriteStartArray("notifications");
                foreach (var (id, n) in emulator.State.Areas.GroupNotifications.Where(n => string.Equals(n.GroupId, groupId, StringComparison.Ordinal)))
                {
                    w.WriteStartObject();
                    w.WriteString("groupId", id);
                    w.WriteString("content", JsonDocument.Parse(n.MsgBodyJson).RootElement.GetString());
                    w.WriteNumber("time", n.Time);
                    w.WriteStartArray("to");
                    foreach (var r in n.Recipients)
                    {
                        w.WriteStringValue(r);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            return Task.CompletedTask;
        });
    }

    private static Group RequireGroup(ImEmulator emulator, HttpContext context)
    {
        var id = (string?)context.Request.RouteValues["groupId"] ?? string.Empty;
        return emulator.State.Groups.Find(id) ?? throw new ArgumentException("groupId: no group '" + id + "'");
    }
}
