using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>sns/* friend, blocklist and friend-list endpoints.</summary>
internal static class RelationHandlers
{
    private const int NotFriends = 31704;
    private const int BlockedByPeer = 30525;
    private const int PeerDeniesAll = 30516;
    private const int PendingConfirmation = 30539;
    private const int PageSize = 100;

    public static void Add(ImCall call)
    {
        var owner = Owner(call);
        var items = call.RequiredArray("AddFriendItem", 1, 100);
        var both = !string.Equals(call.OptionalString("AddType"), "Add_Type_Single", StringComparison.Ordinal);
        var force = call.OptionalInt64("ForceAddFlags") == 1;
        var failed = new List<string>();
        var added = new List<(string From, string To)>();
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "AddFriendItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var peer = call.RequiredString(items[i], "To_Account", path + ".To_Account", userId: true);
            var source = call.RequiredString(items[i], "AddSource", path + ".AddSource");
            if (!source.StartsWith("AddSource_Type_", StringComparison.Ordinal))
            {
                throw call.Invalid(path + ".AddSource", "must start with AddSource_Type_");
            }

            var code = 0;
            var peerAccount = call.State.FindAccount(peer);
            if (peerAccount is null)
            {
                code = EmulatorErrorCodes.RelationAccountNotFound;
            }
            else if (call.State.Relations.IsBlocked(peer, owner))
            {
                code = BlockedByPeer;
            }
            else if (!force && peerAccount.ProfileString(ProfileTags.AllowType) is { } allow)
            {
                code = allow switch
                {
                    "AllowType_Type_DenyAny" => PeerDeniesAll,
                    "AllowType_Type_NeedConfirm" => PendingConfirmation,
                    _ => 0,
                };
            }

            if (code == 0)
            {
                AddFriend(call, owner, peer, source, call.OptionalString(items[i], "Remark", path + ".Remark"), call.OptionalString(items[i], "GroupName", path + ".GroupName"));
                added.Add((owner, peer));
                if (both)
                {
                    AddFriend(call, peer, owner, source, null, null);
                    added.Add((peer, owner));
                }
            }
            else if (code == EmulatorErrorCodes.RelationAccountNotFound)
            {
                failed.Add(peer);
            }

            WriteResult(call, peer, code);
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
        if (added.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.EventCallbacks.FriendAdd(added, owner, call.Identifier, force));
        }
    }

    public static void Import(ImCall call)
    {
        var owner = Owner(call);
        var items = call.RequiredArray("AddFriendItem", 1, 100);
        var failed = new List<string>();
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "AddFriendItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var peer = call.RequiredString(items[i], "To_Account", path + ".To_Account", userId: true);
            var source = call.RequiredString(items[i], "AddSource", path + ".AddSource");
            if (call.State.FindAccount(peer) is null)
            {
                failed.Add(peer);
                WriteResult(call, peer, EmulatorErrorCodes.RelationAccountNotFound);
                continue;
            }

            var friend = AddFriend(call, owner, peer, source, call.OptionalString(items[i], "Remark", path + ".Remark"), null);
            foreach (var group in call.OptionalArray(items[i], "GroupName", path + ".GroupName"))
            {
                if (group.ValueKind == JsonValueKind.String)
                {
                    EnsureGroup(call, owner, group.GetString()!);
                    friend.Groups.Add(group.GetString()!);
                }
            }

            WriteResult(call, peer, 0);
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
    }

    public static void Update(ImCall call)
    {
        var owner = Owner(call);
        var items = call.RequiredArray("UpdateItem", 1, 100);
        var friends = call.State.Relations.FriendsOf(owner);
        var failed = new List<string>();
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "UpdateItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var peer = call.RequiredString(items[i], "To_Account", path + ".To_Account", userId: true);
            if (!friends.TryGetValue(peer, out var friend))
            {
                failed.Add(peer);
                WriteResult(call, peer, NotFriends);
                continue;
            }

            var sns = call.RequiredArray(items[i], "SnsItem", path + ".SnsItem");
            for (var j = 0; j < sns.Count; j++)
            {
                var itemPath = path + ".SnsItem[" + j.ToString(CultureInfo.InvariantCulture) + "]";
                var tag = call.RequiredString(sns[j], "Tag", itemPath + ".Tag");
                sns[j].TryGetProperty("Value", out var value);
                switch (tag)
                {
                    case "Tag_SNS_IM_Remark":
                        friend.Remark = value.ValueKind == JsonValueKind.String ? value.GetString() : throw call.Invalid(itemPath + ".Value", "a string remark");
                        break;
                    case "Tag_SNS_IM_Group":
                        friend.Groups.Clear();
                        if (value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var group in value.EnumerateArray())
                            {
                                EnsureGroup(call, owner, group.GetString() ?? string.Empty);
                                friend.Groups.Add(group.GetString() ?? string.Empty);
                            }
                        }

                        break;
                    default:
                        if (!tag.StartsWith("Tag_SNS_Custom_", StringComparison.Ordinal))
                        {
                            throw call.Invalid(itemPath + ".Tag", "must be Tag_SNS_IM_Remark, Tag_SNS_IM_Group or Tag_SNS_Custom_*");
                        }

                        break;
                }
            }

            call.State.Relations.Bump(owner);
            WriteResult(call, peer, 0);
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
    }

    public static void Delete(ImCall call)
    {
        var owner = Owner(call);
        var peers = call.RequiredUserIds("To_Account", 1000);
        var both = !string.Equals(call.OptionalString("DeleteType"), "Delete_Type_Single", StringComparison.Ordinal);
        call.Writer.WriteStartArray("ResultItem");
        var deleted = new List<(string From, string To)>();
        foreach (var peer in peers)
        {
            var removed = call.State.Relations.FriendsOf(owner).Remove(peer);
            if (removed)
            {
                deleted.Add((owner, peer));
            }

            if (both && call.State.Relations.FriendsOf(peer).Remove(owner))
            {
                deleted.Add((peer, owner));
            }

            call.State.Relations.Bump(owner);
            WriteResult(call, peer, removed ? 0 : NotFriends);
        }

        call.Writer.WriteEndArray();
        if (deleted.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.EventCallbacks.FriendDelete(deleted));
        }
    }

    public static void DeleteAll(ImCall call)
    {
        var owner = Owner(call);
        var both = !string.Equals(call.OptionalString("DeleteType"), "Delete_Type_Single", StringComparison.Ordinal);
        var friends = call.State.Relations.FriendsOf(owner);
        var deleted = friends.Keys.Select(peer => (From: owner, To: peer)).ToList();
        if (both)
        {
            foreach (var peer in friends.Keys)
            {
                if (call.State.Relations.FriendsOf(peer).Remove(owner))
                {
                    deleted.Add((peer, owner));
                }
            }
        }

        friends.Clear();
        if (deleted.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.EventCallbacks.FriendDelete(deleted));
        }
        call.State.Relations.Bump(owner);
    }

    public static void Check(ImCall call)
        => WriteRelationCheck(call, "CheckResult_Type_", "InfoItem", "NoRelation", call.State.Relations.IsFriend);

    public static void Get(ImCall call)
    {
        var owner = Owner(call);
        var start = (int)Math.Max(0, call.RequiredInt64("StartIndex"));
        var friends = call.State.Relations.FriendsOf(owner).Values.OrderBy(f => f.AddTime).ThenBy(f => f.Peer, StringComparer.Ordinal).ToList();
        var page = friends.Skip(start).Take(PageSize).ToList();
        call.Writer.WriteStartArray("UserDataItem");
        foreach (var friend in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", friend.Peer);
            call.Writer.WriteStartArray("ValueItem");
            WriteSnsTags(call.Writer, friend, null);
            call.Writer.WriteEndArray();
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        var sequence = call.State.Relations.Sequence(owner);
        call.Writer.WriteNumber("StandardSequence", sequence);
        call.Writer.WriteNumber("CustomSequence", sequence);
        call.Writer.WriteNumber("FriendNum", friends.Count);
        var complete = start + page.Count >= friends.Count;
        call.Writer.WriteNumber("CompleteFlag", complete ? 1 : 0);
        call.Writer.WriteNumber("NextStartIndex", complete ? 0 : start + page.Count);
    }

    public static void GetSpecified(ImCall call)
    {
        var owner = Owner(call);
        var peers = call.RequiredUserIds("To_Account", 100);
        var tags = call.OptionalStrings("TagList");
        if (tags.Count == 0)
        {
            throw call.Invalid("TagList", "needs at least one tag");
        }

        var failed = new List<string>();
        var friends = call.State.Relations.FriendsOf(owner);
        call.Writer.WriteStartArray("InfoItem");
        foreach (var peer in peers)
        {
            var account = call.State.FindAccount(peer);
            if (account is null)
            {
                failed.Add(peer);
                continue;
            }

            friends.TryGetValue(peer, out var friend);
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", peer);
            call.Writer.WriteStartArray("SnsProfileItem");
            if (friend is not null)
            {
                WriteSnsTags(call.Writer, friend, tags);
            }

            foreach (var tag in tags)
            {
                if (account.Profile.TryGetValue(tag, out var raw))
                {
                    call.Writer.WriteStartObject();
                    call.Writer.WriteString("Tag", tag);
                    call.Writer.WritePropertyName("Value");
                    Json.WriteRaw(call.Writer, raw);
                    call.Writer.WriteEndObject();
                }
            }

            call.Writer.WriteEndArray();
            call.Writer.WriteNumber("ResultCode", friend is null ? NotFriends : 0);
            call.Writer.WriteString("ResultInfo", friend is null ? "not a friend" : string.Empty);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
    }

    public static void BlockAdd(ImCall call)
    {
        var owner = Owner(call);
        var peers = call.RequiredUserIds("To_Account", 1000);
        var failed = new List<string>();
        var blocked = new List<(string From, string To)>();
        call.Writer.WriteStartArray("ResultItem");
        foreach (var peer in peers)
        {
            if (call.State.FindAccount(peer) is null)
            {
                failed.Add(peer);
                WriteResult(call, peer, EmulatorErrorCodes.RelationAccountNotFound);
                continue;
            }

            if (call.State.Relations.BlockedBy(owner).TryAdd(peer, call.NowSeconds))
            {
                blocked.Add((owner, peer));
            }

            call.State.Relations.Bump(owner);
            WriteResult(call, peer, 0);
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
        if (blocked.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.EventCallbacks.BlockAdd(blocked));
        }
    }

    public static void BlockDelete(ImCall call)
    {
        var owner = Owner(call);
        var peers = call.RequiredUserIds("To_Account", 1000);
        call.Writer.WriteStartArray("ResultItem");
        var unblocked = new List<(string From, string To)>();
        foreach (var peer in peers)
        {
            if (call.State.Relations.BlockedBy(owner).Remove(peer))
            {
                unblocked.Add((owner, peer));
            }

            call.State.Relations.Bump(owner);
            WriteResult(call, peer, 0);
        }

        call.Writer.WriteEndArray();
        if (unblocked.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.EventCallbacks.BlockDelete(unblocked));
        }
        call.WriteStrings("Fail_Account", Array.Empty<string>());
    }

    public static void BlockGet(ImCall call)
    {
        var owner = Owner(call);
        var start = (int)Math.Max(0, call.RequiredInt64("StartIndex"));
        var limit = (int)Math.Clamp(call.RequiredInt64("MaxLimited"), 1, 1000);
        call.RequiredInt64("LastSequence");
        var blocked = call.State.Relations.BlockedBy(owner).OrderBy(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();
        var page = blocked.Skip(start).Take(limit).ToList();
        call.Writer.WriteStartArray("BlackListItem");
        foreach (var (peer, time) in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", peer);
            call.Writer.WriteNumber("AddBlackTimeStamp", time);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();

        // StartIndex 0 in the answer means "nothing more".
        call.Writer.WriteNumber("StartIndex", start + page.Count >= blocked.Count ? 0 : start + page.Count);
        call.Writer.WriteNumber("CurruentSequence", call.State.Relations.Sequence(owner));
    }

    public static void BlockCheck(ImCall call)
        => WriteRelationCheck(call, "BlackCheckResult_Type_", "BlackListCheckItem", "NO", call.State.Relations.IsBlocked);

    // Friend and blocklist checks answer alike: one item per peer with the relation seen from each side.
    private static void WriteRelationCheck(ImCall call, string prefix, string arrayName, string noRelation, Func<string, string, bool> related)
    {
        var owner = Owner(call);
        var peers = call.RequiredUserIds("To_Account", 1000);
        var type = CheckType(call, prefix);
        call.Writer.WriteStartArray(arrayName);
        foreach (var peer in peers)
        {
            var a = related(owner, peer);
            var b = type == "Both" && related(peer, owner);
            var relation = prefix + (a, b) switch
            {
                (true, true) => "BothWay",
                (true, false) => "AWithB",
                (false, true) => "BWithA",
                _ => noRelation,
            };
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", peer);
            call.Writer.WriteString("Relation", relation);
            call.Writer.WriteNumber("ResultCode", 0);
            call.Writer.WriteString("ResultInfo", string.Empty);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", Array.Empty<string>());
    }

    public static void GroupAdd(ImCall call)
    {
        var owner = Owner(call);
        var names = call.OptionalStrings("GroupName");
        if (names.Count == 0)
        {
            throw call.Invalid("GroupName", "needs at least one name");
        }

        foreach (var name in names)
        {
            EnsureGroup(call, owner, name);
        }

        var peers = call.OptionalStrings("To_Account");
        var failed = new List<string>();
        var friends = call.State.Relations.FriendsOf(owner);
        call.Writer.WriteStartArray("ResultItem");
        foreach (var peer in peers)
        {
            if (!friends.TryGetValue(peer, out var friend))
            {
                failed.Add(peer);
                WriteResult(call, peer, NotFriends);
                continue;
            }

            foreach (var name in names)
            {
                friend.Groups.Add(name);
            }

            WriteResult(call, peer, 0);
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
        call.Writer.WriteNumber("CurrentSequence", call.State.Relations.Bump(owner));
    }

    public static void GroupDelete(ImCall call)
    {
        var owner = Owner(call);
        var names = call.OptionalStrings("GroupName");
        if (names.Count == 0)
        {
            throw call.Invalid("GroupName", "needs at least one name");
        }

        var groups = call.State.Relations.GroupsOf(owner);
        foreach (var name in names)
        {
            groups.Remove(name);
            foreach (var friend in call.State.Relations.FriendsOf(owner).Values)
            {
                friend.Groups.Remove(name);
            }
        }

        call.Writer.WriteNumber("CurrentSequence", call.State.Relations.Bump(owner));
    }

    public static void GroupGet(ImCall call)
    {
        var owner = Owner(call);
        var needFriends = string.Equals(call.OptionalString("NeedFriend"), "Need_Friend_Type_Yes", StringComparison.Ordinal);
        var wanted = call.OptionalStrings("GroupName");
        var friends = call.State.Relations.FriendsOf(owner).Values.ToList();
        call.Writer.WriteStartArray("ResultItem");
        foreach (var name in call.State.Relations.GroupsOf(owner))
        {
            if (wanted.Count > 0 && !wanted.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var members = friends.Where(f => f.Groups.Contains(name)).Select(f => f.Peer).ToList();
            call.Writer.WriteStartObject();
            call.Writer.WriteString("GroupName", name);
            call.Writer.WriteNumber("FriendNumber", members.Count);
            if (needFriends)
            {
                call.WriteStrings("To_Account", members);
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteNumber("CurrentSequence", call.State.Relations.Sequence(owner));
    }

    private static string Owner(ImCall call)
    {
        var owner = call.RequiredString("From_Account", userId: true);
        call.RequireAccount(owner, EmulatorErrorCodes.RelationAccountNotFound, "From_Account");
        return owner;
    }

    private static string CheckType(ImCall call, string prefix)
    {
        var type = call.RequiredString("CheckType");
        if (string.Equals(type, prefix + "Both", StringComparison.Ordinal))
        {
            return "Both";
        }

        if (string.Equals(type, prefix + "Single", StringComparison.Ordinal))
        {
            return "Single";
        }

        throw call.Invalid("CheckType", "must be " + prefix + "Both or " + prefix + "Single");
    }

    private static Friend AddFriend(ImCall call, string owner, string peer, string source, string? remark, string? group)
    {
        var friends = call.State.Relations.FriendsOf(owner);
        if (!friends.TryGetValue(peer, out var friend))
        {
            friend = new Friend(peer, call.NowSeconds) { AddSource = source };
            friends[peer] = friend;
        }

        if (remark is not null)
        {
            friend.Remark = remark;
        }

        if (!string.IsNullOrEmpty(group))
        {
            EnsureGroup(call, owner, group);
            friend.Groups.Add(group);
        }

        call.State.Relations.Bump(owner);
        return friend;
    }

    private static void EnsureGroup(ImCall call, string owner, string name)
    {
        var groups = call.State.Relations.GroupsOf(owner);
        if (!groups.Contains(name, StringComparer.Ordinal))
        {
            groups.Add(name);
        }
    }

    private static void WriteSnsTags(Utf8JsonWriter writer, Friend friend, IList<string>? only)
    {
        void Tag(string tag, Action<Utf8JsonWriter> value)
        {
            if (only is not null && !only.Contains(tag))
            {
                return;
            }

            writer.WriteStartObject();
            writer.WriteString("Tag", tag);
            writer.WritePropertyName("Value");
            value(writer);
            writer.WriteEndObject();
        }

        Tag("Tag_SNS_IM_AddSource", w => w.WriteStringValue(friend.AddSource ?? string.Empty));
        Tag("Tag_SNS_IM_AddTime", w => w.WriteNumberValue(friend.AddTime));
        Tag("Tag_SNS_IM_Remark", w => w.WriteStringValue(friend.Remark ?? string.Empty));
        Tag("Tag_SNS_IM_Group", w =>
        {
            w.WriteStartArray();
            foreach (var group in friend.Groups)
            {
                w.WriteStringValue(group);
            }

            w.WriteEndArray();
        });
    }

    private static void WriteResult(ImCall call, string peer, int code)
    {
        call.Writer.WriteStartObject();
        call.Writer.WriteString("To_Account", peer);
        call.Writer.WriteNumber("ResultCode", code);
        call.Writer.WriteString("ResultInfo", code == 0 ? string.Empty : "failed with " + code.ToString(CultureInfo.InvariantCulture));
        call.Writer.WriteEndObject();
    }
}
