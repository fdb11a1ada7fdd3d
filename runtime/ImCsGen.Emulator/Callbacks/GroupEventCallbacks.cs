using System.Collections.Generic;
using System.Linq;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Typed payloads (spec/callbacks_group.json) of the group after-events the emulator raises besides creation, joins,
/// exits, dismissal and sends (Callbacks/GroupCallbacks.cs). Each is raised by the handler of the REST call its page
/// names as a trigger ("the app admin ... through the REST API"), only when the call changed something.
/// Pages: profile changed (English text in tencentyun/qcloud-documents: name, introduction, notification and face URL
/// only), owner changed https://www.tencentcloud.com/document/product/1047/60396, member profile changed
/// https://www.tencentcloud.com/document/product/1047/60393 (role, name card), attributes changed
/// https://cloud.tencent.com/document/product/269/105354 (OptionType set / modify / clear / delete), topic profile
/// changed https://cloud.tencent.com/document/product/269/78209 (topic name, introduction, notification, face URL; the
/// page lists no TopicId), overview https://cloud.tencent.com/document/product/269/1522, group recall
/// https://cloud.tencent.com/document/product/269/73141 (2025-02-28), topic created
/// https://cloud.tencent.com/document/product/269/78207 and topics dismissed
/// https://cloud.tencent.com/document/product/269/78208 (both name the admin's REST call as a trigger; neither lists
/// EventTime, so none is sent).
/// </summary>
internal static class GroupEventCallbacks
{
    /// <summary>Group.CallbackAfterGroupInfoChanged with the fields the call set (null ones are omitted).</summary>
    public static GroupCallbackAfterGroupInfoChanged InfoChanged(string groupId, string type, string operatorAccount, string? name, string? introduction, string? notification, string? faceUrl, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        Name = name,
        Introduction = introduction,
        Notification = notification,
        FaceUrl = faceUrl,
        EventTime = eventTimeMs,
    };

    /// <summary>
    /// Group.CallbackAfterGroupFull: add_group_member filled the group, or failed because it was full
    /// (https://cloud.tencent.com/document/product/269/1669 names the REST call as a trigger and both moments).
    /// </summary>
    public static GroupCallbackAfterGroupFull GroupFull(string groupId, long eventTimeMs) => new()
    {
        GroupId = groupId,
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterChangeGroupOwner.</summary>
    public static GroupCallbackAfterChangeGroupOwner OwnerChanged(string groupId, string type, string operatorAccount, string? oldOwner, string newOwner, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        OldOwnerAccount = oldOwner,
        NewOwnerAccount = newOwner,
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterMemberFieldChanged with the role and/or name card the call set.</summary>
    public static GroupCallbackAfterMemberFieldChanged MemberFieldChanged(string groupId, string type, string operatorAccount, string member, string? role, string? nameCard, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        ModifiedAccount = member,
        Role = role,
        NameCard = nameCard,
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterGroupAttrChanged; <paramref name="option"/> is set, modify, clear or delete.</summary>
    public static GroupCallbackAfterGroupAttrChanged AttributesChanged(string groupId, string type, string operatorAccount, string option, IEnumerable<(string Key, string Value)> attributes, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        OptionType = option,
        GroupAttr = attributes.Select(a => new CallbackGroupAttr { Key = a.Key, Value = a.Value }).ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterRecallMsg with the sequence numbers actually recalled.</summary>
    public static GroupCallbackAfterRecallMsg Recalled(string groupId, string type, string operatorAccount, IEnumerable<uint> msgSeqs, string? topicId, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        MsgSeqList = msgSeqs.Select(s => new CallbackMsgSeqItem { MsgSeq = s }).ToList(),
        TopicId = topicId,
        EventTime = eventTimeMs,
    };

    /// <summary>
    /// Group.CallbackAfterReadReceipt raised by group_msg_receipt (https://cloud.tencent.com/document/product/269/105355,
    /// 2024-04-19: "the app admin sends a read receipt via the REST API"): per message MsgSeq, ReadNum, UnreadNum and
    /// ReadReceiptMembers (here the member who reported).
    /// </summary>
    public static GroupCallbackAfterReadReceipt ReadReceipt(string groupId, string type, string reader, IEnumerable<(uint MsgSeq, int Read, int Unread)> messages, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        GroupMsgReceiptList = messages.Select(m => new CallbackGroupMsgReceipt
        {
            MsgSeq = m.MsgSeq,
            ReadNum = m.Read,
            UnreadNum = m.Unread,
            ReadReceiptMembers = new List<CallbackMemberAccount> { new() { MemberAccount = reader } },
        }).ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterCreateTopic (the page lists no EventTime).</summary>
    public static GroupCallbackAfterCreateTopic TopicCreated(string groupId, string type, string topicId, string operatorAccount, string? owner, string name) => new()
    {
        GroupId = groupId,
        Type = type,
        TopicId = topicId,
        OperatorAccount = operatorAccount,
        OwnerAccount = owner,
        Name = name,
    };

    /// <summary>Group.CallbackAfterTopicDestroyed with the topics actually removed (the page lists no operator and no EventTime).</summary>
    public static GroupCallbackAfterTopicDestroyed TopicsDestroyed(string groupId, string type, IEnumerable<string> topicIds) => new()
    {
        GroupId = groupId,
        Type = type,
        TopicIdList = topicIds.ToList(),
    };

    /// <summary>Group.CallbackAfterTopicInfoChanged with the fields the call set (the page lists no TopicId and no EventTime).</summary>
    public static GroupCallbackAfterTopicInfoChanged TopicInfoChanged(string groupId, string type, string operatorAccount, string? name, string? introduction, string? notification, string? faceUrl) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        Name = name,
        Introduction = introduction,
        Notification = notification,
        FaceUrl = faceUrl,
    };
}
