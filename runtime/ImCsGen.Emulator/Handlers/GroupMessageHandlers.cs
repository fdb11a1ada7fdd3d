using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;
using static ImCsGen.Emulator.Handlers.GroupCommon;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Group messages: send (with Random de-duplication), notifications, history, recall, import, receipts, extensions.</summary>
internal static class GroupMessageHandlers
{
    /// <summary>
    /// The de-duplication window of a group send or broadcast, read from the spec's <c>deduplication</c> rule of the
    /// endpoint (send_group_msg, send_broadcast_msg: a Random equal to that of a message stored in the previous 300 s).
    /// </summary>
    internal static long RandomWindowSeconds(ImCall call)
        => SpecRules.DeduplicationOf(call.Path).WindowSeconds ?? throw new InvalidOperationException("spec: " + call.Path + " states no de-duplication window");

    public static void Send(ImCall call)
    {
        var group = RequireGroup(call);
        var stream = Stream(call, group, out var topicId);
        var body = MessageHandlers.ReadBody(call, "MsgBody");
        var from = call.OptionalString("From_Account");
        var now = call.NowSeconds;
        GroupMember? sender = null;
        if (from is not null)
        {
            RequireAccount(call, from, "From_Account");
            if (group.Type != "AVChatRoom")
            {
                sender = RequireMember(group, from, "From_Account");
            }

            var muted = sender?.IsMuted(now) == true
                || (topicId is not null && group.Topics[topicId].MutedUntil.TryGetValue(from, out var topicMute) && topicMute > now)
                || (group.MuteMemory.TryGetValue(from, out var remembered) && remembered > now && group.Type == "AVChatRoom")

                // spec setnospeaking: a globally muted user's group sends fail with 10017.
                || call.State.Areas.IsGroupMuted(from, now);
            if (muted)
            {
                throw new ImCallException(EmulatorErrorCodes.GroupSenderMuted, "From_Account: '" + from + "' is muted in group '" + group.Id + "'");
            }

            var muteAll = group.MuteAll || (topicId is not null && group.Topics[topicId].MuteAll);
            if (muteAll && !IsManager(group, from))
            {
                throw new ImCallException(EmulatorErrorCodes.GroupSenderMuted, "From_Account: the whole group is muted; only the owner and administrators may speak");
            }
        }

        var random = call.OptionalUInt32("Random") ?? (uint)call.State.KeyRandom.NextInt64(0, (long)uint.MaxValue + 1);
        var duplicate = stream.FindRecentByRandom(random, now - RandomWindowSeconds(call));
        if (duplicate is not null)
        {
            // Answered with the first message; nothing is stored again.
            duplicate.DuplicatesSuppressed++;
            call.State.DuplicatesSuppressed++;
            call.Writer.WriteNumber("MsgTime", duplicate.Time);
            call.Writer.WriteNumber("MsgSeq", duplicate.MsgSeq);
            return;
        }

        if (call.OptionalInt64("OnlineOnlyFlag") == 1)
        {
            // Online-only messages are neither stored nor numbered (nobody is online over REST).
            call.Writer.WriteNumber("MsgTime", now);
            return;
        }

        var message = stream.Append(from ?? call.Identifier, random, now, body, call.OptionalString("CloudCustomData"), system: false);
        message.NeedReadReceipt = call.OptionalInt64("NeedReadReceipt") == 1;
        message.SupportsExtension = call.OptionalInt64("SupportMessageExtension") == 1;
        message.ReadBy.Add(message.From);
        if (sender is not null)
        {
            sender.LastSendMsgTime = now;
        }

        var noUnread = call.OptionalStrings("SendMsgControl").Contains("NoUnread");
        if (!noUnread)
        {
            foreach (var member in group.Members)
            {
                if (!string.Equals(member.UserId, message.From, StringComparison.Ordinal))
                {
                    member.UnreadMsgNum++;
                }
            }
        }

        call.Writer.WriteNumber("MsgTime", message.Time);
        call.Writer.WriteNumber("MsgSeq", message.MsgSeq);
        if (!Callbacks.GroupCallbacks.Skipped(call.Body, "Group.CallbackAfterSendMsg"))
        {
            call.RaiseCallback(() => Callbacks.GroupCallbacks.AfterSend(call.Body, call.Identifier, group.Type, message.MsgSeq, message.Time, call.NowMilliseconds));
        }
    }

    public static void SendBroadcast(ImCall call)
    {
        // spec send_broadcast_msg: one message to every AVChatRoom of the App; same 5-minute Random rule as group sends.
        var body = MessageHandlers.ReadBody(call, "MsgBody");
        var from = call.OptionalString("From_Account");
        if (from is not null)
        {
            RequireAccount(call, from, "From_Account");
        }

        var now = call.NowSeconds;
        var broadcasts = call.State.Areas.Broadcasts;
        var random = call.OptionalUInt32("Random") ?? (uint)call.State.KeyRandom.NextInt64(0, (long)uint.MaxValue + 1);
        var duplicate = broadcasts.FindRecentByRandom(random, now - RandomWindowSeconds(call));
        if (duplicate is not null)
        {
            duplicate.DuplicatesSuppressed++;
            call.Writer.WriteNumber("MsgSeq", duplicate.MsgSeq);
            return;
        }

        var message = broadcasts.Append(from ?? call.Identifier, random, now, body, call.OptionalString("CloudCustomData"), system: false);
        call.Writer.WriteNumber("MsgSeq", message.MsgSeq);
    }

    public static void SendSystemNotification(ImCall call)
    {
        var group = RequireGroup(call);
        Stream(call, group, out _);
        var content = call.RequiredString("Content");
        var to = call.OptionalStrings("ToMembers_Account");
        if (to.Count > 0 && group.Type == "AVChatRoom")
        {
            throw new ImCallException(EmulatorErrorCodes.GroupInvalidParameter, "ToMembers_Account: an AVChatRoom notification goes to all members; leave it out");
        }

        foreach (var user in to)
        {
            RequireMember(group, user, "ToMembers_Account");
        }

        // Online only and not roamed (spec send_group_system_notification): kept aside, never in the history or MsgSeq.
        var notification = new GroupMessage(0, call.Identifier, 0, call.NowSeconds, Json.Quote(content), null, system: true) { Recipients = to };
        call.State.Areas.GroupNotifications.Add((group.Id, notification));
    }

    public static void Recall(ImCall call)
    {
        var group = RequireGroup(call);
        var stream = Stream(call, group, out var topicId);
        var items = call.RequiredArray("MsgSeqList");
        var recalled = new List<uint>();
        call.Writer.WriteStartArray("RecallRetList");
        for (var i = 0; i < items.Count; i++)
        {
            var seq = RequiredUInt32(call, items[i], "MsgSeq", "MsgSeqList[" + i.ToString(CultureInfo.InvariantCulture) + "].MsgSeq");
            var message = stream.Find(seq);
            int code;
            if (message is null || message.Deleted)
            {
                code = EmulatorErrorCodes.GroupRecallNotFound;
            }
            else if (group.Type == "AVChatRoom" && message.Time < call.NowSeconds - 3600)
            {
                // spec group_msg_recall: AVChatRoom messages of the last hour only.
                code = EmulatorErrorCodes.GroupRecallTypeNotSupported;
            }
            else
            {
                message.Recalled = true;
                recalled.Add(seq);
                code = 0;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("MsgSeq", seq);
            call.Writer.WriteNumber("RetCode", code);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        if (recalled.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.Recalled(group.Id, group.Type, call.Identifier, recalled, topicId, call.NowMilliseconds));
        }
    }

    public static void GetHistory(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec group_msg_get_simple: live groups keep no history");
        var stream = Stream(call, group, out _);
        var count = call.RequiredInt64("ReqMsgNumber");
        var newest = stream.NextMsgSeq - 1;
        var from = call.OptionalInt64("ReqMsgSeq") is { } requested ? Math.Min(requested, newest) : newest;
        var withRecalled = call.OptionalInt64("WithRecalledMsg") == 1;
        call.Writer.WriteString("GroupId", group.Id);
        var w = call.Writer;
        var listed = new List<GroupMessage>();
        var seq = from;
        for (; seq >= 1 && listed.Count < count; seq--)
        {
            var message = stream.Find((uint)seq)!;
            if (message.Recalled && !withRecalled)
            {
                continue;
            }

            listed.Add(message);
        }

        // Newest first: the next page starts at the smallest returned MsgSeq minus 1 (spec group_msg_get_simple).
        w.WriteNumber("IsFinished", seq < 1 ? 1 : 0);
        w.WriteStartArray("RspMsgList");
        foreach (var message in listed)
        {
            w.WriteStartObject();
            w.WriteString("From_Account", message.From);
            w.WriteNumber("IsPlaceMsg", message.Deleted ? 1 : 0);
            if (!message.Deleted)
            {
                w.WritePropertyName("MsgBody");
                Json.WriteRaw(w, message.MsgBodyJson);
                if (message.CloudCustomData is not null)
                {
                    w.WriteString("CloudCustomData", message.CloudCustomData);
                }
            }

            w.WriteNumber("MsgPriority", 1);
            w.WriteNumber("MsgRandom", message.Random);
            w.WriteNumber("MsgSeq", message.MsgSeq);
            w.WriteNumber("MsgTimeStamp", message.Time);
            if (message.Recalled)
            {
                // C2C roaming marks recalled messages with MsgFlagBits 2; the group history does the same.
                w.WriteNumber("MsgFlagBits", 2);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Import(ImCall call)
    {
        var group = RequireGroup(call);

        // spec import_group_msg: not for AVChatRoom (10007); times increasing, after creation and the latest message, before now.
        if (group.Type == "AVChatRoom")
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: messages cannot be imported into an AVChatRoom");
        }

        var stream = Stream(call, group, out _);
        var items = call.RequiredArray("MsgList");
        call.Writer.WriteStartArray("ImportMsgResult");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "MsgList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var from = call.RequiredString(items[i], "From_Account", path + ".From_Account", userId: true);
            var time = call.OptionalInt64(items[i], "SendTime", path + ".SendTime") ?? throw call.Invalid(path + ".SendTime", "required");
            var random = (uint)(call.OptionalInt64(items[i], "Random", path + ".Random") ?? 0);
            if (!items[i].TryGetProperty("MsgBody", out var body) || body.ValueKind != JsonValueKind.Array || body.GetArrayLength() == 0)
            {
                throw new ImCallException(EmulatorErrorCodes.MessageBodyInvalid, path + ".MsgBody: must be a non-empty array of {MsgType, MsgContent}");
            }

            call.Writer.WriteStartObject();
            if (time < group.CreateTime || time < stream.LastMsgTime || time > call.NowSeconds)
            {
                call.Writer.WriteNumber("MsgSeq", 0);
                call.Writer.WriteNumber("MsgTime", time);
                call.Writer.WriteNumber("Result", EmulatorErrorCodes.GroupInvalidParameter);
            }
            else
            {
                var message = stream.Append(from, random, time, body.GetRawText(), call.OptionalString(items[i], "CloudCustomData", path + ".CloudCustomData"), system: false);
                call.Writer.WriteNumber("MsgSeq", message.MsgSeq);
                call.Writer.WriteNumber("MsgTime", time);
                call.Writer.WriteNumber("Result", 0);
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();

        // After an import every member's unread count is 0 (spec import_group_msg).
        foreach (var member in group.Members)
        {
            member.UnreadMsgNum = 0;
        }
    }

    public static void DeleteBySender(ImCall call)
    {
        var group = RequireGroup(call);
        var sender = call.RequiredString("Sender_Account", userId: true);
        foreach (var message in group.Stream.Messages.Where(m => string.Equals(m.From, sender, StringComparison.Ordinal)))
        {
            message.Deleted = true;
        }
    }

    public static void Clear(ImCall call)
    {
        var group = RequireGroup(call);
        var upTo = call.OptionalUInt32("MsgSeq") ?? uint.MaxValue;
        foreach (var message in group.Stream.Messages.Where(m => m.MsgSeq <= upTo))
        {
            message.Deleted = true;
        }
    }

    public static void Modify(ImCall call)
    {
        var group = RequireGroup(call);
        var stream = Stream(call, group, out var topicId);
        var message = FindMessage(call, stream);
        if (call.Has("MsgBody"))
        {
            message.MsgBodyJson = MessageHandlers.ReadBody(call, "MsgBody");
        }

        message.CloudCustomData = call.OptionalString("CloudCustomData") ?? message.CloudCustomData;

        // Group.CallbackAfterModifyMsg (its page names the admin's REST modify as a trigger); the admin is the editor.
        var body = message.MsgBodyJson;
        call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.GroupModified(call.Identifier, group.Id, topicId, message.MsgSeq, body, call.NowMilliseconds));
    }

    public static void GetReceipts(ImCall call)
    {
        var group = RequireGroup(call);
        RequireReceiptType(group);
        var items = call.RequiredArray("MsgSeqList");
        call.Writer.WriteStartArray("GroupMsgReceiptList");
        for (var i = 0; i < items.Count; i++)
        {
            var seq = RequiredUInt32(call, items[i], "MsgSeq", "MsgSeqList[" + i.ToString(CultureInfo.InvariantCulture) + "].MsgSeq");
            var message = group.Stream.Find(seq);
            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("MsgSeq", seq);
            if (message is null || !message.NeedReadReceipt)
            {
                call.Writer.WriteNumber("Code", message is null ? EmulatorErrorCodes.GroupRecallNotFound : EmulatorErrorCodes.GroupInvalidParameter);
            }
            else
            {
                var (read, unread) = Receipt(group, message);
                call.Writer.WriteNumber("Code", 0);
                call.Writer.WriteNumber("ReadNum", read.Count);
                call.Writer.WriteNumber("UnreadNum", unread.Count);
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void SendReceipts(ImCall call)
    {
        // spec group_msg_receipt: From_Account (a member) reports the listed messages read; Private, Public and ChatRoom only.
        var group = RequireGroup(call);
        RequireReceiptType(group);
        var reader = call.RequiredString("From_Account", userId: true);
        RequireMember(group, reader, "From_Account");
        var items = call.RequiredArray("MsgSeqList");
        var messages = new List<GroupMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "MsgSeqList[" + i.ToString(CultureInfo.InvariantCulture) + "].MsgSeq";
            var seq = RequiredUInt32(call, items[i], "MsgSeq", path);
            var message = group.Stream.Find(seq);
            if (message is null || message.Deleted)
            {
                throw new ImCallException(EmulatorErrorCodes.GroupRecallNotFound, path + ": no message " + seq.ToString(CultureInfo.InvariantCulture) + " in the group");
            }

            if (!message.NeedReadReceipt)
            {
                throw call.Invalid(path, "message " + seq.ToString(CultureInfo.InvariantCulture) + " was not sent with NeedReadReceipt 1");
            }

            messages.Add(message);
        }

        foreach (var message in messages)
        {
            message.ReadBy.Add(reader);
        }

        // Group.CallbackAfterReadReceipt: its page names the administrator's REST read receipt as a trigger.
        var counts = messages.Select(m => Receipt(group, m)).Select((r, i) => (messages[i].MsgSeq, r.Read.Count, r.Unread.Count)).ToList();
        call.RaiseCallback(() => Callbacks.GroupEventCallbacks.ReadReceipt(group.Id, group.Type, reader, counts, call.NowMilliseconds));
    }

    public static void GetReceiptDetail(ImCall call)
    {
        var group = RequireGroup(call);
        RequireReceiptType(group);
        var message = FindMessage(call, group.Stream);
        var filter = call.RequiredInt64("Filter");
        if (filter is not (0 or 1))
        {
            throw call.Invalid("Filter", "must be 0 (read members) or 1 (unread members)");
        }

        var count = (int)call.RequiredInt64("Count");
        var cursorText = call.OptionalString("Cursor") ?? string.Empty;
        var start = cursorText.Length == 0 ? 0 : int.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : throw call.Invalid("Cursor", "not a cursor this call returned");
        var (read, unread) = Receipt(group, message);
        var list = filter == 0 ? read : unread;
        var page = list.Skip(start).Take(count).ToList();
        var end = start + page.Count;
        call.Writer.WriteNumber("IsFinish", end >= list.Count ? 1 : 0);
        call.Writer.WriteNumber("MsgSeq", message.MsgSeq);
        call.Writer.WriteStartArray(filter == 0 ? "ReadList" : "UnreadList");
        foreach (var user in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteString("Cursor", end >= list.Count ? string.Empty : end.ToString(CultureInfo.InvariantCulture));
    }

    public static void GetExtensions(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec group_set_key_values: not for AVChatRoom");
        var message = FindMessage(call, group.Stream);
        RequireExtensions(message);
        var start = call.OptionalInt64("StartSeq") ?? 0;
        call.Writer.WriteNumber("CompleteFlag", 1);
        call.Writer.WriteNumber("LatestSeq", message.ExtensionSeq);
        call.Writer.WriteNumber("ClearSeq", 0);
        call.Writer.WriteStartArray("ExtensionList");
        foreach (var (key, (value, seq)) in message.Extensions.OrderBy(e => e.Value.Seq))
        {
            if (seq > start)
            {
                WriteKeyValue(call.Writer, key, value, seq);
            }
        }

        call.Writer.WriteEndArray();
    }

    public static void SetExtensions(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec group_set_key_values: not for AVChatRoom");
        var message = FindMessage(call, group.Stream);
        RequireExtensions(message);
        var operation = call.RequiredInt64("OperateType");
        var items = call.OptionalArray("ExtensionList");
        var changed = new List<(string Key, string Value, long Seq)>();
        call.Writer.WriteStartArray("ExtensionList");
        if (operation == 3)
        {
            message.Extensions.Clear();
            message.ExtensionSeq++;
        }
        else if (operation is 1 or 2)
        {
            if (items.Count == 0)
            {
                throw call.Invalid("ExtensionList", "needs at least one item for OperateType 1 (set) and 2 (delete)");
            }

            for (var i = 0; i < items.Count; i++)
            {
                var path = "ExtensionList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var key = call.RequiredString(items[i], "Key", path + ".Key");
                var value = operation == 1 ? call.RequiredString(items[i], "Value", path + ".Value") : string.Empty;
                var seq = ++message.ExtensionSeq;
                if (operation == 1)
                {
                    message.Extensions[key] = (value, seq);
                }
                else
                {
                    message.Extensions.Remove(key);
                }

                changed.Add((key, value, seq));
                call.Writer.WriteStartObject();
                call.Writer.WriteNumber("ErrorCode", 0);
                call.Writer.WritePropertyName("Extension");
                WriteKeyValue(call.Writer, key, value, seq);
                call.Writer.WriteEndObject();
            }
        }
        else
        {
            throw call.Invalid("OperateType", "must be 1 (set), 2 (delete) or 3 (clear)");
        }

        call.Writer.WriteEndArray();

        // Group.CallbackAfterGroupMsgExtension (the admin's group_set_key_values is a trigger its page names), with the
        // call's OperateType; a clear sends an empty ExtensionList, as the page's example shows.
        var seqNow = message.ExtensionSeq;
        call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.GroupExtensionChanged(group.Id, message.MsgSeq, (int)operation, changed, seqNow, call.NowMilliseconds));
    }

    private static GroupMessage FindMessage(ImCall call, GroupMessageStream stream)
    {
        var seq = call.OptionalUInt32("MsgSeq") ?? throw call.Invalid("MsgSeq", "required");
        var message = stream.Find(seq);
        return message is { Deleted: false } ? message : throw new ImCallException(EmulatorErrorCodes.GroupRecallNotFound, "MsgSeq: no message " + seq.ToString(CultureInfo.InvariantCulture) + " in the group");
    }

    private static void RequireExtensions(GroupMessage message)
    {
        // spec group_get_key_values / group_set_key_values: the message must have been sent with SupportMessageExtension 1.
        // Tencent's pages name no code for this refusal; the group invalid-parameter code is used.
        if (!message.SupportsExtension)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupInvalidParameter, "MsgSeq: message " + message.MsgSeq.ToString(CultureInfo.InvariantCulture) + " was not sent with SupportMessageExtension 1");
        }
    }

    private static void RequireReceiptType(Group group)
    {
        // spec get_group_msg_receipt: Private, Public and ChatRoom groups only.
        if (group.Type is not ("Private" or "Public" or "ChatRoom"))
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: read receipts are for Private, Public and ChatRoom groups only");
        }
    }

    private static (List<string> Read, List<string> Unread) Receipt(Group group, GroupMessage message)
    {
        var read = new List<string>();
        var unread = new List<string>();
        foreach (var member in group.Members)
        {
            if (string.Equals(member.UserId, message.From, StringComparison.Ordinal))
            {
                continue;
            }

            (message.ReadBy.Contains(member.UserId) ? read : unread).Add(member.UserId);
        }

        return (read, unread);
    }

    private static void WriteKeyValue(Utf8JsonWriter writer, string key, string value, long seq)
    {
        writer.WriteStartObject();
        writer.WriteString("Key", key);
        writer.WriteString("Value", value);
        writer.WriteNumber("Seq", seq);
        writer.WriteEndObject();
    }
}
