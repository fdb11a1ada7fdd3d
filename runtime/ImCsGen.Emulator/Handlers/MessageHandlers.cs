using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>openim/* C2C message endpoints and the message-extension service.</summary>
internal static class MessageHandlers
{
    public static void Send(ImCall call)
    {
        var from = Sender(call, "From_Account");
        RefuseGloballyMuted(call, from);
        var to = call.RequiredString("To_Account", userId: true);
        var random = call.OptionalUInt32("MsgRandom") ?? throw call.Invalid("MsgRandom", "required (a uint32 used for de-duplication)");
        var body = ReadBody(call, "MsgBody");
        RequireRecipient(call, to, "To_Account");
        var time = call.OptionalInt64("MsgTimeStamp") ?? call.NowSeconds;
        var control = call.OptionalStrings("SendMsgControl");

        // The rule is the spec's (emitted on the generated endpoint): a MsgSeq left out is drawn at random,
        // so a retry that leaves it out again is a new message, as at Tencent.
        var rule = SpecRules.DeduplicationOf(call.Path);
        var resolved = DeduplicationIndex.FillMissing(rule, call.Body, call.State.KeyRandom, out var filled);
        var seq = call.OptionalUInt32("MsgSeq") ?? filled.GetValueOrDefault("MsgSeq");
        resolved["From_Account"] = from;
        if (call.OptionalInt64("OnlineOnlyFlag") == 1)
        {
            // Online-only messages (typing indicators) are never stored; nobody is online over REST.
            WriteSendResult(call, time, seq.ToString(CultureInfo.InvariantCulture) + "_" + random.ToString(CultureInfo.InvariantCulture) + "_" + time.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var key = DeduplicationIndex.Compose(rule, call.Body, resolved, from, to);
        var duplicate = call.State.Deduplication.Find(key, rule, call.Now);
        if (duplicate is not null)
        {
            // A retry of a message already stored: answer as the first attempt was answered, store nothing.
            duplicate.DuplicatesSuppressed++;
            call.State.DuplicatesSuppressed++;
            WriteSendResult(call, duplicate.MsgTime, duplicate.MsgKey);
            return;
        }

        var message = call.State.Store(from, to, seq, random, time, body, call.OptionalString("CloudCustomData"), MessageOrigin.Send, countUnread: !control.Contains("NoUnread", StringComparer.Ordinal));
        call.State.Deduplication.Remember(key, message, call.Now);
        message.SupportsExtension = call.OptionalInt64("SupportMessageExtension") == 1;
        call.State.MessageDelivered?.Invoke(message);
        WriteSendResult(call, message.MsgTime, message.MsgKey);
    }

    public static void BatchSend(ImCall call)
    {
        var from = Sender(call, "From_Account");
        RefuseGloballyMuted(call, from);
        // At most 500 recipients (90011) and MsgLifeTime at most 7 days (90026): spec/c2c_message.json, checked with their
        // codes before any handler runs (SpecValidation).
        var to = call.RequiredUserIds("To_Account");
        var random = call.OptionalUInt32("MsgRandom") ?? throw call.Invalid("MsgRandom", "required (a uint32 used for de-duplication)");
        var body = ReadBody(call, "MsgBody");
        var time = call.NowSeconds;
        var rule = SpecRules.DeduplicationOf(call.Path);
        var resolved = DeduplicationIndex.FillMissing(rule, call.Body, call.State.KeyRandom, out var filled);
        resolved["From_Account"] = from;
        var seq = call.OptionalUInt32("MsgSeq") ?? filled.GetValueOrDefault("MsgSeq");
        var control = call.OptionalStrings("SendMsgControl");
        var errors = new List<(string, int)>();
        string? key = null;
        foreach (var recipient in to.Distinct(StringComparer.Ordinal))
        {
            if (call.State.FindAccount(recipient) is null)
            {
                errors.Add((recipient, EmulatorErrorCodes.MessageAccountNotFound));
                continue;
            }

            // Each recipient's copy is one one-to-one message under the C2C rule.
            var dedupKey = DeduplicationIndex.Compose(rule, call.Body, resolved, from, recipient);
            var duplicate = call.State.Deduplication.Find(dedupKey, rule, call.Now);
            if (duplicate is not null)
            {
                duplicate.DuplicatesSuppressed++;
                call.State.DuplicatesSuppressed++;
                key ??= duplicate.MsgKey;
                continue;
            }

            var message = call.State.Store(from, recipient, seq, random, time, body, call.OptionalString("CloudCustomData"), MessageOrigin.Send, countUnread: !control.Contains("NoUnread", StringComparer.Ordinal));
            call.State.Deduplication.Remember(dedupKey, message, call.Now);
            key ??= message.MsgKey;
            call.State.MessageDelivered?.Invoke(message);
        }

        call.Writer.WriteString("MsgKey", key ?? seq.ToString(CultureInfo.InvariantCulture) + "_" + random.ToString(CultureInfo.InvariantCulture) + "_" + time.ToString(CultureInfo.InvariantCulture));
        call.Writer.WriteStartArray("ErrorList");
        foreach (var (account, code) in errors)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", account);
            call.Writer.WriteNumber("ErrorCode", code);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Import(ImCall call)
    {
        var sync = call.OptionalInt64("SyncFromOldSystem");
        if (sync is not null and not 2 and not 5)
        {
            throw call.Invalid("SyncFromOldSystem", "must be 2 (history) or 5 (real time)");
        }

        var from = Sender(call, "From_Account");
        var to = call.RequiredString("To_Account", userId: true);
        var random = call.OptionalUInt32("MsgRandom") ?? throw call.Invalid("MsgRandom", "required (a uint32 used for de-duplication)");
        var time = call.OptionalInt64("MsgTimeStamp") ?? call.NowSeconds;
        var body = ReadBody(call, "MsgBody");
        RequireRecipient(call, to, "To_Account");

        // The spec's importmsg rule: MsgSeq, MsgRandom and MsgTimeStamp within one conversation, either direction.
        var rule = SpecRules.DeduplicationOf(call.Path);
        var resolved = DeduplicationIndex.FillMissing(rule, call.Body, call.State.KeyRandom, out var filled);
        var seq = call.OptionalUInt32("MsgSeq") ?? filled.GetValueOrDefault("MsgSeq");
        resolved["MsgTimeStamp"] = time.ToString(CultureInfo.InvariantCulture);
        var key = DeduplicationIndex.Compose(rule, call.Body, resolved, from, to);
        var duplicate = call.State.Deduplication.Find(key, rule, call.Now);
        if (duplicate is not null)
        {
            // The first import's content is kept.
            duplicate.DuplicatesSuppressed++;
            call.State.DuplicatesSuppressed++;
            return;
        }

        var message = call.State.Store(from, to, seq, random, time, body, call.OptionalString("CloudCustomData"), MessageOrigin.Import, countUnread: sync == 5);
        call.State.Deduplication.Remember(key, message, call.Now);
    }

    public static void GetRoamMessages(ImCall call)
    {
        var owner = call.RequiredString("Operator_Account", userId: true);
        var peer = call.RequiredString("Peer_Account", userId: true);
        var maxCount = call.RequiredInt64("MaxCnt");
        if (maxCount < 1)
        {
            throw call.Invalid("MaxCnt", "must be at least 1");
        }

        var minTime = call.RequiredInt64("MinTime");
        var maxTime = call.RequiredInt64("MaxTime");
        if (minTime > maxTime)
        {
            throw call.Invalid("MinTime", "must not be after MaxTime");
        }

        call.RequireAccount(owner, EmulatorErrorCodes.MessageAccountNotFound, "Operator_Account");
        var lastKey = call.OptionalString("LastMsgKey");

        // As Tencent's example shows: a page holds the newest MaxCnt messages of the range, listed oldest first;
        // LastMsgTime/LastMsgKey name the page's oldest message, and the next page is asked with MaxTime = LastMsgTime.
        var candidates = call.State.PairMessages(owner, peer)
            .Where(m => m.MsgTime >= minTime && m.MsgTime <= maxTime && !m.DeletedFor.Contains(owner))
            .OrderByDescending(m => m.MsgTime).ThenByDescending(m => m.Id)
            .ToList();
        var start = 0;
        if (!string.IsNullOrEmpty(lastKey))
        {
            var index = candidates.FindIndex(m => string.Equals(m.MsgKey, lastKey, StringComparison.Ordinal));
            start = index < 0 ? 0 : index + 1;
        }

        var page = candidates.Skip(start).Take((int)Math.Min(maxCount, int.MaxValue)).ToList();
        var complete = start + page.Count >= candidates.Count;
        call.Writer.WriteNumber("Complete", complete ? 1 : 0);
        call.Writer.WriteNumber("MsgCnt", page.Count);
        if (page.Count > 0)
        {
            call.Writer.WriteNumber("LastMsgTime", page[^1].MsgTime);
            call.Writer.WriteString("LastMsgKey", page[^1].MsgKey);
        }

        call.Writer.WriteStartArray("MsgList");
        foreach (var message in page.AsEnumerable().Reverse())
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("From_Account", message.From);
            call.Writer.WriteString("To_Account", message.To);
            call.Writer.WriteNumber("MsgSeq", message.MsgSeq);
            call.Writer.WriteNumber("MsgRandom", message.MsgRandom);
            call.Writer.WriteNumber("MsgTimeStamp", message.MsgTime);
            call.Writer.WriteNumber("MsgFlagBits", message.Recalled ? 2 : 0);
            call.Writer.WriteNumber("IsPeerRead", message.ReadReceiptSent ? 1 : 0);
            call.Writer.WriteString("MsgKey", message.MsgKey);
            call.Writer.WritePropertyName("MsgBody");
            Json.WriteRaw(call.Writer, message.MsgBodyJson);
            if (message.CloudCustomData is not null)
            {
                call.Writer.WriteString("CloudCustomData", message.CloudCustomData);
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Recall(ImCall call)
    {
        var message = FindMessage(call);
        message.Recalled = true;

        // C2C.CallbackAfterMsgWithDraw (admin_msgwithdraw is a trigger its page names), with the recipient's unread total.
        var to = call.RequiredString("To_Account");
        var key = call.RequiredString("MsgKey");
        call.RaiseCallback(() => Callbacks.EventCallbacks.C2CRecalled(message.From, to, key, call.State.ConversationsOf(to).Sum(c => c.Unread)));
    }

    public static void Modify(ImCall call)
    {
        var message = FindMessage(call);
        if (call.Has("MsgBody"))
        {
            message.MsgBodyJson = ReadBody(call, "MsgBody");
            message.Modified = true;
        }

        if (call.Has("CloudCustomData"))
        {
            message.CloudCustomData = call.OptionalString("CloudCustomData");
            message.Modified = true;
        }

        // C2C.CallbackAfterModifyMsg (its page names the admin's REST modify as a trigger); the admin is the editor.
        call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.C2CModified(call.Identifier, message, call.NowMilliseconds));
    }

    public static void SetRead(ImCall call)
    {
        var owner = call.RequiredString("Report_Account", userId: true);
        var peer = call.RequiredString("Peer_Account", userId: true);
        call.RequireAccount(owner, EmulatorErrorCodes.MessageAccountNotFound, "Report_Account");
        var readTime = call.OptionalInt64("MsgReadTime");
        var conversation = call.State.GetOrCreateConversation(owner, peer);
        conversation.Unread = readTime is null
            ? 0
            : call.State.PairMessages(owner, peer).Count(m => string.Equals(m.From, peer, StringComparison.Ordinal) && m.MsgTime > readTime.Value);
        call.RaiseCallback(() => Callbacks.EventCallbacks.C2CRead(owner, peer, readTime ?? call.NowSeconds, call.State.ConversationsOf(owner).Sum(c => c.Unread)));
    }

    public static void GetUnreadCount(ImCall call)
    {
        var owner = call.RequiredString("To_Account", userId: true);
        call.RequireAccount(owner, EmulatorErrorCodes.MessageAccountNotFound, "To_Account");
        var peers = call.OptionalStrings("Peer_Account");
        if (peers.Count > 10)
        {
            throw call.Invalid("Peer_Account", "allows at most 10 items");
        }

        var conversations = call.State.ConversationsOf(owner).ToList();
        call.Writer.WriteNumber("AllC2CUnreadMsgNum", conversations.Sum(c => c.Unread));
        var errors = new List<string>();
        call.Writer.WriteStartArray("C2CUnreadMsgNumList");
        foreach (var peer in peers)
        {
            if (call.State.FindAccount(peer) is null)
            {
                errors.Add(peer);
                continue;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("Peer_Account", peer);
            call.Writer.WriteNumber("C2CUnreadMsgNum", call.State.FindConversation(owner, peer)?.Unread ?? 0);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteStartArray("ErrorList");
        foreach (var peer in errors)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Peer_Account", peer);
            call.Writer.WriteNumber("ErrorCode", EmulatorErrorCodes.MessageAccountNotFound);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void DeleteRoam(ImCall call)
    {
        var owner = call.RequiredString("Operator_Account", userId: true);
        var peer = call.RequiredString("Peer_Account", userId: true);
        var keys = call.RequiredArray("MsgKeyList", 1, 30);
        var invalid = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].ValueKind != JsonValueKind.String)
            {
                throw call.Invalid("MsgKeyList[" + i.ToString(CultureInfo.InvariantCulture) + "]", "expected a string MsgKey");
            }

            var key = keys[i].GetString()!;
            var message = call.State.FindByKey(owner, peer, key);
            if (message is null)
            {
                invalid.Add(key);
            }
            else
            {
                message.DeletedFor.Add(owner);
            }
        }

        call.WriteStrings("InvalidMsgKeyList", invalid);
    }

    public static void ReadReceipt(ImCall call)
    {
        var owner = call.RequiredString("Operator_Account", userId: true);
        var peer = call.RequiredString("Peer_Account", userId: true);
        var items = call.RequiredArray("C2CMsgInfo", 1);
        var messages = new List<StoredMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "C2CMsgInfo[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var key = call.RequiredString(items[i], "MsgKey", path + ".MsgKey");
            var message = call.State.FindByKey(owner, peer, key) ?? throw new ImCallException(EmulatorErrorCodes.MessageNotFound, path + ".MsgKey: no message '" + key + "' between " + owner + " and " + peer);
            message.ReadReceiptSent = true;
            messages.Add(message);
        }

        // C2C.CallbackAfterMsgReadReceipt: its page (269/128223) names the admin's REST read receipt as a trigger.
        call.RaiseCallback(() => Callbacks.EventCallbacks.C2CReadReceipt(owner, peer, messages, call.NowMilliseconds));
    }

    public static void GetExtensions(ImCall call)
    {
        var message = FindMessage(call);
        var start = call.OptionalInt64("StartSeq") ?? 0;
        call.Writer.WriteNumber("CompleteFlag", 1);
        call.Writer.WriteNumber("LatestSeq", message.ExtensionSeq);
        call.Writer.WriteNumber("ClearSeq", message.ExtensionClearSeq);
        call.Writer.WriteStartArray("ExtensionList");
        foreach (var (key, (value, seq)) in message.Extensions.OrderBy(e => e.Value.Seq))
        {
            if (seq <= start)
            {
                continue;
            }

            WriteKeyValue(call.Writer, key, value, seq);
        }

        call.Writer.WriteEndArray();
    }

    public static void SetExtensions(ImCall call)
    {
        var message = FindMessage(call);
        var operation = call.RequiredInt64("OperateType");
        var items = call.OptionalArray("ExtensionList", 20);
        var changed = new List<(string Key, string Value, long Seq)>();
        call.Writer.WriteStartArray("ExtensionList");
        switch (operation)
        {
            case 3:
                // Clear all keys.
                message.Extensions.Clear();
                message.ExtensionClearSeq = ++message.ExtensionSeq;
                break;
            case 1 or 2:
                if (items.Count == 0)
                {
                    throw call.Invalid("ExtensionList", "needs 1..20 items for OperateType 1 (set) and 2 (delete)");
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

                break;
            default:
                throw call.Invalid("OperateType", "must be 1 (set), 2 (delete) or 3 (clear)");
        }

        call.Writer.WriteEndArray();

        // C2C.CallbackAfterC2CMsgExtension (the admin's set_key_values is a trigger its page names), with the call's OperateType.
        var seqNow = message.ExtensionSeq;
        call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.C2CExtensionChanged(message, (int)operation, changed, seqNow, call.NowMilliseconds));
    }

    /// <summary>Reads and checks MsgBody; returns it as JSON text.</summary>
    internal static string ReadBody(ImCall call, string name)
    {
        if (!call.Body.TryGetProperty(name, out var body) || body.ValueKind == JsonValueKind.Null)
        {
            throw call.Invalid(name, "required");
        }

        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() == 0)
        {
            throw new ImCallException(EmulatorErrorCodes.MessageBodyInvalid, name + ": must be a non-empty array of {MsgType, MsgContent}");
        }

        var customCount = 0;
        var index = 0;
        foreach (var element in body.EnumerateArray())
        {
            var path = name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("MsgType", out var type) || type.ValueKind != JsonValueKind.String
                || !element.TryGetProperty("MsgContent", out var content) || content.ValueKind != JsonValueKind.Object)
            {
                throw new ImCallException(EmulatorErrorCodes.MessageBodyInvalid, path + ": needs MsgType (string) and MsgContent (object)");
            }

            switch (type.GetString())
            {
                case "TIMTextElem" when !content.TryGetProperty("Text", out var text) || text.ValueKind != JsonValueKind.String:
                    throw new ImCallException(EmulatorErrorCodes.MessageBodyInvalid, path + ".MsgContent.Text: required for TIMTextElem");
                case "TIMCustomElem":
                    customCount++;
                    break;
            }

            index++;
        }

        if (customCount > 1)
        {
            throw new ImCallException(EmulatorErrorCodes.MessageBodyInvalid, name + ": at most one TIMCustomElem per message");
        }

        // The size limit is the spec's (MsgBody maxJsonBytes, with Tencent's 93000 where the spec states it), checked by
        // SpecValidation before any handler runs; no second copy here.
        return body.GetRawText();
    }

    // A sender under global C2C mute (openconfigsvr/setnospeaking) cannot send one-to-one messages: 20012, and no
    // before-send callback (https://cloud.tencent.com/document/product/269/4230).
    private static void RefuseGloballyMuted(ImCall call, string from)
    {
        if (call.State.Areas.IsC2CMuted(from, call.NowSeconds))
        {
            throw new ImCallException(EmulatorErrorCodes.C2CSenderGloballyMuted, "From_Account: '" + from + "' is under global one-to-one mute");
        }
    }

    private static string Sender(ImCall call, string field)
    {
        var from = call.OptionalString(field);
        if (from is null)
        {
            // Without From_Account the message is sent as the administrator.
            return call.Identifier;
        }

        if (Encoding.UTF8.GetByteCount(from) is 0 or > 32)
        {
            throw call.Invalid(field, "a UserID must be 1..32 bytes");
        }

        if (call.State.FindAccount(from) is null)
        {
            throw new ImCallException(EmulatorErrorCodes.MessageAccountNotFound, field + ": sender '" + from + "' is not imported");
        }

        return from;
    }

    private static void RequireRecipient(ImCall call, string to, string field)
    {
        if (call.State.FindAccount(to) is null)
        {
            throw new ImCallException(EmulatorErrorCodes.MessageAccountNotFound, field + ": recipient '" + to + "' is not imported");
        }
    }

    private static StoredMessage FindMessage(ImCall call)
    {
        var from = call.RequiredString("From_Account", userId: true);
        var to = call.RequiredString("To_Account", userId: true);
        var key = call.RequiredString("MsgKey");
        var message = call.State.FindByKey(from, to, key);
        if (message is null || !string.Equals(message.From, from, StringComparison.Ordinal))
        {
            throw new ImCallException(EmulatorErrorCodes.MessageNotFound, "MsgKey: no message '" + key + "' from " + from + " to " + to);
        }

        return message;
    }

    private static void WriteSendResult(ImCall call, long time, string key)
    {
        call.Writer.WriteNumber("MsgTime", time);
        call.Writer.WriteString("MsgKey", key);
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
