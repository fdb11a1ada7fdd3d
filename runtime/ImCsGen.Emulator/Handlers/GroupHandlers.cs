using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;
using static ImCsGen.Emulator.Handlers.GroupCommon;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Groups themselves: create, import, dismiss, info, modify, lists, owner transfer, search.</summary>
internal static class GroupHandlers
{
    public static void Create(ImCall call) => CreateOrImport(call, import: false);

    public static void Import(ImCall call) => CreateOrImport(call, import: true);

    public static void Destroy(ImCall call)
    {
        var group = RequireGroup(call);

        // spec destroy_group: all members get a "dismissed" system notification; a later call on the id answers 10010.
        call.State.Groups.Remove(group);
        call.RaiseCallback(() =>
        {
            // Operator_Account (269/1670): destroy_group names no sender, so the operator is the admin the call was made as.
            var payload = Callbacks.GroupCallbacks.Destroyed(group.Id, group.Type, group.Owner, group.Name, group.Members.Select(m => m.UserId), call.NowMilliseconds);
            payload.OperatorAccount = call.Identifier;
            return payload;
        });
    }

    public static void GetInfo(ImCall call)
    {
        var ids = call.OptionalStrings("GroupIdList");
        if (ids.Count == 0)
        {
            throw call.Invalid("GroupIdList", "needs at least 1 item(s)");
        }

        var w = call.Writer;
        w.WriteStartArray("GroupInfo");
        foreach (var id in ids)
        {
            w.WriteStartObject();
            w.WriteString("GroupId", id);
            var group = call.State.Groups.Find(id);
            if (group is null)
            {
                w.WriteNumber("ErrorCode", EmulatorErrorCodes.GroupNotFound);
                w.WriteString("ErrorInfo", "group '" + id + "' does not exist or was dismissed");
                w.WriteEndObject();
                continue;
            }

            w.WriteNumber("ErrorCode", 0);
            w.WriteString("ErrorInfo", string.Empty);
            w.WriteString("Type", group.Type);
            w.WriteString("Name", group.Name);
            w.WriteNumber("Appid", call.Options.SdkAppId);
            w.WriteString("Introduction", group.Introduction);
            w.WriteString("Notification", group.Notification);
            w.WriteString("FaceUrl", group.FaceUrl);
            w.WriteString("Owner_Account", group.Owner ?? string.Empty);
            w.WriteNumber("CreateTime", group.CreateTime);
            w.WriteNumber("InfoSeq", group.InfoSeq);
            w.WriteNumber("LastInfoTime", group.LastInfoTime);
            w.WriteNumber("LastMsgTime", group.Stream.LastMsgTime);
            w.WriteNumber("NextMsgSeq", group.Stream.NextMsgSeq);
            w.WriteNumber("MemberNum", group.Members.Count);
            w.WriteNumber("MaxMemberNum", group.MaxMemberNum);
            w.WriteString("ApplyJoinOption", group.ApplyJoinOption);
            w.WriteString("InviteJoinOption", group.InviteJoinOption);
            w.WriteString("ShutUpAllMember", group.MuteAll ? "On" : "Off");
            w.WriteString("MuteAllMember", group.MuteAll ? "On" : "Off");
            w.WriteNumber("SupportTopic", group.SupportTopic ? 1 : 0);
            WriteDefinedData(w, "AppDefinedData", group.AppDefinedData);
            if (group.Type != "AVChatRoom")
            {
                w.WriteStartArray("MemberList");
                foreach (var member in group.Members)
                {
                    WriteMember(w, member, group);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Modify(ImCall call)
    {
        var group = RequireGroup(call);
        var from = call.OptionalString("From_Account");
        if (from is not null && !IsManager(group, from))
        {
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "From_Account: '" + from + "' is neither owner nor administrator of the group");
        }

        var name = call.OptionalString("Name");
        if (name is not null)
        {
            group.Name = name;
        }

        group.Introduction = call.OptionalString("Introduction") ?? group.Introduction;
        group.Notification = call.OptionalString("Notification") ?? group.Notification;
        group.FaceUrl = call.OptionalString("FaceUrl") ?? group.FaceUrl;
        if (call.OptionalInt64("MaxMemberNum") is { } max)
        {
            if (max < group.Members.Count)
            {
                throw call.Invalid("MaxMemberNum", "below the current member count");
            }

            group.MaxMemberNum = (int)max;
        }

        group.ApplyJoinOption = ReadEnum(call, "ApplyJoinOption", "FreeAccess", "NeedPermission", "DisableApply") ?? group.ApplyJoinOption;
        group.InviteJoinOption = ReadEnum(call, "InviteJoinOption", "FreeAccess", "NeedPermission", "DisableInvite") ?? group.InviteJoinOption;
        if (ReadEnum(call, "MuteAllMember", "On", "Off") is { } mute)
        {
            group.MuteAll = mute == "On";
        }

        ReadDefinedData(call, call.Body, "AppDefinedData", group.AppDefinedData);
        group.Touch(call.NowSeconds);

        // Group.CallbackAfterGroupInfoChanged: only name, introduction, notification and face URL changes raise it (its page).
        var introduction = call.OptionalString("Introduction");
        var notification = call.OptionalString("Notification");
        var faceUrl = call.OptionalString("FaceUrl");
        if (name is not null || introduction is not null || notification is not null || faceUrl is not null)
        {
            call.RaiseCallback(() => Callbacks.GroupEventCallbacks.InfoChanged(group.Id, group.Type, from ?? call.Identifier, name, introduction, notification, faceUrl, call.NowMilliseconds));
        }
    }

    public static void GetAppGroups(ImCall call)
    {
        var limit = (int)(call.OptionalInt64("Limit") ?? 10000);
        var next = call.OptionalInt64("Next") ?? 0;
        var type = ReadEnum(call, "GroupType", "Private", "Public", "ChatRoom", "AVChatRoom", "Community");
        var groups = call.State.Groups.All.Where(g => type is null || g.Type == type).ToList();

        // Next is the index of the first group of the page (an opaque cursor to the caller).
        var page = groups.Skip((int)Math.Min(next, groups.Count)).Take(limit).ToList();
        var end = next + page.Count;
        call.Writer.WriteNumber("TotalCount", groups.Count);
        call.Writer.WriteStartArray("GroupIdList");
        foreach (var g in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("GroupId", g.Id);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteNumber("Next", end >= groups.Count ? 0 : end);
    }

    public static void GetJoined(ImCall call)
    {
        var user = call.RequiredString("Member_Account", userId: true);
        var type = ReadEnum(call, "GroupType", "Private", "Public", "ChatRoom", "AVChatRoom", "Community");
        var offset = (int)(call.OptionalInt64("Offset") ?? 0);
        var limit = (int)(call.OptionalInt64("Limit") ?? int.MaxValue);

        // spec get_joined_group_list: AVChatRoom groups only with WithHugeGroups 1, not-yet-activated Work groups only with
        // WithNoActiveGroups 1, topic-enabled Community groups only with SupportTopic 1. "Not activated" is read here as a
        // Work group in which no message has been sent yet (the emulator's reading of Tencent's wording).
        var withLive = call.OptionalInt64("WithHugeGroups") == 1;
        var withInactive = call.OptionalInt64("WithNoActiveGroups") == 1;
        var withTopics = call.OptionalInt64("SupportTopic") == 1;
        var joined = call.State.Groups.JoinedBy(user).Where(g =>
            (type is null || g.Type == type)
            && (withLive || g.Type != "AVChatRoom")
            && (withInactive || g.Type != "Private" || g.Stream.NextMsgSeq > 1)
            && (withTopics || !g.SupportTopic)).ToList();
        call.Writer.WriteNumber("TotalCount", joined.Count);
        call.Writer.WriteStartArray("GroupIdList");
        foreach (var g in joined.Skip(offset).Take(limit))
        {
            var self = g.FindMember(user)!;
            var w = call.Writer;
            w.WriteStartObject();
            w.WriteString("GroupId", g.Id);
            w.WriteString("Type", g.Type);
            w.WriteString("Name", g.Name);
            w.WriteString("Owner_Account", g.Owner ?? string.Empty);
            w.WriteNumber("CreateTime", g.CreateTime);
            w.WriteNumber("LastMsgTime", g.Stream.LastMsgTime);
            w.WriteNumber("NextMsgSeq", g.Stream.NextMsgSeq);
            w.WriteNumber("MemberNum", g.Members.Count);
            w.WriteNumber("MaxMemberNum", g.MaxMemberNum);
            w.WriteNumber("SupportTopic", g.SupportTopic ? 1 : 0);
            w.WriteStartObject("SelfInfo");
            w.WriteString("Role", self.Role);
            w.WriteNumber("JoinTime", self.JoinTime);
            w.WriteString("MsgFlag", self.MsgFlag);
            w.WriteNumber("UnreadMsgNum", self.UnreadMsgNum);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void ChangeOwner(ImCall call)
    {
        var group = RequireGroup(call);
        Refuse(group, "AVChatRoom", "spec change_group_owner: not for AVChatRoom");
        var newOwner = call.RequiredString("NewOwner_Account", userId: true);
        var member = RequireMember(group, newOwner, "NewOwner_Account");
        var oldOwner = group.Owner;
        if (oldOwner is { } old && group.FindMember(old) is { } previous)
        {
            previous.Role = Member;
        }

        member.Role = Owner;
        group.Owner = newOwner;
        group.Touch(call.NowSeconds);
        call.RaiseCallback(() => Callbacks.GroupEventCallbacks.OwnerChanged(group.Id, group.Type, call.Identifier, oldOwner, newOwner, call.NowMilliseconds));
    }

    public static void Search(ImCall call)
    {
        // spec group_search/search (269/114549): group names match fuzzily, GroupIDs exactly; KeywordMatchType 1 = and,
        // 0 = or; the answer is IsFinish, TotalCount, Groups[GroupSearchResultItem] and Cursor. The spec's request
        // limits (Keywords 1..5, Count 1..100, required Count) are checked by SpecValidation before this runs.
        var keywords = call.OptionalStrings("Keywords");
        var types = call.OptionalStrings("GroupType");
        var matchAll = IsAndMatch(call);
        var hits = call.State.Groups.All
            .Where(g => (types.Count == 0 || types.Contains(g.Type)) && Matches(keywords, matchAll, k => g.Name.Contains(k, StringComparison.OrdinalIgnoreCase) || g.Id == k))
            .ToList();
        var w = call.Writer;
        var page = SearchPage(call, hits.Count, out var start);
        w.WriteStartArray("Groups");
        foreach (var g in hits.Skip(start).Take(page))
        {
            w.WriteStartObject();
            w.WriteString("GroupType", g.Type);
            w.WriteString("GroupID", g.Id);
            w.WriteString("GroupName", g.Name);
            w.WriteNumber("GroupMemberNum", g.Members.Count);
            w.WriteString("GroupFaceUrl", g.FaceUrl);
            w.WriteString("GroupIntroduction", g.Introduction);
            w.WriteString("GroupOwnerUserID", g.Owner ?? string.Empty);
            var ownerAccount = g.Owner is { } owner ? call.State.FindAccount(owner) : null;
            if (ownerAccount is not null)
            {
                // Tencent's internal numeric user ID; the emulator's stand-in is the account's fixed TinyId (State/Account.cs).
                w.WriteNumber("GroupOwnerTinyID", ownerAccount.TinyId);
            }

            w.WriteString("GroupOwnerUserName", ownerAccount?.Nick ?? string.Empty);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteSearchEnd(call, hits.Count, start, page);
    }

    public static void SearchMembers(ImCall call)
    {
        // spec group_member_search/search (269/114548): name card and nickname match fuzzily, the UserID exactly;
        // GroupType and GroupIdList narrow the groups; the answer is IsFinish, TotalCount,
        // GroupMembers[GroupMemberSearchResultItem] and Cursor.
        var keywords = call.OptionalStrings("Keywords");
        var types = call.OptionalStrings("GroupType");
        var ids = call.OptionalStrings("GroupIdList");
        var matchAll = IsAndMatch(call);
        var hits = new List<(Group Group, GroupMember Member, string Nick)>();
        foreach (var g in call.State.Groups.All)
        {
            if ((types.Count != 0 && !types.Contains(g.Type)) || (ids.Count != 0 && !ids.Contains(g.Id)))
            {
                continue;
            }

            foreach (var m in g.Members)
            {
                var nick = call.State.FindAccount(m.UserId)?.Nick ?? string.Empty;
                if (Matches(keywords, matchAll, k => m.UserId == k || m.NameCard.Contains(k, StringComparison.OrdinalIgnoreCase) || nick.Contains(k, StringComparison.OrdinalIgnoreCase)))
                {
                    hits.Add((g, m, nick));
                }
            }
        }

        var w = call.Writer;
        var page = SearchPage(call, hits.Count, out var start);
        w.WriteStartArray("GroupMembers");
        foreach (var (g, m, nick) in hits.Skip(start).Take(page))
        {
            w.WriteStartObject();
            w.WriteString("GroupType", g.Type);
            w.WriteString("GroupID", g.Id);
            w.WriteString("GroupName", g.Name);
            w.WriteString("GroupMemberUserID", m.UserId);

            if (call.State.FindAccount(m.UserId) is { } memberAccount)
            {
                // Tencent's internal numeric user ID; the emulator's stand-in is the account's fixed TinyId (State/Account.cs).
                w.WriteNumber("GroupMemberTinyID", memberAccount.TinyId);
            }

            w.WriteString("GroupMemberUserName", nick);
            w.WriteString("GroupMemberNameCard", m.NameCard);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteSearchEnd(call, hits.Count, start, page);
    }

    // Both search pages: KeywordMatchType is an integer on the pages, 1 = and, anything else (0, absent) = or.
    private static bool IsAndMatch(ImCall call) => call.OptionalInt64("KeywordMatchType") == 1;

    private static bool Matches(List<string> keywords, bool matchAll, Func<string, bool> hit) =>
        matchAll ? keywords.All(hit) : keywords.Any(hit);

    // The emulator's Cursor is the decimal index of the next hit (Tencent's is opaque; callers only pass it back).
    private static int SearchPage(ImCall call, int total, out int start)
    {
        var cursor = call.OptionalString("Cursor");
        start = 0;
        if (!string.IsNullOrEmpty(cursor) && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > total))
        {
            throw call.Invalid("Cursor", "is not a cursor this search returned");
        }

        // Count is required and at most 100 by the spec, checked by SpecValidation before the handler runs.
        return (int)call.RequiredInt64("Count");
    }

    private static void WriteSearchEnd(ImCall call, int total, int start, int page)
    {
        var next = start + page;
        var finished = next >= total;
        call.Writer.WriteBoolean("IsFinish", finished);
        call.Writer.WriteNumber("TotalCount", total);
        call.Writer.WriteString("Cursor", finished ? string.Empty : next.ToString(CultureInfo.InvariantCulture));
    }

    private static void CreateOrImport(ImCall call, bool import)
    {
        var type = ReadType(call);
        var name = call.RequiredString("Name");
        var owner = call.OptionalString("Owner_Account");
        if (owner is not null)
        {
            RequireAccount(call, owner, "Owner_Account");
        }

        var supportTopic = (call.OptionalInt64("SupportTopic") ?? 0) == 1;
        if (supportTopic && type != "Community")
        {
            throw call.Invalid("SupportTopic", "topics are for Community groups only");
        }

        var groups = call.State.Groups;
        var id = call.OptionalString("GroupId");
        if (id is null)
        {
            id = groups.NewId(type);
        }
        else
        {
            // spec create_group GroupId: custom IDs must not start with @TGS#, except Community IDs which must start with @TGS#_.
            var community = id.StartsWith("@TGS#_", StringComparison.Ordinal);
            if (type == "Community" ? !community : id.StartsWith("@TGS#", StringComparison.Ordinal))
            {
                throw new ImCallException(EmulatorErrorCodes.GroupInvalidId, "GroupId: " + (type == "Community" ? "a Community group's custom ID must start with @TGS#_" : "a custom ID must not start with @TGS#"));
            }

            if (groups.Exists(id))
            {
                throw new ImCallException(EmulatorErrorCodes.GroupIdInUse, "GroupId: '" + id + "' is already used");
            }
        }

        var members = import ? new List<JsonElement>() : call.OptionalArray("MemberList");
        if (members.Count > 0 && type == "AVChatRoom")
        {
            // spec create_group: an AVChatRoom cannot be created with members (10007).
            throw new ImCallException(EmulatorErrorCodes.GroupNoPermission, "MemberList: an AVChatRoom cannot be created with members");
        }

        var maxMembers = (int)(call.OptionalInt64("MaxMemberCount") ?? 0);
        if (maxMembers > 0 && members.Count + (owner is null ? 0 : 1) > maxMembers)
        {
            throw new ImCallException(EmulatorErrorCodes.GroupFull, "MemberList: more members than MaxMemberCount");
        }

        var createTime = import ? call.OptionalInt64("CreateTime") ?? call.NowSeconds : call.NowSeconds;
        if (createTime > call.NowSeconds)
        {
            throw call.Invalid("CreateTime", "must not be in the future");
        }

        var group = new Group(id, type, name, createTime)
        {
            Owner = owner,
            MaxMemberNum = maxMembers,
            SupportTopic = supportTopic,
        };
        group.Introduction = call.OptionalString("Introduction") ?? string.Empty;
        group.Notification = call.OptionalString("Notification") ?? string.Empty;
        group.FaceUrl = call.OptionalString("FaceUrl") ?? string.Empty;

        // spec create_group ApplyJoinOption: not for Private (Work) groups, which only take invitations.
        group.ApplyJoinOption = type == "Private" ? "DisableApply" : ReadEnum(call, "ApplyJoinOption", "FreeAccess", "NeedPermission", "DisableApply") ?? (type == "ChatRoom" || type == "AVChatRoom" ? "FreeAccess" : "NeedPermission");
        group.InviteJoinOption = ReadEnum(call, "InviteJoinOption", "FreeAccess", "NeedPermission", "DisableInvite") ?? "FreeAccess";
        ReadDefinedData(call, call.Body, "AppDefinedData", group.AppDefinedData);

        // Members are checked before anything is stored, so a refused call leaves no half-made group.
        var pending = new List<(string User, string Role, JsonElement Item)>();
        for (var i = 0; i < members.Count; i++)
        {
            var path = "MemberList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var user = call.RequiredString(members[i], "Member_Account", path + ".Member_Account", userId: true);
            RequireAccount(call, user, path + ".Member_Account");
            var role = call.OptionalString(members[i], "Role", path + ".Role") ?? Member;
            if (role != Admin && role != Member)
            {
                throw call.Invalid(path + ".Role", "must be Admin or Member");
            }

            if (!string.Equals(user, owner, StringComparison.Ordinal) && pending.All(p => p.User != user))
            {
                pending.Add((user, role, members[i]));
            }
        }

        if (owner is not null && type != "AVChatRoom")
        {
            group.AddMember(owner, Owner, createTime);
        }

        foreach (var (user, role, item) in pending)
        {
            var member = group.AddMember(user, role, createTime);
            ReadDefinedData(call, item, "AppMemberDefinedData", member.AppDefinedData);
        }

        groups.Add(group);
        call.Writer.WriteString("GroupId", id);
        if (!import)
        {
            call.RaiseCallback(() => Callbacks.GroupCallbacks.AfterCreate(group.Id, group.Type, call.Identifier, group.Owner, group.Name, group.Members.Select(m => m.UserId), call.NowMilliseconds));
        }
    }
}
