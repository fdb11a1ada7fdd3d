using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Look-ups and checks shared by the group handlers; every refusal carries Tencent's group code.</summary>
internal static class GroupCommon
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string Member = "Member";

    private static readonly string[] Types = { "Private", "Public", "ChatRoom", "AVChatRoom", "Community" };

    /// <summary>The group named by <c>GroupId</c>; 10010 when it does not exist (or was dismissed).</summary>
    public static Group RequireGroup(ImCall call)
    {
        var id = call.RequiredString("GroupId");
        return call.State.Groups.Find(id) ?? throw new ImCallException(EmulatorErrorCodes.GroupNotFound, "GroupId: group '" + id + "' does not exist or was dismissed");
    }

    /// <summary>Refuses the call for <paramref name="type"/> groups (10007), citing the spec endpoint that states the rule.</summary>
    public static void Refuse(Group group, string type, string why)
    {
        if (string.Equals(group.Type, type, StringComparison.Ordinal))
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: not allowed for " + type + " groups (" + why + ")");
        }
    }

    /// <summary>Requires a group of <paramref name="type"/> (10007 otherwise).</summary>
    public static void Only(Group group, string type, string why)
    {
        if (!string.Equals(group.Type, type, StringComparison.Ordinal))
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: only for " + type + " groups (" + why + ")");
        }
    }

    /// <summary>The member, or 10007 naming the field.</summary>
    public static GroupMember RequireMember(Group group, string userId, string field)
        => group.FindMember(userId) ?? throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, field + ": '" + userId + "' is not a member of group '" + group.Id + "'");

    /// <summary>An imported account, or 10019.</summary>
    public static void RequireAccount(ImCall call, string userId, string field)
    {
        if (call.State.FindAccount(userId) is null)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupAccountNotFound, field + ": account '" + userId + "' is not imported");
        }
    }

    /// <summary>The stream of the call's <c>TopicId</c> (null: the group's own); unknown topics are 10010.</summary>
    public static GroupMessageStream Stream(ImCall call, Group group, out string? topicId)
    {
        topicId = call.OptionalString("TopicId");
        if (topicId is not null && !group.SupportTopic)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "TopicId: group '" + group.Id + "' does not support topics");
        }

        return group.StreamOf(topicId) ?? throw new ImCallException(EmulatorErrorCodes.GroupNotFound, "TopicId: topic '" + topicId + "' does not exist");
    }

    /// <summary>A group type (Private, Public, ChatRoom, AVChatRoom, Community).</summary>
    public static string ReadType(ImCall call)
    {
        var type = call.RequiredString("Type");
        return Array.IndexOf(Types, type) >= 0 ? type : throw call.Invalid("Type", "must be one of " + string.Join(", ", Types));
    }

    /// <summary>An optional enum string among <paramref name="allowed"/>.</summary>
    public static string? ReadEnum(ImCall call, string name, params string[] allowed)
    {
        var value = call.OptionalString(name);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            throw call.Invalid(name, "must be one of " + string.Join(", ", allowed));
        }

        return value;
    }

    /// <summary>Reads <c>[{Key, Value}]</c> items into <paramref name="target"/>; an empty Value deletes the key.</summary>
    public static void ReadDefinedData(ImCall call, JsonElement item, string name, Dictionary<string, string> target)
    {
        var items = call.OptionalArray(item, name, name);
        for (var i = 0; i < items.Count; i++)
        {
            var path = name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var key = call.RequiredString(items[i], "Key", path + ".Key");
            var value = call.OptionalString(items[i], "Value", path + ".Value") ?? string.Empty;
            if (value.Length == 0)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    /// <summary>Writes <c>[{Key, Value}]</c>, optionally only the keys of <paramref name="filter"/>.</summary>
    public static void WriteDefinedData(Utf8JsonWriter writer, string name, Dictionary<string, string> data, List<string>? filter = null)
    {
        writer.WriteStartArray(name);
        foreach (var pair in data)
        {
            if (filter is { Count: > 0 } && !filter.Contains(pair.Key))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("Key", pair.Key);
            writer.WriteString("Value", pair.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a member as Tencent's <c>GroupMemberInfo</c>.</summary>
    public static void WriteMember(Utf8JsonWriter writer, GroupMember member, Group group, List<string>? appDataFilter = null)
    {
        writer.WriteStartObject();
        writer.WriteString("Member_Account", member.UserId);
        writer.WriteString("Role", member.Role);
        writer.WriteNumber("JoinTime", member.JoinTime);
        writer.WriteNumber("MsgSeq", group.Stream.NextMsgSeq - 1);
        writer.WriteString("MsgFlag", member.MsgFlag);
        writer.WriteNumber("LastSendMsgTime", member.LastSendMsgTime);
        writer.WriteNumber("ShutUpUntil", member.ShutUpUntil);
        writer.WriteString("NameCard", member.NameCard);
        WriteDefinedData(writer, "AppMemberDefinedData", member.AppDefinedData, appDataFilter);
        writer.WriteEndObject();
    }

    /// <summary>Checks a string against a byte limit (the spec's limits are also checked generically from the generated types).</summary>
    public static void CheckBytes(ImCall call, string field, string? value, int maxBytes)
    {
        if (value is not null && Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw call.Invalid(field, "at most " + maxBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        }
    }

    /// <summary>A required uint32 of an item.</summary>
    public static uint RequiredUInt32(ImCall call, JsonElement item, string name, string path)
    {
        var value = call.OptionalInt64(item, name, path) ?? throw call.Invalid(path, "required");
        return value is >= 0 and <= uint.MaxValue ? (uint)value : throw call.Invalid(path, "must be a uint32");
    }

    /// <summary>Whether <paramref name="userId"/> may manage the group (owner or administrator); the App administrator always may.</summary>
    public static bool IsManager(Group group, string userId)
        => group.FindMember(userId) is { Role: Owner or Admin } || string.Equals(group.Owner, userId, StringComparison.Ordinal);
}
