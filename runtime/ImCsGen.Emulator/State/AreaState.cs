using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.State;

/// <summary>One all-member push as recorded (readable through the control API).</summary>
public sealed class RecordedPush
{
    internal RecordedPush(string taskId, string from, uint random, long time, string msgBodyJson, string? conditionJson, long lifeTime, IReadOnlyList<string> recipients)
    {
        TaskId = taskId;
        From = from;
        MsgRandom = random;
        Time = time;
        MsgBodyJson = msgBodyJson;
        ConditionJson = conditionJson;
        MsgLifeTime = lifeTime;
        Recipients = recipients;
    }

    /// <summary>The task ID answered to the caller.</summary>
    public string TaskId { get; }

    /// <summary>The sender (the administrator when none was named).</summary>
    public string From { get; }

    /// <summary>The MsgRandom of the call.</summary>
    public uint MsgRandom { get; }

    /// <summary>Unix seconds.</summary>
    public long Time { get; }

    /// <summary>The MsgBody array as JSON.</summary>
    public string MsgBodyJson { get; }

    /// <summary>The Condition object as JSON (null: every user).</summary>
    public string? ConditionJson { get; }

    /// <summary>Offline storage seconds (0: online users only).</summary>
    public long MsgLifeTime { get; }

    /// <summary>The accounts the targeting selected when the push was made.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary><c>all_member_push/im_push</c> (all members, tag or attribute push) or <c>timpush/batch</c> (a list of users).</summary>
    public string Kind { get; internal init; } = "all_member_push";

    /// <summary>The OfflinePushInfo object as JSON (null when the call had none).</summary>
    public string? OfflinePushInfoJson { get; internal init; }

    /// <summary>The caller's DataId (timpush/batch), passed through to the push webhooks.</summary>
    public string? DataId { get; internal init; }

    /// <summary>Set by <c>timpush/revoke</c>; a second revoke is refused (90050).</summary>
    public bool Revoked { get; internal set; }

    /// <summary>The OfflinePushInfo a revoke overwrote the delivered push with.</summary>
    public string? RevokeOfflinePushInfoJson { get; internal set; }
}

/// <summary>A scheduled push task (<c>timpush/add_sched_task</c>); the emulator keeps it pending, it never runs.</summary>
public sealed class ScheduledPush
{
    internal ScheduledPush(long taskId, string createAt, string type, string schedAt, string? contentJson)
    {
        TaskId = taskId;
        CreateAt = createAt;
        Type = type;
        SchedAt = schedAt;
        ContentJson = contentJson;
    }

    /// <summary>The task ID answered at creation.</summary>
    public long TaskId { get; }

    /// <summary>Creation time, YYYY-MM-DD HH:MM:SS (UTC).</summary>
    public string CreateAt { get; }

    /// <summary>All, Tag or User (cannot change).</summary>
    public string Type { get; }

    /// <summary>When the push is scheduled, YYYY-MM-DD HH:MM:SS (UTC).</summary>
    public string SchedAt { get; internal set; }

    /// <summary>The content as sent (raw JSON), or null.</summary>
    public string? ContentJson { get; internal set; }
}

/// <summary>A permission group of a Community group (set up through the control API: Tencent creates them from clients).</summary>
public sealed class PermissionGroup
{
    /// <summary>Members of the permission group.</summary>
    public List<string> Members { get; } = new();

    /// <summary>Topic ID → permission bits.</summary>
    public SortedDictionary<string, long> TopicPermissions { get; } = new(StringComparer.Ordinal);

    /// <summary>The permission group's name (modify_permission_group PermissionGroupName).</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>The group-level permissions it grants, as Tencent encodes them (modify_permission_group Permission).</summary>
    public long Permission { get; internal set; }

    /// <summary>The app's custom field (modify_permission_group CustomString).</summary>
    public string CustomString { get; internal set; } = string.Empty;
}

/// <summary>An official account and its subscribers and messages.</summary>
public sealed class OfficialAccount
{
    internal OfficialAccount(string id, string owner, string name, long createTime)
    {
        Id = id;
        Owner = owner;
        Name = name;
        CreateTime = createTime;
    }

    /// <summary>The official account's UserID.</summary>
    public string Id { get; }

    /// <summary>The owner.</summary>
    public string Owner { get; }

    /// <summary>The name.</summary>
    public string Name { get; internal set; }

    internal string Introduction { get; set; } = string.Empty;

    internal string FaceUrl { get; set; } = string.Empty;

    internal string Organization { get; set; } = string.Empty;

    internal string CustomString { get; set; } = string.Empty;

    internal long MaxSubscriberNum { get; set; } = 100000;

    /// <summary>Unix seconds.</summary>
    public long CreateTime { get; }

    /// <summary>Subscribers in subscription order: UserID → (time, custom string).</summary>
    internal List<OfficialAccountSubscriber> Subscribers { get; } = new();

    /// <summary>Messages, oldest first; MsgSeq starts at 1.</summary>
    public List<GroupMessage> Messages { get; } = new();

    internal OfficialAccountSubscriber? FindSubscriber(string userId) => Subscribers.Find(s => string.Equals(s.UserId, userId, StringComparison.Ordinal));
}

/// <summary>A subscriber of an official account.</summary>
public sealed class OfficialAccountSubscriber
{
    internal OfficialAccountSubscriber(string userId, long time)
    {
        UserId = userId;
        SubscribeTime = time;
    }

    /// <summary>The subscriber.</summary>
    public string UserId { get; }

    /// <summary>Unix seconds.</summary>
    public long SubscribeTime { get; }

    internal string CustomString { get; set; } = string.Empty;
}

/// <summary>A chatbot's streaming message being built by <c>send_stream_msg</c>.</summary>
public sealed class StreamingMessage
{
    internal StreamingMessage(string key, string from, string to)
    {
        MsgKey = key;
        From = from;
        To = to;
    }

    /// <summary>The key the first call returned.</summary>
    public string MsgKey { get; }

    /// <summary>The chatbot.</summary>
    public string From { get; }

    /// <summary>The recipient.</summary>
    public string To { get; }

    /// <summary>The chunks in order.</summary>
    public List<string> Chunks { get; } = new();

    /// <summary>Set by the call with <c>Finish</c> 1; later chunks are refused.</summary>
    public bool Finished { get; internal set; }
}

/// <summary>
/// State of the smaller areas: all-member push and its attributes/tags, global mute, official accounts, follows,
/// chatbots, live-group broadcasts, group notifications and permission groups.
/// </summary>
public sealed class AreaState
{
    /// <summary>Pushes in call order.</summary>
    public List<RecordedPush> Pushes { get; } = new();

    /// <summary>App push attribute names: number ("0".."9") → name.</summary>
    public SortedDictionary<string, string> AttributeNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Push attributes per user: name → value.</summary>
    public Dictionary<string, SortedDictionary<string, string>> UserAttributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Push tags per user.</summary>
    public Dictionary<string, SortedSet<string>> UserTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Global mute ends (Unix seconds; long.MaxValue: for good) per user: (C2C, group).</summary>
    public Dictionary<string, (long C2CUntil, long GroupUntil)> GlobalMute { get; } = new(StringComparer.Ordinal);

    /// <summary>Official accounts by UserID.</summary>
    public Dictionary<string, OfficialAccount> OfficialAccounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Follow relations: follower → (followed → time).</summary>
    public Dictionary<string, Dictionary<string, long>> Following { get; } = new(StringComparer.Ordinal);

    /// <summary>Chatbots by UserID (in creation order).</summary>
    public List<string> Chatbots { get; } = new();

    /// <summary>Streaming chatbot messages by MsgKey.</summary>
    public Dictionary<string, StreamingMessage> StreamingMessages { get; } = new(StringComparer.Ordinal);

    /// <summary>Live-group broadcasts (<c>send_broadcast_msg</c>), with their own MsgSeq.</summary>
    public GroupMessageStream Broadcasts { get; } = new();

    /// <summary>Group system notifications: (GroupId, notification).</summary>
    public List<(string GroupId, GroupMessage Notification)> GroupNotifications { get; } = new();

    /// <summary>Permission groups by (GroupId, PermissionGroupId).</summary>
    public Dictionary<(string GroupId, string PermissionGroupId), PermissionGroup> PermissionGroups { get; } = new();

    /// <summary>Cloud moderation: keyword libraries, rules and the calls made.</summary>
    public AuditState Audit { get; } = new();

    /// <summary>Scheduled push tasks in creation order.</summary>
    public List<ScheduledPush> ScheduledPushes { get; } = new();

    internal long NextTaskId { get; set; } = 1;

    internal long NextOfficialAccountId { get; set; } = 1;

    /// <summary>Whether <paramref name="userId"/> may not send group messages at <paramref name="now"/> (global mute).</summary>
    public bool IsGroupMuted(string userId, long now) => GlobalMute.TryGetValue(userId, out var m) && m.GroupUntil > now;

    /// <summary>Whether <paramref name="userId"/> may not send one-to-one messages at <paramref name="now"/> (global mute).</summary>
    public bool IsC2CMuted(string userId, long now) => GlobalMute.TryGetValue(userId, out var m) && m.C2CUntil > now;
}
