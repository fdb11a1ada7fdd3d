using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;
using static ImCsGen.Emulator.Handlers.GroupCommon;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Group attributes, counters, Community topics and permission groups, and live-group (AVChatRoom) calls.</summary>
internal static class GroupExtraHandlers
{
    // spec modify_group_attr (prose): 5 writes per second per group (10049). The key (32 bytes, 10045), value (4000 bytes,
    // 10046) and the 16 keys (10047) are spec constraints: checked before the handler, and for the group's total after a
    // write through the same request type (CheckGroupTotal).
    private const int AttributeWritesPerSecond = 5;

    // Counters: key 128 bytes and at most 20 (10063) are spec constraints of update_group_counter; not for Community.

    // spec modify_admin (prose): at most 5 AVChatRoom administrators.
    private const int MaxLiveAdmins = 5;

    public static void GetAttributes(ImCall call)
    {
        var group = RequireGroup(call);
        call.Writer.WriteStartArray("GroupAttrAry");
        foreach (var (key, value) in group.Attributes)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("key", key);
            call.Writer.WriteString("value", value);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void ModifyAttributes(ImCall call) => WriteAttributes(call, replace: false);

    public static void SetAttributes(ImCall call) => WriteAttributes(call, replace: true);

    public static void DeleteAttributes(ImCall call)
    {
        var group = AttributeWrite(call);
        var items = call.RequiredArray("GroupAttr");
        var keys = items.Select((item, i) => call.RequiredString(item, "key", "GroupAttr[" + i.ToString(CultureInfo.InvariantCulture) + "].key")).ToList();
        foreach (var key in keys)
        {
            if (!group.Attributes.ContainsKey(key))
            {
                throw new ImCallException(EmulatorErrorCodes.GroupAttributeKeyNotFound, "GroupAttr: key '" + key + "' does not exist");
            }
        }

        var deleted = keys.Distinct(StringComparer.Ordinal).Select(k => (Key: k, Value: group.Attributes[k])).ToList();
        foreach (var key in keys)
        {
            group.Attributes.Remove(key);
        }

        call.RaiseCallback(() => Callbacks.GroupEventCallbacks.AttributesChanged(group.Id, group.Type, call.Identifier, "delete", deleted, call.NowMilliseconds));
    }

    public static void ClearAttributes(ImCall call)
    {
        var group = AttributeWrite(call);
        var cleared = group.Attributes.Select(a => (a.Key, a.Value)).ToList();
        group.Attributes.Clear();
        call.RaiseCallback(() => Callbacks.GroupEventCallbacks.AttributesChanged(group.Id, group.Type, call.Identifier, "clear", cleared, call.NowMilliseconds));
    }

    public static void GetCounters(ImCall call)
    {
        var group = CounterGroup(call);
        var keys = call.OptionalStrings("GroupCounterKeys");
        call.Writer.WriteStartArray("GroupCounter");
        foreach (var (key, value) in group.Counters)
        {
            if (keys.Count == 0 || keys.Contains(key))
            {
                WriteCounter(call.Writer, key, value);
            }
        }

        call.Writer.WriteEndArray();
    }

    public static void UpdateCounters(ImCall call)
    {
        var group = CounterGroup(call);
        var mode = ReadEnum(call, "Mode", "Set", "Increase", "Decrease") ?? throw call.Invalid("Mode", "required");
        var items = call.RequiredArray("GroupCounter");
        var updates = new List<(string Key, long Value)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "GroupCounter[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var key = call.RequiredString(items[i], "Key", path + ".Key");
            updates.Add((key, call.OptionalInt64(items[i], "Value", path + ".Value") ?? 0));
        }

        var total = group.Counters.Keys.Union(updates.Select(u => u.Key), StringComparer.Ordinal);
        CheckGroupTotal(call, new ImCsGen.Im.UpdateGroupCountersRequest { GroupId = group.Id, Mode = ImCsGen.Im.GroupCounterMode.Set, GroupCounter = total.Select(k => new ImCsGen.Im.GroupCounterItem { Key = k }).ToList() }, "GroupCounter");

        call.Writer.WriteStartArray("GroupCounter");
        foreach (var (key, value) in updates)
        {
            group.Counters.TryGetValue(key, out var current);
            var updated = mode switch
            {
                "Set" => value,
                "Increase" => checked(current + value),
                _ => checked(current - value),
            };
            group.Counters[key] = updated;
            WriteCounter(call.Writer, key, updated);
        }

        call.Writer.WriteEndArray();
    }

    public static void DeleteCounters(ImCall call)
    {
        var group = CounterGroup(call);
        var keys = call.OptionalStrings("GroupCounterKeys");
        if (keys.Count == 0)
        {
            group.Counters.Clear();
            return;
        }

        foreach (var key in keys)
        {
            group.Counters.Remove(key);
        }
    }

    public static void CreateTopic(ImCall call) => CreateOrImportTopic(call, import: false);

    public static void ImportTopic(ImCall call) => CreateOrImportTopic(call, import: true);

    public static void GetTopics(ImCall call)
    {
        var group = TopicGroup(call);
        var ids = call.OptionalStrings("TopicIdList");
        var self = call.OptionalString("From_Account");
        call.Writer.WriteStartArray("TopicAndSelfInfo");
        foreach (var topic in group.Topics.Values.Where(t => ids.Count == 0 || ids.Contains(t.Id)))
        {
            var w = call.Writer;
            w.WriteStartObject();
            w.WriteNumber("ErrorCode", 0);
            w.WriteStartObject("TopicInfo");
            w.WriteString("TopicId", topic.Id);
            w.WriteString("TopicName", topic.Name);
            w.WriteString("CustomString", topic.CustomString);
            w.WriteString("FaceUrl", topic.FaceUrl);
            w.WriteString("Notification", topic.Notification);
            w.WriteString("Introduction", topic.Introduction);
            w.WriteString("MuteAllMember", topic.MuteAll ? "On" : "Off");
            w.WriteNumber("CreateTime", topic.CreateTime);
            w.WriteNumber("NextMsgSeq", topic.Stream.NextMsgSeq);
            w.WriteNumber("LastMsgTime", topic.Stream.LastMsgTime);
            w.WriteEndObject();
            if (self is not null && group.FindMember(self) is not null)
            {
                w.WriteStartObject("SelfInfo");
                w.WriteNumber("MutedUntil", topic.MutedUntil.TryGetValue(self, out var until) ? until : 0);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void ModifyTopic(ImCall call)
    {
        var group = TopicGroup(call);
        var id = call.RequiredString("TopicId");
        var topic = group.Topics.TryGetValue(id, out var t) ? t : throw new ImCallException(EmulatorErrorCodes.GroupNotFound, "TopicId: topic '" + id + "' does not exist");
        var name = call.OptionalString("TopicName");
        var faceUrl = call.OptionalString("FaceUrl");
        var notification = call.OptionalString("Notification");
        var introduction = call.OptionalString("Introduction");
        topic.Name = name ?? topic.Name;
        topic.FaceUrl = faceUrl ?? topic.FaceUrl;
        topic.Notification = notification ?? topic.Notification;
        topic.Introduction = introduction ?? topic.Introduction;
        if (name is not null || faceUrl is not null || notification is not null || introduction is not null)
        {
            // Group.CallbackAfterTopicInfoChanged: only these four fields raise it (its page).
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.TopicInfoChanged(group.Id, group.Type, call.OptionalString("From_Account") ?? call.Identifier, name, introduction, notification, faceUrl));
        }

        topic.CustomString = call.OptionalString("CustomString") ?? topic.CustomString;
        if (ReadEnum(call, "MuteAllMember", "On", "Off") is { } mute)
        {
            topic.MuteAll = mute == "On";
        }
    }

    public static void DestroyTopics(ImCall call)
    {
        var group = TopicGroup(call);
        var ids = call.OptionalStrings("TopicIdList");
        if (ids.Count == 0)
        {
            throw call.Invalid("TopicIdList", "needs at least 1 item(s)");
        }

        call.Writer.WriteStartArray("DestroyResultItem");
        var destroyed = new List<string>();
        foreach (var id in ids)
        {
            var removed = group.Topics.Remove(id);
            if (removed)
            {
                destroyed.Add(id);
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("ErrorCode", removed ? 0 : EmulatorErrorCodes.GroupNotFound);
            call.Writer.WriteString("ErrorInfo", removed ? string.Empty : "topic does not exist");
            call.Writer.WriteString("TopicId", id);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        if (destroyed.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.TopicsDestroyed(group.Id, group.Type, destroyed));
        }
    }

    public static void GetTopicPermissions(ImCall call)
    {
        var group = RequireGroup(call);
        var permissionGroup = RequirePermissionGroup(call, group);
        var ids = call.OptionalStrings("TopicIdList");
        call.Writer.WriteStartArray("TopicPermissionResultList");
        foreach (var (topicId, bits) in permissionGroup.TopicPermissions.Where(p => ids.Count == 0 || ids.Contains(p.Key)))
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("TopicId", topicId);
            call.Writer.WriteNumber("Permission", bits);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void ModifyPermissionGroup(ImCall call)
    {
        // spec modify_permission_group: Community groups only; fields left out keep their values.
        var group = RequireGroup(call);
        Only(group, "Community", "spec modify_permission_group: Community groups only");
        var permissionGroup = RequirePermissionGroup(call, group);
        permissionGroup.Name = call.OptionalString("PermissionGroupName") ?? permissionGroup.Name;
        permissionGroup.Permission = call.OptionalInt64("Permission") ?? permissionGroup.Permission;
        permissionGroup.CustomString = call.OptionalString("CustomString") ?? permissionGroup.CustomString;
    }

    public static void GetPermissionGroupMembers(ImCall call)
    {
        var group = RequireGroup(call);
        var permissionGroup = RequirePermissionGroup(call, group);
        var limit = (int)(call.OptionalInt64("Limit") ?? 100);
        var start = int.TryParse(call.OptionalString("Next"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var page = permissionGroup.Members.Skip(start).Take(limit).ToList();
        call.Writer.WriteStartArray("MemberList");
        foreach (var user in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        var end = start + page.Count;
        call.Writer.WriteString("Next", end >= permissionGroup.Members.Count ? string.Empty : end.ToString(CultureInfo.InvariantCulture));
    }

    public static void GetOnlineCount(ImCall call)
    {
        // Online members are the users joined through the control API (an SDK join); over REST nobody else is online.
        var group = RequireGroup(call);
        call.Writer.WriteNumber("OnlineMemberNum", group.Members.Count(m => call.State.FindAccount(m.UserId)?.Online == true || group.Type == "AVChatRoom"));
    }

    public static void GetOnlineMembers(ImCall call)
    {
        var group = LiveGroup(call, "spec get_members: AVChatRoom only");
        var since = call.RequiredInt64("Timestamp");
        var mark = call.OptionalInt64("Mark");
        var members = group.Members
            .Where(m => m.JoinTime >= since)
            .Where(m => mark is null || (group.LiveMarks.TryGetValue(m.UserId, out var marks) && marks.Contains((int)mark)))
            .ToList();
        call.Writer.WriteStartArray("MemberList");
        foreach (var m in members)
        {
            var account = call.State.FindAccount(m.UserId);
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", m.UserId);
            call.Writer.WriteNumber("JoinTime", m.JoinTime);
            call.Writer.WriteString("NickName", account?.Nick ?? string.Empty);
            call.Writer.WriteString("Avatar", account?.FaceUrl ?? string.Empty);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();

        // Below 250 members all are returned and NextTimestamp is 0 (spec get_members); the emulator returns all.
        call.Writer.WriteNumber("NextTimestamp", 0);
    }

    public static void MarkMembers(ImCall call)
    {
        var group = LiveGroup(call, "spec modify_user_info: AVChatRoom only");
        var command = call.RequiredInt64("CommandType");
        if (command is not (1 or 2))
        {
            throw call.Invalid("CommandType", "must be 1 (set) or 2 (remove)");
        }

        var items = call.RequiredArray("MemberList");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "MemberList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var user = call.RequiredString(items[i], "Member_Account", path + ".Member_Account", userId: true);
            var marks = call.RequiredArray(items[i], "Marks", path + ".Marks").Select(m => m.GetInt32()).ToList();

            // spec modify_user_info: marked members must be online, except for mark 500.
            if (group.FindMember(user) is null && marks.Any(m => m != 500) && command == 1)
            {
                throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, path + ".Member_Account: '" + user + "' is not in the live group");
            }

            if (!group.LiveMarks.TryGetValue(user, out var set))
            {
                set = new SortedSet<int>();
                group.LiveMarks[user] = set;
            }

            foreach (var mark in marks)
            {
                if (command == 1)
                {
                    set.Add(mark);
                }
                else
                {
                    set.Remove(mark);
                }
            }
        }
    }

    public static void ModifyAdmins(ImCall call)
    {
        var group = LiveGroup(call, "spec modify_admin: AVChatRoom only");
        var command = call.RequiredInt64("CommandType");
        var users = call.RequiredUserIds("Admin_Account");
        if (command == 1)
        {
            if (group.LiveAdmins.Union(users, StringComparer.Ordinal).Count() > MaxLiveAdmins)
            {
                throw call.Invalid("Admin_Account", "an AVChatRoom has at most 5 administrators");
            }

            foreach (var user in users)
            {
                RequireAccount(call, user, "Admin_Account");
                group.LiveAdmins.Add(user);
            }
        }
        else if (command == 2)
        {
            foreach (var user in users)
            {
                group.LiveAdmins.Remove(user);
            }
        }
        else
        {
            throw call.Invalid("CommandType", "must be 1 (add) or 2 (revoke)");
        }
    }

    public static void GetAdmins(ImCall call)
    {
        var group = LiveGroup(call, "spec get_admin_list: AVChatRoom only");
        call.Writer.WriteStartArray("Admin_List");
        foreach (var user in group.LiveAdmins)
        {
            var account = call.State.FindAccount(user);
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Admin_Account", user);
            call.Writer.WriteString("Avatar", account?.FaceUrl ?? string.Empty);
            call.Writer.WriteString("NickName", account?.Nick ?? string.Empty);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void CheckMembers(ImCall call)
    {
        var group = LiveGroup(call, "spec check_members: AVChatRoom only");
        var users = call.RequiredUserIds("Member_Account");
        call.WriteStrings("Member_Account", users.Where(u => group.FindMember(u) is not null));
    }

    // The group's keys after the write, as one request of the same endpoint family: its spec limit on the list (maxItems)
    // and Tencent's code for it (10047 attributes, 10063 counters) apply to the group's total as to one call.
    private static void CheckGroupTotal(ImCall call, ImCsGen.Serialization.IImRequest total, string field)
    {
        try
        {
            total.Validate();
        }
        catch (ImCsGen.Validation.ImValidationException e) when (e.Rule == "maxItems" && e.Field == field)
        {
            throw new ImCallException(e.ErrorCode ?? call.InvalidParameterCode, field + ": the group would hold more than the spec allows (" + e.Message + ")");
        }
    }

    private static void WriteAttributes(ImCall call, bool replace)
    {
        var group = AttributeWrite(call);
        var items = call.RequiredArray("GroupAttr");
        var pairs = new List<(string Key, string Value)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "GroupAttr[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var key = call.RequiredString(items[i], "key", path + ".key");
            var value = call.OptionalString(items[i], "value", path + ".value") ?? string.Empty;
            pairs.Add((key, value));
        }

        var keys = (replace ? pairs.Select(p => p.Key) : group.Attributes.Keys.Concat(pairs.Select(p => p.Key))).Distinct(StringComparer.Ordinal);
        CheckGroupTotal(call, new ImCsGen.Im.ModifyGroupAttributesRequest { GroupId = group.Id, GroupAttr = keys.Select(k => new ImCsGen.Im.GroupAttrItem { Key = k }).ToList() }, "GroupAttr");

        if (replace)
        {
            group.Attributes.Clear();
        }

        foreach (var (key, value) in pairs)
        {
            group.Attributes[key] = value;
        }

        // Group.CallbackAfterGroupAttrChanged: OptionType "set" resets all attributes, "modify" changes some (its page).
        call.RaiseCallback(() => Callbacks.GroupEventCallbacks.AttributesChanged(group.Id, group.Type, call.Identifier, replace ? "set" : "modify", pairs, call.NowMilliseconds));
    }

    /// <summary>The group of an attribute write, counted against the 5-per-second-per-group limit.</summary>
    private static Group AttributeWrite(ImCall call)
    {
        var group = RequireGroup(call);
        var second = call.NowSeconds;
        var (window, count) = group.AttributeWrites;
        count = window == second ? count + 1 : 1;
        group.AttributeWrites = (second, count);
        if (count > AttributeWritesPerSecond)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupAttributeWriteLimit, "GroupId: more than 5 attribute writes in one second for this group");
        }

        return group;
    }

    private static Group CounterGroup(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "Community", "spec update_group_counter: not for Community groups");
        return group;
    }

    private static Group TopicGroup(ImCall call)
    {
        var group = RequireGroup(call);
        if (group.Type != "Community" || !group.SupportTopic)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: topics need a Community group created with SupportTopic 1");
        }

        return group;
    }

    private static Group LiveGroup(ImCall call, string why)
    {
        var group = RequireGroup(call);
        Only(group, "AVChatRoom", why);
        return group;
    }

    private static PermissionGroup RequirePermissionGroup(ImCall call, Group group)
    {
        var id = call.RequiredString("PermissionGroupId");
        return call.State.Areas.PermissionGroups.TryGetValue((group.Id, id), out var found)
            ? found
            : throw new ImCallException(EmulatorErrorCodes.GroupInvalidParameter, "PermissionGroupId: no permission group '" + id + "' in group '" + group.Id + "' (create one with POST /_emulator/groups/{id}/permission-groups)");
    }

    private static void CreateOrImportTopic(ImCall call, bool import)
    {
        var group = TopicGroup(call);
        var name = call.RequiredString("TopicName");
        var id = call.OptionalString("TopicId");
        if (id is null)
        {
            id = group.Id + "@TOPIC#_EMU" + (group.Topics.Count + 1).ToString(CultureInfo.InvariantCulture);
            while (group.Topics.ContainsKey(id))
            {
                id += "_";
            }
        }
        else if (!id.StartsWith(group.Id + "@TOPIC#_", StringComparison.Ordinal))
        {
            // spec create_topic: a custom TopicId is the GroupId followed by @TOPIC#_ and a custom part.
            throw call.Invalid("TopicId", "a custom topic ID must be the GroupId followed by @TOPIC#_");
        }
        else if (group.Topics.ContainsKey(id))
        {
            throw new ImCallException(EmulatorErrorCodes.GroupIdInUse, "TopicId: '" + id + "' is already used");
        }

        var createTime = import ? call.OptionalInt64("CreateTime") ?? call.NowSeconds : call.NowSeconds;
        var from = call.OptionalString("From_Account");
        if (from is not null)
        {
            RequireMember(group, from, "From_Account");
        }

        var topic = new GroupTopic(id, name, createTime)
        {
            Creator = from,
            CustomString = call.OptionalString("CustomString") ?? string.Empty,
            FaceUrl = call.OptionalString("FaceUrl") ?? string.Empty,
            Notification = call.OptionalString("Notification") ?? string.Empty,
            Introduction = call.OptionalString("Introduction") ?? string.Empty,
        };
        group.Topics.Add(id, topic);
        call.Writer.WriteString("TopicId", id);
        if (!import)
        {
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.TopicCreated(group.Id, group.Type, id, call.Identifier, from, name));
        }
    }

    private static void WriteCounter(Utf8JsonWriter writer, string key, long value)
    {
        writer.WriteStartObject();
        writer.WriteString("Key", key);
        writer.WriteNumber("Value", value);
        writer.WriteEndObject();
    }
}
