using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Desk;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImCsGen.Emulator.Control;

/// <summary>
/// Control API for what a user's own client does when it reads one-to-one messages, which no REST call of Tencent's
/// does for it: a read receipt for single messages from a peer, and "mark all as read". Each updates the state the REST
/// API reads back (<c>IsPeerRead</c> of <c>admin_getroammsg</c>, <c>get_c2c_unread_msg_num</c>, the group members'
/// unread counts) and sends the after-callback Tencent sends for the client's action.
/// </summary>
internal static class UserReadControlApi
{
    public static void Map(IEndpointRouteBuilder app, ImEmulator emulator)
    {
        // {"peer":"u2","msgKeys":["<MsgKey>"]}: the user's client sends read receipts for messages the peer sent it
        // (C2C.CallbackAfterMsgReadReceipt, https://cloud.tencent.com/document/product/269/128223: "App 用户通过客户端做
        // 单聊消息的单条已读回执").
        ControlApi.Post(app, "/_emulator/users/{userId}/read-receipt", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var peer = ControlApi.Str(root, "peer");
            var keys = RequiredKeys(root, "msgKeys");
            ImCsGen.Callbacks.ImCallbackPayload payload;
            lock (emulator.State.Sync)
            {
                var user = RequireAccount(emulator, context);
                if (emulator.State.FindAccount(peer) is null)
                {
                    throw new ArgumentException("peer: account '" + peer + "' is not imported");
                }

                // All keys are checked before any message is marked, so a refused call changes nothing.
                var messages = new List<StoredMessage>();
                for (var i = 0; i < keys.Count; i++)
                {
                    var message = emulator.State.FindByKey(user, peer, keys[i]);
                    if (message is null || !string.Equals(message.From, peer, StringComparison.Ordinal) || !string.Equals(message.To, user, StringComparison.Ordinal))
                    {
                        throw new ArgumentException("msgKeys[" + i.ToString(CultureInfo.InvariantCulture) + "]: no message '" + keys[i] + "' from " + peer + " to " + user + " (a receipt is for messages the user received)");
                    }

                    messages.Add(message);
                }

                foreach (var message in messages)
                {
                    message.ReadReceiptSent = true;
                }

                payload = Callbacks.EventCallbacks.C2CReadReceipt(user, peer, messages, emulator.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
                w.WriteNumber("messages", messages.Count);
            }

            emulator.Pipeline.FireCallback(payload); // fire and forget, after the state changed (no-op without callbacks)
        });

        // {}: the user's client clears all its unread messages, one-to-one and group (C2C.CallbackAfterMsgReadAll,
        // https://cloud.tencent.com/document/product/269/128225: "App 用户通过客户端清除全部未读").
        ControlApi.Post(app, "/_emulator/users/{userId}/read-all", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            ImCsGen.Callbacks.ImCallbackPayload payload;
            lock (emulator.State.Sync)
            {
                var user = RequireAccount(emulator, context);
                var (conversations, groups) = emulator.State.ClearAllUnread(user);
                payload = Callbacks.EventCallbacks.C2CReadAll(user, groups, emulator.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
                w.WriteNumber("conversations", conversations);
                w.WriteStartArray("groups");
                foreach (var (groupId, msgSeq) in groups)
                {
                    w.WriteStartObject();
                    w.WriteString("groupId", groupId);
                    w.WriteNumber("msgSeq", msgSeq);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            emulator.Pipeline.FireCallback(payload); // fire and forget, after the state changed (no-op without callbacks)
        });
    }

    private static string RequireAccount(ImEmulator emulator, HttpContext context)
    {
        var id = ControlApi.Route(context, "userId");
        return emulator.State.FindAccount(id)?.UserId ?? throw new ServiceDeskException("no account '" + id + "'", notFound: true);
    }

    private static List<string> RequiredKeys(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new ArgumentException(name + ": required non-empty array of MsgKey strings");
        }

        var keys = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            keys.Add(item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } key
                ? key
                : throw new ArgumentException(name + "[" + keys.Count.ToString(CultureInfo.InvariantCulture) + "]: expected a non-empty MsgKey string"));
        }

        return keys;
    }
}
