using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Official accounts: profile, subscribers, messages (broadcast to subscribers), recall and history.</summary>
internal static class OfficialAccountHandlers
{
    // Codes the spec's descriptions state: 130004 the account does not exist (destroy_official_account),
    // 130008 the custom ID is used (create_official_account).
    private const int NotFound = 130004;
    private const int IdInUse = 130008;

    // spec send_official_account_msg (prose): a broadcast with the same content as one sent in the last 5 minutes is
    // dropped; a structured spec rule, when the spec gains one, wins (SpecRules).
    private static readonly TimeSpan ProseDuplicateWindow = TimeSpan.FromMinutes(5);

    public static void Create(ImCall call)
    {
        var owner = call.RequiredString("Owner_Account", userId: true);
        call.RequireAccount(owner, EmulatorErrorCodes.AccountNotImported, "Owner_Account");
        var areas = call.State.Areas;
        var id = call.OptionalString("OfficialAccountUserID");
        if (id is null)
        {
            do
            {
                id = "@TOA#_EMU" + (areas.NextOfficialAccountId++).ToString(CultureInfo.InvariantCulture);
            }
            while (areas.OfficialAccounts.ContainsKey(id));
        }
        else if (areas.OfficialAccounts.ContainsKey(id))
        {
            throw new ImCallException(IdInUse, "OfficialAccountUserID: '" + id + "' is already used");
        }

        var account = new OfficialAccount(id, owner, call.RequiredString("Name"), call.NowSeconds);
        Apply(call, account);
        areas.OfficialAccounts.Add(id, account);
        call.Writer.WriteString("OfficialAccountUserID", id);
        call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.Created(call.Identifier, account.Id, account.Owner, account.Name, call.NowMilliseconds));
    }

    public static void Destroy(ImCall call)
    {
        var account = Require(call);
        call.State.Areas.OfficialAccounts.Remove(account.Id);
        call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.Destroyed(account.Id, account.Owner, account.Name, call.NowMilliseconds));
    }

    public static void Modify(ImCall call)
    {
        var account = Require(call);
        var name = call.OptionalString("Name");
        account.Name = name ?? account.Name;
        Apply(call, account);
        var introduction = call.OptionalString("Introduction");
        var faceUrl = call.OptionalString("FaceUrl");
        var organization = call.OptionalString("Organization");
        if (name is not null || introduction is not null || faceUrl is not null || organization is not null)
        {
            call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.InfoChanged(account.Id, call.Identifier, name, introduction, faceUrl, organization, call.NowMilliseconds));
        }
    }

    public static void GetInfo(ImCall call)
    {
        var items = call.RequiredArray("OfficialAccountIdList");
        call.Writer.WriteStartArray("OfficialAccountInfoList");
        for (var i = 0; i < items.Count; i++)
        {
            var id = call.RequiredString(items[i], "Official_Account", "OfficialAccountIdList[" + i.ToString(CultureInfo.InvariantCulture) + "].Official_Account");
            if (call.State.Areas.OfficialAccounts.TryGetValue(id, out var account))
            {
                WriteInfo(call, account, null);
            }
            else
            {
                call.Writer.WriteStartObject();
                call.Writer.WriteString("Official_Account", id);
                call.Writer.WriteNumber("ErrorCode", NotFound);
                call.Writer.WriteEndObject();
            }
        }

        call.Writer.WriteEndArray();
    }

    public static void Send(ImCall call)
    {
        var account = Require(call);
        var body = MessageHandlers.ReadBody(call, "MsgBody");
        var now = call.NowSeconds;
        var window = (long)SpecRules.DeduplicationWindowOf(call.Path, ProseDuplicateWindow).TotalSeconds;
        var duplicate = account.Messages.LastOrDefault(m => m.Time >= now - window && string.Equals(m.MsgBodyJson, body, StringComparison.Ordinal));
        if (duplicate is not null)
        {
            duplicate.DuplicatesSuppressed++;
            WriteKey(call, duplicate);
            return;
        }

        var random = call.OptionalUInt32("Random") ?? (uint)call.State.KeyRandom.NextInt64(0, (long)uint.MaxValue + 1);
        var message = new GroupMessage((uint)account.Messages.Count + 1, account.Id, random, now, body, call.OptionalString("CloudCustomData"), system: false);
        account.Messages.Add(message);
        WriteKey(call, message);
        var online = (int)(call.OptionalInt64("OnlineOnlyFlag") ?? 0);
        call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.Sent(account.Id, Key(message), message.Time, online, message.MsgBodyJson, message.CloudCustomData, call.NowMilliseconds));
    }

    public static void Recall(ImCall call)
    {
        var account = Require(call);
        var recalled = new List<string>();
        call.Writer.WriteStartArray("RecallRetList");
        foreach (var key in call.OptionalStrings("MsgKeyList"))
        {
            var message = account.Messages.FirstOrDefault(m => string.Equals(Key(m), key, StringComparison.Ordinal));
            if (message is not null)
            {
                message.Recalled = true;
                recalled.Add(key);
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("MsgKey", key);
            call.Writer.WriteNumber("RetCode", message is null ? EmulatorErrorCodes.MessageNotFound : 0);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        if (recalled.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.Recalled(account.Id, recalled, call.NowMilliseconds));
        }
    }

    public static void GetHistory(ImCall call)
    {
        var account = Require(call);
        var count = (int)call.RequiredInt64("ReqMsgNumber");
        var last = call.OptionalString("LastMsgKey");
        var end = account.Messages.Count;
        if (last is not null)
        {
            var index = account.Messages.FindIndex(m => string.Equals(Key(m), last, StringComparison.Ordinal));
            end = index >= 0 ? index : throw call.Invalid("LastMsgKey", "not a MsgKey of this account");
        }

        // Newest first, continuing before LastMsgKey.
        var page = account.Messages.Take(end).Reverse().Where(m => !m.Recalled).Take(count).ToList();
        call.Writer.WriteString("Official_Account", account.Id);
        var finished = page.Count == 0 || account.Messages.IndexOf(page[^1]) == 0 || account.Messages.Take(account.Messages.IndexOf(page[^1])).All(m => m.Recalled);
        call.Writer.WriteNumber("IsFinished", finished ? 1 : 0);
        call.Writer.WriteString("LastMsgKey", page.Count > 0 ? Key(page[^1]) : string.Empty);
        call.Writer.WriteStartArray("RspMsgList");
        foreach (var m in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("From_Account", m.From);
            call.Writer.WriteNumber("IsPlaceMsg", 0);
            call.Writer.WritePropertyName("MsgBody");
            Json.WriteRaw(call.Writer, m.MsgBodyJson);
            call.Writer.WriteString("MsgKey", Key(m));
            call.Writer.WriteNumber("MsgRandom", m.Random);
            call.Writer.WriteNumber("MsgSeq", m.MsgSeq);
            call.Writer.WriteNumber("MsgTimeStamp", m.Time);
            if (m.CloudCustomData is not null)
            {
                call.Writer.WriteString("CloudCustomData", m.CloudCustomData);
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void AddSubscribers(ImCall call)
    {
        var account = Require(call);
        var items = call.RequiredArray("SubscriberList");
        var added = new List<string>();
        call.Writer.WriteStartArray("SubscriberList");
        for (var i = 0; i < items.Count; i++)
        {
            var user = call.RequiredString(items[i], "Subscriber_Account", "SubscriberList[" + i.ToString(CultureInfo.InvariantCulture) + "].Subscriber_Account", userId: true);
            int result;
            if (account.FindSubscriber(user) is not null)
            {
                result = 2;
            }
            else if (call.State.FindAccount(user) is null || account.Subscribers.Count >= account.MaxSubscriberNum)
            {
                result = 0;
            }
            else
            {
                account.Subscribers.Add(new OfficialAccountSubscriber(user, call.NowSeconds));
                added.Add(user);
                result = 1;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("Subscriber_Account", user);
            call.Writer.WriteNumber("Result", result);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        if (added.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.SubscribersAdded(account.Id, call.Identifier, added, call.NowMilliseconds));
        }
    }

    public static void DeleteSubscribers(ImCall call)
    {
        var account = Require(call);
        var deleted = new List<string>();
        call.Writer.WriteStartArray("SubscriberList");
        foreach (var user in call.RequiredUserIds("SubscriberToDel_Account"))
        {
            var removed = account.Subscribers.RemoveAll(s => string.Equals(s.UserId, user, StringComparison.Ordinal)) > 0;
            if (removed)
            {
                deleted.Add(user);
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("Subscriber_Account", user);
            call.Writer.WriteNumber("Result", removed ? 1 : 0);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        if (deleted.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.OfficialAccountCallbacks.SubscribersDeleted(account.Id, call.Identifier, deleted, call.NowMilliseconds));
        }
    }

    public static void ModifySubscriber(ImCall call)
    {
        var account = Require(call);
        var user = call.RequiredString("Subscriber_Account", userId: true);
        var subscriber = account.FindSubscriber(user) ?? throw new ImCallException(EmulatorErrorCodes.AccountNotImported, "Subscriber_Account: '" + user + "' does not subscribe to '" + account.Id + "'");
        subscriber.CustomString = call.RequiredString("CustomString");
    }

    public static void GetSubscribers(ImCall call)
    {
        var account = Require(call);
        var limit = (int)(call.OptionalInt64("Limit") ?? int.MaxValue);
        var next = call.OptionalString("Next") ?? string.Empty;
        var start = next.Length == 0 ? 0 : int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw call.Invalid("Next", "not a cursor this call returned");
        var page = account.Subscribers.Skip(start).Take(limit).ToList();
        var end = start + page.Count;
        call.Writer.WriteString("Next", end >= account.Subscribers.Count ? string.Empty : end.ToString(CultureInfo.InvariantCulture));
        call.Writer.WriteNumber("SubscriberNum", account.Subscribers.Count);
        call.Writer.WriteStartArray("SubscriberList");
        foreach (var s in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Subscriber_Account", s.UserId);
            call.Writer.WriteNumber("SubscribeTime", s.SubscribeTime);
            call.Writer.WriteString("CustomString", s.CustomString);
            call.Writer.WriteString("MsgFlag", "AcceptAndNotify");
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void GetSubscribed(ImCall call)
    {
        var user = call.RequiredString("Subscriber_Account", userId: true);
        var offset = (int)(call.OptionalInt64("Offset") ?? 0);
        var limit = (int)(call.OptionalInt64("Limit") ?? 200);
        var subscribed = call.State.Areas.OfficialAccounts.Values.Where(a => a.FindSubscriber(user) is not null).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var page = subscribed.Skip(offset).Take(limit).ToList();
        call.Writer.WriteStartArray("OfficialAccountInfoList");
        foreach (var account in page)
        {
            WriteInfo(call, account, account.FindSubscriber(user));
        }

        call.Writer.WriteEndArray();
        var end = offset + page.Count;
        call.Writer.WriteNumber("TotalCount", subscribed.Count);
        call.Writer.WriteNumber("CompleteFlag", end >= subscribed.Count ? 1 : 0);
        call.Writer.WriteNumber("Next", end >= subscribed.Count ? 0 : end);
    }

    private static OfficialAccount Require(ImCall call)
    {
        var id = call.RequiredString("Official_Account");
        return call.State.Areas.OfficialAccounts.TryGetValue(id, out var account) ? account : throw new ImCallException(NotFound, "Official_Account: '" + id + "' does not exist");
    }

    private static void Apply(ImCall call, OfficialAccount account)
    {
        account.Introduction = call.OptionalString("Introduction") ?? account.Introduction;
        account.FaceUrl = call.OptionalString("FaceUrl") ?? account.FaceUrl;
        account.Organization = call.OptionalString("Organization") ?? account.Organization;
        account.CustomString = call.OptionalString("CustomString") ?? account.CustomString;
        account.MaxSubscriberNum = call.OptionalInt64("MaxSubscriberNum") ?? account.MaxSubscriberNum;
    }

    private static void WriteInfo(ImCall call, OfficialAccount account, OfficialAccountSubscriber? self)
    {
        var w = call.Writer;
        w.WriteStartObject();
        w.WriteString("Official_Account", account.Id);
        w.WriteString("Owner_Account", account.Owner);
        w.WriteString("Name", account.Name);
        w.WriteString("Introduction", account.Introduction);
        w.WriteString("FaceUrl", account.FaceUrl);
        w.WriteNumber("MaxSubscriberNum", account.MaxSubscriberNum);
        w.WriteNumber("SubscriberNum", account.Subscribers.Count);
        w.WriteNumber("LastMsgTime", account.Messages.Count > 0 ? account.Messages[^1].Time : 0);
        w.WriteNumber("CreateTime", account.CreateTime);
        w.WriteString("Organization", account.Organization);
        w.WriteString("CustomString", account.CustomString);
        if (self is not null)
        {
            w.WriteStartObject("SelfInfo");
            w.WriteNumber("SubscribeTime", self.SubscribeTime);
            w.WriteString("CustomString", self.CustomString);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    // spec official_account_msg_get_simple: MsgKey has the format Seq_1_ServerTime.
    private static string Key(GroupMessage m) => m.MsgSeq.ToString(CultureInfo.InvariantCulture) + "_1_" + m.Time.ToString(CultureInfo.InvariantCulture);

    private static void WriteKey(ImCall call, GroupMessage message)
    {
        call.Writer.WriteString("MsgKey", Key(message));
        call.Writer.WriteNumber("MsgTime", message.Time);
    }
}
