using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;
using static ImCsGen.Emulator.Handlers.GroupCommon;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Group members: add, import, delete, roles, member info, mute, ban, unread counts.</summary>
internal static class GroupMemberHandlers
{
    public static void Add(ImCall call)
    {
        var group = RequireGroup(call);

        // spec add_group_member: not for AVChatRoom (10007), whose members join through the SDK.
        if (group.Type == "AVChatRoom")
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "GroupId: members cannot be added to an AVChatRoom");
        }

        var items = call.RequiredArray("MemberList");
        var users = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            users.Add(call.RequiredString(items[i], "Member_Account", "MemberList[" + i.ToString(CultureInfo.InvariantCulture) + "].Member_Account", userId: true));
        }

        // Users the app's Group.CallbackBeforeInviteJoinGroup refused (RefusedMembers_Account) are not added: Result 0.
        var refused = call.RefusedByCallback ?? Array.Empty<string>();
        var newcomers = users.Distinct(StringComparer.Ordinal).Count(u => group.FindMember(u) is null && call.State.FindAccount(u) is not null && !refused.Contains(u, StringComparer.Ordinal));
        try
        {
            CheckRoom(group, newcomers);
        }
        catch (ImCallException)
        {
            // Group.CallbackAfterGroupFull also fires when a join fails because the group is full (its page).
            call.RaiseCallbackOnFailure(() => Callbacks.GroupEventCallbacks.GroupFull(group.Id, call.NowMilliseconds));
            throw;
        }

        call.Writer.WriteStartArray("MemberList");
        var joined = new List<string>();
        foreach (var user in users)
        {
            int result;
            if (group.FindMember(user) is not null)
            {
                result = 2;
            }
            else if (call.State.FindAccount(user) is null || IsBanned(group, user, call.NowSeconds) || refused.Contains(user, StringComparer.Ordinal))
            {
                result = 0;
            }
            else
            {
                group.AddMember(user, Member, call.NowSeconds);
                joined.Add(user);
                result = 1;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteNumber("Result", result);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        group.Touch(call.NowSeconds);
        if (joined.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.GroupCallbacks.MembersJoined(group.Id, group.Type, call.Identifier, joined, call.NowMilliseconds));
            if (group.MaxMemberNum > 0 && group.Members.Count >= group.MaxMemberNum)
            {
                // Group.CallbackAfterGroupFull: the newcomers filled the group.
                call.RaiseCallback(() => Callbacks.GroupEventCallbacks.GroupFull(group.Id, call.NowMilliseconds));
            }
        }
    }

    public static void Import(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec import_group_member: live groups keep no member list");
        var items = call.RequiredArray("MemberList");
        CheckRoom(group, items.Count(i => i.TryGetProperty("Member_Account", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.String && group.FindMember(a.GetString()!) is null));
        call.Writer.WriteStartArray("MemberList");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "MemberList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var user = call.RequiredString(items[i], "Member_Account", path + ".Member_Account", userId: true);
            var role = call.OptionalString(items[i], "Role", path + ".Role") ?? Member;
            if (role != Admin && role != Member)
            {
                throw call.Invalid(path + ".Role", "must be Admin or Member");
            }

            var joinTime = call.OptionalInt64(items[i], "JoinTime", path + ".JoinTime") ?? call.NowSeconds;
            if (joinTime > call.NowSeconds || joinTime < group.CreateTime)
            {
                throw call.Invalid(path + ".JoinTime", "must lie between the group's creation and now");
            }

            int result;
            if (group.FindMember(user) is not null)
            {
                result = 2;
            }
            else if (call.State.FindAccount(user) is null)
            {
                result = 0;
            }
            else
            {
                var member = group.AddMember(user, role, joinTime);
                member.UnreadMsgNum = call.OptionalInt64(items[i], "UnreadMsgNum", path + ".UnreadMsgNum") ?? 0;
                result = 1;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteNumber("Result", result);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Delete(ImCall call)
    {
        var group = RequireGroup(call);

        // spec delete_group_member: not for AVChatRoom (error 10004): mute members there instead.
        if (group.Type == "AVChatRoom")
        {
            throw new ImCallException(EmulatorErrorCodes.GroupInvalidParameter, "GroupId: members cannot be deleted from an AVChatRoom; mute them instead");
        }

        var users = call.RequiredUserIds("MemberToDel_Account");
        foreach (var user in users)
        {
            if (string.Equals(user, group.Owner, StringComparison.Ordinal))
            {
                throw new ImCallException(EmulatorErrorCodes.GroupInvalidParameter, "MemberToDel_Account: the owner cannot be deleted; transfer ownership first");
            }
        }

        var left = users.Where(group.RemoveMember).ToList();
        group.Touch(call.NowSeconds);
        if (left.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.GroupCallbacks.MembersLeft(group.Id, group.Type, "Kicked", call.Identifier, left, call.NowMilliseconds));
        }
    }

    public static void GetMembers(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec get_group_member_info: live groups keep no member list");
        var roles = call.OptionalStrings("MemberRoleFilter");
        var appFilter = call.OptionalStrings("AppDefinedDataFilter_GroupMember");
        var limit = (int)(call.OptionalInt64("Limit") ?? 200);
        var members = group.Members.Where(m => roles.Count == 0 || roles.Contains(m.Role)).ToList();

        // Community groups page with Next (an opaque cursor); the others with Offset.
        var start = group.Type == "Community"
            ? int.TryParse(call.OptionalString("Next"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0
            : (int)(call.OptionalInt64("Offset") ?? 0);
        var page = members.Skip(start).Take(limit).ToList();
        call.Writer.WriteNumber("MemberNum", group.Members.Count);
        call.Writer.WriteStartArray("MemberList");
        foreach (var m in page)
        {
            WriteMember(call.Writer, m, group, appFilter);
        }

        call.Writer.WriteEndArray();
        if (group.Type == "Community")
        {
            var end = start + page.Count;
            call.Writer.WriteString("Next", end >= members.Count ? string.Empty : end.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void GetSpecified(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec get_specified_group_member_info: live groups keep no member list");
        var users = call.RequiredUserIds("Member_List_Account");
        var roles = call.OptionalStrings("MemberRoleFilter");
        var appFilter = call.OptionalStrings("AppDefinedDataFilter_GroupMember");
        call.Writer.WriteString("GroupId", group.Id);
        call.Writer.WriteStartArray("MemberList");
        foreach (var user in users)
        {
            if (group.FindMember(user) is { } m && (roles.Count == 0 || roles.Contains(m.Role)))
            {
                WriteMember(call.Writer, m, group, appFilter);
            }
        }

        call.Writer.WriteEndArray();
    }

    public static void Modify(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec modify_group_member_info: AVChatRoom stores no member profiles");
        var user = call.RequiredString("Member_Account", userId: true);
        var member = RequireMember(group, user, "Member_Account");
        if (ReadEnum(call, "Role", Admin, Member) is { } role)
        {
            if (member.Role == Owner)
            {
                throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "Role: the owner's role changes only through change_group_owner");
            }

            member.Role = role;
        }

        member.MsgFlag = ReadEnum(call, "MsgFlag", "AcceptAndNotify", "AcceptNotNotify", "Discard", "AcceptNotNotifyExceptAt") ?? member.MsgFlag;
        var nameCard = call.OptionalString("NameCard");
        member.NameCard = nameCard ?? member.NameCard;
        ReadDefinedData(call, call.Body, "AppMemberDefinedData", member.AppDefinedData);
        if (call.OptionalInt64("MuteTime") is { } seconds)
        {
            SetMute(call, group, user, seconds);
        }

        // Group.CallbackAfterMemberFieldChanged: its page covers the member's role and name card.
        var newRole = call.Has("Role") ? member.Role : null;
        if (newRole is not null || nameCard is not null)
        {
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.MemberFieldChanged(group.Id, group.Type, call.Identifier, user, newRole, nameCard, call.NowMilliseconds));
        }
    }

    public static void GetRoles(ImCall call)
    {
        var group = RequireGroup(call);
        var users = call.RequiredUserIds("User_Account");
        call.Writer.WriteStartArray("UserIdList");
        foreach (var user in users)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteString("Role", group.FindMember(user)?.Role ?? "NotMember");
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Mute(ImCall call)
    {
        var group = RequireGroup(call);

        // spec forbid_send_msg: not for Private (Work) groups.
        Refuse(group, "Private", "spec forbid_send_msg: Work groups have no member mute");
        var users = call.RequiredUserIds("Members_Account");
        var seconds = call.RequiredInt64("MuteTime");
        if (seconds < 0 || seconds > uint.MaxValue)
        {
            throw call.Invalid("MuteTime", "must be 0..4294967295 seconds");
        }

        foreach (var user in users)
        {
            SetMute(call, group, user, seconds);
        }
    }

    public static void GetMuted(ImCall call)
    {
        var group = RequireGroup(call);
        var now = call.NowSeconds;
        call.Writer.WriteString("GroupId", group.Id);
        call.Writer.WriteStartArray("MutedAccountList");
        IEnumerable<(string User, long Until)> muted;
        var topicId = call.OptionalString("TopicId");
        if (topicId is not null)
        {
            Stream(call, group, out _);
            muted = group.Topics[topicId].MutedUntil.Select(p => (p.Key, p.Value));
        }
        else
        {
            muted = group.Members.Select(m => (m.UserId, m.ShutUpUntil)).Concat(group.MuteMemory.Where(p => group.FindMember(p.Key) is null).Select(p => (p.Key, p.Value)));
        }

        foreach (var (user, until) in muted.Where(p => p.Until > now))
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteNumber("MutedUntil", until);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Ban(ImCall call)
    {
        var group = RequireGroup(call);
        var users = call.RequiredUserIds("Members_Account");
        var duration = call.RequiredInt64("Duration");
        if (duration <= 0)
        {
            throw call.Invalid("Duration", "must be a positive number of seconds");
        }

        // spec ban_group_member: a banned member leaves, cannot receive messages or rejoin during the ban.
        var left = new List<string>();
        foreach (var user in users)
        {
            if (group.RemoveMember(user))
            {
                left.Add(user);
            }

            group.Banned[user] = call.NowSeconds + duration;
        }

        if (left.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.GroupCallbacks.MembersLeft(group.Id, group.Type, "Kicked", call.Identifier, left, call.NowMilliseconds));
        }
    }

    public static void Unban(ImCall call)
    {
        var group = RequireGroup(call);
        foreach (var user in call.RequiredUserIds("Members_Account"))
        {
            group.Banned.Remove(user);
        }
    }

    public static void GetBanned(ImCall call)
    {
        var group = RequireGroup(call);
        var offset = (int)(call.OptionalInt64("Offset") ?? 0);
        var limit = (int)(call.OptionalInt64("Limit") ?? 100);
        var banned = group.Banned.Where(p => p.Value > call.NowSeconds).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var page = banned.Skip(offset).Take(limit).ToList();
        call.Writer.WriteStartArray("BannedAccountList");
        foreach (var (user, until) in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("Member_Account", user);
            call.Writer.WriteNumber("BannedUntil", until);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteNumber("NextOffset", offset + page.Count >= banned.Count ? 0 : offset + page.Count);
    }

    public static void SetUnread(ImCall call)
    {
        var group = RequireGroup(call);
        var member = RequireMember(group, call.RequiredString("Member_Account", userId: true), "Member_Account");
        var unread = call.RequiredInt64("UnreadMsgNum");
        if (unread < 0)
        {
            throw call.Invalid("UnreadMsgNum", "must not be negative");
        }

        member.UnreadMsgNum = unread;
    }

    private static void SetMute(ImCall call, Group group, string user, long seconds)
    {
        // 4294967295 mutes for good (spec forbid_send_msg MuteTime); 0 lifts the mute.
        var until = seconds == 0 ? 0 : seconds == uint.MaxValue ? long.MaxValue : call.NowSeconds + seconds;
        var topicId = call.OptionalString("TopicId");
        if (topicId is not null)
        {
            Stream(call, group, out _);
            group.Topics[topicId].MutedUntil[user] = until;
            return;
        }

        if (group.FindMember(user) is { } member)
        {
            member.ShutUpUntil = until;
        }
        else
        {
            RequireAccount(call, user, "Members_Account");
            group.MuteMemory[user] = until;
        }
    }

    private static bool IsBanned(Group group, string user, long now) => group.Banned.TryGetValue(user, out var until) && until > now;

    private static void CheckRoom(Group group, int newcomers)
    {
        if (group.MaxMemberNum > 0 && group.Members.Count + newcomers > group.MaxMemberNum)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupFull, "MemberList: the group is full (" + group.MaxMemberNum.ToString(CultureInfo.InvariantCulture) + " members at most)");
        }
    }
}
