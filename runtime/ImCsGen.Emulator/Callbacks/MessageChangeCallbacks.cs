using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Typed payloads (spec/callbacks_c2c.json, callbacks_group.json, callbacks_sns.json) of the after-events raised when
/// the admin edits a stored message, sets message-extension key/values, or follows / unfollows users. Each page names
/// the admin's REST call as a trigger: one-to-one edit https://cloud.tencent.com/document/product/269/128224, group
/// edit https://cloud.tencent.com/document/product/269/129193, one-to-one extensions
/// https://cloud.tencent.com/document/product/269/126475, group extensions
/// https://cloud.tencent.com/document/product/269/126476, follow https://cloud.tencent.com/document/product/269/118915,
/// unfollow https://www.tencentcloud.com/zh/document/product/647/74357. Only the fields the spec lists are filled.
/// </summary>
internal static class MessageChangeCallbacks
{
    /// <summary>Follow.CallbackAfterFollowAdd with the users actually added to the follower's list.</summary>
    public static FollowCallbackAfterFollowAdd FollowAdded(string from, IEnumerable<string> added, long eventTimeMs) => new()
    {
        FromAccount = from,
        FollowList = added.Select(to => new CallbackFollowItem { ToAccount = to }).ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>Follow.CallbackAfterFollowDelete with the users actually removed (a plain UserID array, as its page shows).</summary>
    public static FollowCallbackAfterFollowDelete FollowDeleted(string from, IEnumerable<string> removed, long eventTimeMs) => new()
    {
        FromAccount = from,
        ToAccount = removed.ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>C2C.CallbackAfterModifyMsg: the message's identity and its body and custom data after the edit.</summary>
    public static C2CCallbackAfterModifyMsg C2CModified(string operatorAccount, State.StoredMessage message, long eventTimeMs) => new()
    {
        OperatorAccount = operatorAccount,
        FromAccount = message.From,
        ToAccount = message.To,
        MsgSeq = message.MsgSeq,
        MsgRandom = message.MsgRandom,
        MsgTime = message.MsgTime,
        MsgKey = message.MsgKey,
        MsgBody = Body(message.MsgBodyJson),
        CloudCustomData = message.CloudCustomData,
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterModifyMsg: the page lists no CloudCustomData, so none is sent.</summary>
    public static GroupCallbackAfterModifyMsg GroupModified(string operatorAccount, string groupId, string? topicId, uint msgSeq, string msgBodyJson, long eventTimeMs) => new()
    {
        OperatorAccount = operatorAccount,
        GroupId = groupId,
        TopicId = topicId,
        MsgSeq = msgSeq,
        MsgBody = Body(msgBodyJson),
        EventTime = eventTimeMs,
    };

    /// <summary>C2C.CallbackAfterC2CMsgExtension with the key/values the call changed and the message's latest Seq.</summary>
    public static C2CCallbackAfterC2CMsgExtension C2CExtensionChanged(State.StoredMessage message, int operateType, IEnumerable<(string Key, string Value, long Seq)> items, long seq, long eventTimeMs) => new()
    {
        FromAccount = message.From,
        ToAccount = message.To,
        MsgKey = message.MsgKey,
        OperateType = operateType,
        ExtensionList = Items(items),
        Seq = seq,
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterGroupMsgExtension with the key/values the call changed and the message's latest Seq.</summary>
    public static GroupCallbackAfterGroupMsgExtension GroupExtensionChanged(string groupId, uint msgSeq, int operateType, IEnumerable<(string Key, string Value, long Seq)> items, long seq, long eventTimeMs) => new()
    {
        GroupId = groupId,
        MsgSeq = msgSeq,
        OperateType = operateType,
        ExtensionList = Items(items),
        Seq = seq,
        EventTime = eventTimeMs,
    };

    private static List<CallbackMsgExtensionItem> Items(IEnumerable<(string Key, string Value, long Seq)> items)
        => items.Select(i => new CallbackMsgExtensionItem { Key = i.Key, Value = i.Value, Seq = i.Seq }).ToList();

    // The stored body is the checked MsgBody array's JSON text; it is read back element by element with the generated
    // union reader (unknown element kinds are kept by it).
    private static List<MsgBodyElement> Body(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var elements = new List<MsgBodyElement>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            elements.Add(MsgBodyElement.ReadJson(ref reader));
        }

        return elements;
    }
}
