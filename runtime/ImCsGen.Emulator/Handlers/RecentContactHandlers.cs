using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>recentcontact/*: the conversation list, marks (pinning) and conversation groups.</summary>
internal static class RecentContactHandlers
{
    private const int PageSize = 100;

    public static void GetList(ImCall call)
    {
        var owner = Owner(call);
        var start = (int)Math.Max(0, call.RequiredInt64("StartIndex"));
        var flags = call.RequiredInt64("AssistFlags");
        call.RequiredInt64("TimeStamp");
        call.RequiredInt64("TopTimeStamp");
        call.RequiredInt64("TopStartIndex");
        var supportsPinned = (flags & 1) != 0;
        var includeEmpty = (flags & 2) != 0;
        var list = call.State.ConversationsOf(owner)
            .Where(c => !c.Deleted && (includeEmpty || c.LastMessageTime > 0))
            .OrderByDescending(c => supportsPinned && c.Pinned)
            .ThenByDescending(c => c.LastMessageTime)
            .ThenBy(c => c.Peer, StringComparer.Ordinal)
            .ToList();
        var page = list.Skip(start).Take(PageSize).ToList();
        call.Writer.WriteStartArray("SessionItem");
        foreach (var conversation in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("Type", 1);
            call.Writer.WriteString("To_Account", conversation.Peer);
            call.Writer.WriteNumber("MsgTime", conversation.LastMessageTime);
            call.Writer.WriteNumber("TopFlag", supportsPinned && conversation.Pinned ? 1 : 0);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        var complete = start + page.Count >= list.Count;
        call.Writer.WriteNumber("CompleteFlag", complete ? 1 : 0);
        call.Writer.WriteNumber("TimeStamp", call.NowSeconds);
        call.Writer.WriteNumber("StartIndex", complete ? 0 : start + page.Count);
        call.Writer.WriteNumber("TopTimeStamp", call.NowSeconds);
        call.Writer.WriteNumber("TopStartIndex", 0);
    }

    public static void Delete(ImCall call)
    {
        var owner = Owner(call);
        var type = call.RequiredInt64("Type");
        if (type != 1)
        {
            throw call.Invalid("Type", "the emulator has C2C conversations only (Type 1)");
        }

        var peer = call.RequiredString("To_Account", userId: true);
        var conversation = call.State.FindConversation(owner, peer);
        if (conversation is not null)
        {
            conversation.Deleted = true;
            conversation.Unread = 0;
        }

        if (call.OptionalInt64("ClearRamble") == 1)
        {
            foreach (var message in call.State.PairMessages(owner, peer))
            {
                message.DeletedFor.Add(owner);
            }
        }
    }

    public static void CreateGroups(ImCall call)
    {
        var owner = Owner(call);
        var groups = Groups(call, owner);
        var items = call.RequiredArray("GroupContactItem", 1);
        call.Writer.WriteStartArray("GroupResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "GroupContactItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var name = call.RequiredString(items[i], "GroupName", path + ".GroupName");
            if (!groups.TryGetValue(name, out var id))
            {
                if (groups.Count >= 20)
                {
                    throw call.Invalid(path + ".GroupName", "at most 20 conversation groups per user");
                }

                id = call.State.NextConversationGroupId++;
                groups[name] = id;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteStartObject("GroupItem");
            call.Writer.WriteString("GroupName", name);
            call.Writer.WriteNumber("GroupId", id);
            call.Writer.WriteEndObject();
            call.Writer.WriteStartArray("ResultItem");
            var contacts = call.OptionalArray(items[i], "ContactItem", path + ".ContactItem");
            for (var j = 0; j < contacts.Count; j++)
            {
                var peer = Contact(call, contacts[j], path + ".ContactItem[" + j.ToString(CultureInfo.InvariantCulture) + "]");
                call.State.GetOrCreateConversation(owner, peer).Groups.Add(id);
                WriteContactResult(call.Writer, null, peer, 0);
            }

            call.Writer.WriteEndArray();
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void UpdateGroup(ImCall call)
    {
        var owner = Owner(call);
        var groups = Groups(call, owner);
        var updateType = call.RequiredInt64("UpdateType");
        if (!call.Body.TryGetProperty("UpdateGroup", out var update) || update.ValueKind != JsonValueKind.Object)
        {
            throw call.Invalid("UpdateGroup", "required object");
        }

        var oldName = call.RequiredString(update, "OldGroupName", "UpdateGroup.OldGroupName");
        if (!groups.TryGetValue(oldName, out var id))
        {
            throw call.Invalid("UpdateGroup.OldGroupName", "no conversation group '" + oldName + "'");
        }

        var name = oldName;
        var newName = call.OptionalString(update, "NewGroupName", "UpdateGroup.NewGroupName");
        if (!string.IsNullOrEmpty(newName) && !string.Equals(newName, oldName, StringComparison.Ordinal))
        {
            groups.Remove(oldName);
            groups[newName] = id;
            name = newName;
        }

        call.Writer.WriteNumber("UpdateType", updateType);
        call.Writer.WriteStartObject("UpdateGroupResult");
        call.Writer.WriteNumber("UpdateGroupType", call.OptionalInt64(update, "UpdateGroupType", "UpdateGroup.UpdateGroupType") ?? 0);
        call.Writer.WriteString("GroupName", name);
        call.Writer.WriteNumber("GroupId", id);
        call.Writer.WriteString("OldGroupName", oldName);
        call.Writer.WriteStartArray("ContactResultItem");
        var changes = call.OptionalArray(update, "ContactUpdateItem", "UpdateGroup.ContactUpdateItem");
        for (var i = 0; i < changes.Count; i++)
        {
            var path = "UpdateGroup.ContactUpdateItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var operation = call.OptionalInt64(changes[i], "ContactOptType", path + ".ContactOptType") ?? 1;
            if (!changes[i].TryGetProperty("ContactItem", out var contact))
            {
                throw call.Invalid(path + ".ContactItem", "required");
            }

            var peer = Contact(call, contact, path + ".ContactItem");
            var conversation = call.State.GetOrCreateConversation(owner, peer);
            if (operation == 2)
            {
                conversation.Groups.Remove(id);
            }
            else
            {
                conversation.Groups.Add(id);
            }

            WriteContactResult(call.Writer, operation, peer, 0);
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteEndObject();
    }

    public static void DeleteGroups(ImCall call)
    {
        var owner = Owner(call);
        var groups = Groups(call, owner);
        var names = call.OptionalStrings("GroupName");
        if (names.Count == 0)
        {
            throw call.Invalid("GroupName", "needs at least one name");
        }

        call.Writer.WriteStartArray("GroupItem");
        foreach (var name in names)
        {
            if (!groups.Remove(name, out var id))
            {
                continue;
            }

            foreach (var conversation in call.State.ConversationsOf(owner))
            {
                conversation.Groups.Remove(id);
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("GroupName", name);
            call.Writer.WriteNumber("GroupId", id);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Mark(ImCall call)
    {
        var owner = Owner(call);
        var items = call.RequiredArray("MarkItem"); // at most 100 (51006): spec/recent_contact.json, checked before the handler
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "MarkItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!items[i].TryGetProperty("ContactItem", out var contact))
            {
                throw call.Invalid(path + ".ContactItem", "required");
            }

            var peer = Contact(call, contact, path + ".ContactItem");
            var conversation = call.State.GetOrCreateConversation(owner, peer);
            var set = Bits(call, items[i], "SetMark", path);
            var clear = Bits(call, items[i], "ClearMark", path);
            conversation.StandardMarks = (conversation.StandardMarks | set) & ~clear;
            if (call.OptionalString(items[i], "CustomMark", path + ".CustomMark") is { } custom)
            {
                conversation.CustomMark = custom;
            }

            conversation.MarkTime = call.NowSeconds;
            conversation.Deleted = false;
            WriteContactResult(call.Writer, call.OptionalInt64(items[i], "OptType", path + ".OptType") ?? 1, peer, 0);
        }

        call.Writer.WriteEndArray();
    }

    public static void SearchGroups(ImCall call)
    {
        var owner = Owner(call);
        var items = call.RequiredArray("ContactItem", 1, 300);
        var groups = Groups(call, owner);
        var used = new SortedSet<int>();
        call.Writer.WriteStartArray("ContactResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var peer = Contact(call, items[i], "ContactItem[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            var conversation = call.State.FindConversation(owner, peer);
            WriteContact(call.Writer, peer, conversation);
            if (conversation is not null)
            {
                used.UnionWith(conversation.Groups);
            }
        }

        call.Writer.WriteEndArray();
        WriteGroups(call.Writer, groups.Where(g => used.Contains(g.Value)));
    }

    public static void GetGroups(ImCall call)
    {
        var owner = Owner(call);
        var start = (int)Math.Max(0, call.RequiredInt64("StartIndex"));
        var groups = Groups(call, owner);
        var list = call.State.ConversationsOf(owner).Where(c => c.Groups.Count > 0 || c.StandardMarks != 0 || c.CustomMark is not null)
            .OrderBy(c => c.Peer, StringComparer.Ordinal).ToList();
        var page = list.Skip(start).Take(PageSize).ToList();
        call.Writer.WriteStartArray("ContactItem");
        foreach (var conversation in page)
        {
            WriteContact(call.Writer, conversation.Peer, conversation);
        }

        call.Writer.WriteEndArray();
        WriteGroups(call.Writer, groups);
        var complete = start + page.Count >= list.Count;
        call.Writer.WriteNumber("CompleteFlag", complete ? 1 : 0);
        call.Writer.WriteNumber("NextStartIndex", complete ? 0 : start + page.Count);
    }

    private static string Owner(ImCall call)
    {
        var owner = call.RequiredString("From_Account", userId: true);
        call.RequireAccount(owner, EmulatorErrorCodes.ContactAccountNotFound, "From_Account");
        return owner;
    }

    private static SortedDictionary<string, int> Groups(ImCall call, string owner)
    {
        if (!call.State.ConversationGroups.TryGetValue(owner, out var groups))
        {
            groups = new SortedDictionary<string, int>(StringComparer.Ordinal);
            call.State.ConversationGroups[owner] = groups;
        }

        return groups;
    }

    private static string Contact(ImCall call, JsonElement contact, string path)
    {
        if (contact.ValueKind != JsonValueKind.Object)
        {
            throw call.Invalid(path, "expected an object {Type, To_Account}");
        }

        var type = call.OptionalInt64(contact, "Type", path + ".Type") ?? throw call.Invalid(path + ".Type", "required");
        if (type != 1)
        {
            throw call.Invalid(path + ".Type", "the emulator has C2C conversations only (Type 1)");
        }

        var peer = call.RequiredString(contact, "To_Account", path + ".To_Account", userId: true);
        if (call.State.FindAccount(peer) is null)
        {
            throw new ImCallException(EmulatorErrorCodes.ContactAccountNotFound, path + ".To_Account: account '" + peer + "' is not imported");
        }

        return peer;
    }

    private static ulong Bits(ImCall call, JsonElement item, string name, string path)
    {
        ulong mask = 0;
        var values = call.OptionalArray(item, name, path + "." + name);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].ValueKind != JsonValueKind.Number || !values[i].TryGetInt32(out var bit) || bit < 0 || bit > 63)
            {
                throw call.Invalid(path + "." + name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "a mark bit index 0..63");
            }

            mask |= 1UL << bit;
        }

        return mask;
    }

    private static void WriteContactResult(Utf8JsonWriter writer, long? operation, string peer, int code)
    {
        writer.WriteStartObject();
        if (operation is not null)
        {
            writer.WriteNumber("ContactOptType", operation.Value);
            writer.WriteNumber("OptType", operation.Value);
        }

        writer.WriteStartObject("ContactItem");
        writer.WriteNumber("Type", 1);
        writer.WriteString("To_Account", peer);
        writer.WriteEndObject();
        writer.WriteNumber("ResultCode", code);
        writer.WriteString("ResultInfo", string.Empty);
        writer.WriteEndObject();
    }

    private static void WriteContact(Utf8JsonWriter writer, string peer, Conversation? conversation)
    {
        writer.WriteStartObject();
        writer.WriteNumber("Type", 1);
        writer.WriteString("To_Account", peer);
        writer.WriteString("StandardMark", (conversation?.StandardMarks ?? 0).ToString(CultureInfo.InvariantCulture));
        writer.WriteString("CustomMark", conversation?.CustomMark ?? string.Empty);
        writer.WriteStartArray("ContactGroupId");
        foreach (var id in conversation?.Groups ?? new SortedSet<int>())
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
        writer.WriteNumber("Timestamp", conversation?.MarkTime ?? 0);
        writer.WriteEndObject();
    }

    private static void WriteGroups(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, int>> groups)
    {
        writer.WriteStartArray("GroupItem");
        foreach (var (name, id) in groups)
        {
            writer.WriteStartObject();
            writer.WriteString("GroupName", name);
            writer.WriteNumber("GroupId", id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
