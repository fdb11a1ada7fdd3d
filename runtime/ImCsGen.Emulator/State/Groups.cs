using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator.State;

/// <summary>A group member (Tencent's <c>GroupMemberInfo</c>).</summary>
public sealed class GroupMember
{
    internal GroupMember(string userId, string role, long joinTime)
    {
        UserId = userId;
        Role = role;
        JoinTime = joinTime;
    }

    /// <summary>The member's UserID.</summary>
    public string UserId { get; }

    /// <summary><c>Owner</c>, <c>Admin</c> or <c>Member</c>.</summary>
    public string Role { get; internal set; }

    /// <summary>Unix seconds of joining.</summary>
    public long JoinTime { get; }

    /// <summary>How the member receives messages (<c>AcceptAndNotify</c> ...).</summary>
    public string MsgFlag { get; internal set; } = "AcceptAndNotify";

    /// <summary>The member's name card.</summary>
    public string NameCard { get; internal set; } = string.Empty;

    /// <summary>Unix seconds until which the member is muted (0: not muted).</summary>
    public long ShutUpUntil { get; internal set; }

    /// <summary>Unix seconds of the member's last message.</summary>
    public long LastSendMsgTime { get; internal set; }

    /// <summary>The member's unread count (set by <c>set_unread_msg_num</c>, or grown by messages of others).</summary>
    public long UnreadMsgNum { get; internal set; }

    internal Dictionary<string, string> AppDefinedData { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the member may not speak at <paramref name="now"/>.</summary>
    public bool IsMuted(long now) => ShutUpUntil > now;
}

/// <summary>A stored group (or topic) message.</summary>
public sealed class GroupMessage
{
    internal GroupMessage(uint seq, string from, uint random, long time, string msgBodyJson, string? cloudCustomData, bool system)
    {
        MsgSeq = seq;
        From = from;
        Random = random;
        Time = time;
        MsgBodyJson = msgBodyJson;
        CloudCustomData = cloudCustomData;
        IsSystem = system;
    }

    /// <summary>The message's sequence in its group (or topic): 1, 2, 3 ...</summary>
    public uint MsgSeq { get; }

    /// <summary>The sender (the administrator when the call named none).</summary>
    public string From { get; }

    /// <summary>The Random the message was sent with.</summary>
    public uint Random { get; }

    /// <summary>Unix seconds.</summary>
    public long Time { get; }

    /// <summary>The MsgBody array as JSON (system notifications: a JSON string of the content).</summary>
    public string MsgBodyJson { get; internal set; }

    /// <summary>The CloudCustomData.</summary>
    public string? CloudCustomData { get; internal set; }

    /// <summary>A group system notification (online only, never in the history).</summary>
    public bool IsSystem { get; }

    /// <summary>Recalled with <c>group_msg_recall</c>.</summary>
    public bool Recalled { get; internal set; }

    /// <summary>Removed with <c>delete_group_msg_by_sender</c> or <c>clear_group_msg</c> (a placeholder in the history).</summary>
    public bool Deleted { get; internal set; }

    /// <summary>Sent with <c>SupportMessageExtension</c> 1 (spec group_set_key_values: only such messages take extensions).</summary>
    public bool SupportsExtension { get; internal set; }

    /// <summary>Sent with <c>NeedReadReceipt</c> 1.</summary>
    public bool NeedReadReceipt { get; internal set; }

    /// <summary>Recipients of a system notification (empty: all members).</summary>
    public IReadOnlyList<string> Recipients { get; internal set; } = Array.Empty<string>();

    /// <summary>How many sends with the same Random were answered with this message.</summary>
    public int DuplicatesSuppressed { get; internal set; }

    internal HashSet<string> ReadBy { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, (string Value, long Seq)> Extensions { get; } = new(StringComparer.Ordinal);

    internal long ExtensionSeq { get; set; }
}

/// <summary>
/// The message sequence of a group or of one topic: <c>MsgSeq</c> starts at 1 and increases strictly
/// (recalled and deleted messages keep their numbers).
/// </summary>
public sealed class GroupMessageStream
{
    private readonly List<GroupMessage> _messages = new();

    /// <summary>The messages in sequence order.</summary>
    public IReadOnlyList<GroupMessage> Messages => _messages;

    /// <summary>The sequence the next message gets.</summary>
    public uint NextMsgSeq { get; private set; } = 1;

    /// <summary>Unix seconds of the newest message (0: none).</summary>
    public long LastMsgTime { get; private set; }

    internal GroupMessage Append(string from, uint random, long time, string body, string? cloudCustomData, bool system)
    {
        var message = new GroupMessage(NextMsgSeq, from, random, time, body, cloudCustomData, system);
        NextMsgSeq++;
        LastMsgTime = time;
        _messages.Add(message);
        return message;
    }

    internal GroupMessage? Find(uint seq) => seq >= 1 && seq < NextMsgSeq ? _messages[(int)(seq - 1)] : null;

    /// <summary>The newest non-system message with <paramref name="random"/> sent after <paramref name="since"/>.</summary>
    internal GroupMessage? FindRecentByRandom(uint random, long since)
    {
        for (var i = _messages.Count - 1; i >= 0 && _messages[i].Time >= since; i--)
        {
            if (!_messages[i].IsSystem && _messages[i].Random == random)
            {
                return _messages[i];
            }
        }

        return null;
    }
}

/// <summary>A topic of a Community group that supports topics.</summary>
public sealed class GroupTopic
{
    internal GroupTopic(string id, string name, long createTime)
    {
        Id = id;
        Name = name;
        CreateTime = createTime;
    }

    /// <summary><c>GroupId@TOPIC#_...</c>.</summary>
    public string Id { get; }

    /// <summary>The topic's name.</summary>
    public string Name { get; internal set; }

    /// <summary>Unix seconds.</summary>
    public long CreateTime { get; }

    internal string? Creator { get; set; }

    internal string CustomString { get; set; } = string.Empty;

    internal string FaceUrl { get; set; } = string.Empty;

    internal string Notification { get; set; } = string.Empty;

    internal string Introduction { get; set; } = string.Empty;

    internal bool MuteAll { get; set; }

    /// <summary>The topic's own message sequence.</summary>
    public GroupMessageStream Stream { get; } = new();

    internal Dictionary<string, long> MutedUntil { get; } = new(StringComparer.Ordinal);
}

/// <summary>One group with its members, messages, attributes, counters and topics.</summary>
public sealed class Group
{
    private readonly Dictionary<string, GroupMember> _members = new(StringComparer.Ordinal);
    private readonly List<GroupMember> _order = new();

    internal Group(string id, string type, string name, long createTime)
    {
        Id = id;
        Type = type;
        Name = name;
        CreateTime = createTime;
        LastInfoTime = createTime;
    }

    /// <summary>The GroupId.</summary>
    public string Id { get; }

    /// <summary><c>Private</c>, <c>Public</c>, <c>ChatRoom</c>, <c>AVChatRoom</c> or <c>Community</c>.</summary>
    public string Type { get; }

    /// <summary>The group's name.</summary>
    public string Name { get; internal set; }

    /// <summary>The owner (null: none).</summary>
    public string? Owner { get; internal set; }

    internal string Introduction { get; set; } = string.Empty;

    internal string Notification { get; set; } = string.Empty;

    internal string FaceUrl { get; set; } = string.Empty;

    /// <summary>The member limit (0: none set; the emulator then applies no limit).</summary>
    public int MaxMemberNum { get; internal set; }

    internal string ApplyJoinOption { get; set; } = "NeedPermission";

    internal string InviteJoinOption { get; set; } = "FreeAccess";

    /// <summary>Whole-group mute (<c>MuteAllMember: On</c>): only the owner and administrators speak.</summary>
    public bool MuteAll { get; internal set; }

    /// <summary>Unix seconds.</summary>
    public long CreateTime { get; }

    internal long InfoSeq { get; set; } = 1;

    internal long LastInfoTime { get; set; }

    /// <summary>Community groups created with <c>SupportTopic</c> 1.</summary>
    public bool SupportTopic { get; internal set; }

    /// <summary>The group's own message sequence.</summary>
    public GroupMessageStream Stream { get; } = new();

    /// <summary>Members in join order (AVChatRoom: the members the emulator knows about).</summary>
    public IReadOnlyList<GroupMember> Members => _order;

    internal Dictionary<string, string> AppDefinedData { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Group attribute writes per second (Tencent's 5-per-second-per-group limit, 10049).</summary>
    internal (long Second, int Count) AttributeWrites { get; set; }

    internal Dictionary<string, GroupTopic> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Banned accounts: UserID → Unix seconds of the ban's end.</summary>
    internal Dictionary<string, long> Banned { get; } = new(StringComparer.Ordinal);

    /// <summary>Mute ends kept for users who left (a mute survives leaving and rejoining).</summary>
    internal Dictionary<string, long> MuteMemory { get; } = new(StringComparer.Ordinal);

    /// <summary>AVChatRoom administrators set through <c>modify_admin</c>.</summary>
    internal SortedSet<string> LiveAdmins { get; } = new(StringComparer.Ordinal);

    /// <summary>AVChatRoom member marks.</summary>
    internal Dictionary<string, SortedSet<int>> LiveMarks { get; } = new(StringComparer.Ordinal);

    /// <summary>The member, or null.</summary>
    public GroupMember? FindMember(string userId) => _members.TryGetValue(userId, out var m) ? m : null;

    internal GroupMember AddMember(string userId, string role, long joinTime)
    {
        var member = new GroupMember(userId, role, joinTime);
        if (MuteMemory.TryGetValue(userId, out var until))
        {
            member.ShutUpUntil = until;
        }

        _members.Add(userId, member);
        _order.Add(member);
        return member;
    }

    internal bool RemoveMember(string userId)
    {
        if (!_members.Remove(userId, out var member))
        {
            return false;
        }

        _order.Remove(member);
        if (member.ShutUpUntil > 0)
        {
            MuteMemory[userId] = member.ShutUpUntil;
        }

        return true;
    }

    internal void Touch(long now)
    {
        InfoSeq++;
        LastInfoTime = now;
    }

    /// <summary>The stream of <paramref name="topicId"/> (null: the group's own).</summary>
    internal GroupMessageStream? StreamOf(string? topicId)
        => topicId is null ? Stream : Topics.TryGetValue(topicId, out var topic) ? topic.Stream : null;
}

/// <summary>All groups of the App.</summary>
public sealed class GroupStore
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<Group> _order = new();
    private long _nextId = 1;

    /// <summary>Groups in creation order.</summary>
    public IReadOnlyList<Group> All => _order;

    /// <summary>The group, or null.</summary>
    public Group? Find(string groupId) => _groups.TryGetValue(groupId, out var g) ? g : null;

    internal bool Exists(string groupId) => _groups.ContainsKey(groupId);

    /// <summary>Tencent's assigned IDs look like <c>@TGS#2...</c>; Community ones <c>@TGS#_...</c>.</summary>
    internal string NewId(string type)
    {
        string id;
        do
        {
            var n = _nextId++;
            id = (type == "Community" ? "@TGS#_" : "@TGS#2") + "EMU" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        while (_groups.ContainsKey(id));

        return id;
    }

    internal Group Add(Group group)
    {
        _groups.Add(group.Id, group);
        _order.Add(group);
        return group;
    }

    internal void Remove(Group group)
    {
        _groups.Remove(group.Id);
        _order.Remove(group);
    }

    internal IEnumerable<Group> JoinedBy(string userId) => _order.Where(g => g.FindMember(userId) is not null);
}
