using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Typed payloads (spec/callbacks_state.json, callbacks_sns.json, callbacks_other.json) of the after-event callbacks the
/// emulator raises outside message sends: logins and logouts, friends and blocklists added or deleted, profile changes,
/// one-to-one read reports, read receipts and "mark all read" (callbacks_c2c.json).
/// Commands and fields from Tencent's callback overview, https://cloud.tencent.com/document/product/269/1522, and the
/// State.StateChange page, https://www.tencentcloud.com/document/product/1047/34357.
/// </summary>
internal static class EventCallbacks
{
    /// <summary>State.StateChange: Action Login (Reason Register) or Logout (Reason Unregister).</summary>
    public static StateChange StateChange(string userId, bool login, long eventTimeMs) => new()
    {
        Info = new CallbackStateInfo { Action = login ? "Login" : "Logout", ToAccount = userId, Reason = login ? "Register" : "Unregister" },
        EventTime = eventTimeMs,
    };

    // The four Sns after-callbacks carry no EventTime: none of their pages (269/1657, 269/1659, 1047/34361,
    // 1047/34362) lists one, so spec/callbacks_sns.json does not declare it.

    /// <summary>Sns.CallbackFriendAdd raised by sns/friend_add (ClientCmd friend_add, the admin named).</summary>
    public static SnsCallbackFriendAdd FriendAdd(IEnumerable<(string From, string To)> pairs, string initiator, string admin, bool force) => new()
    {
        PairList = pairs.Select(p => new CallbackFriendPair { FromAccount = p.From, ToAccount = p.To, InitiatorAccount = initiator }).ToList(),
        ClientCmd = "friend_add",
        AdminAccount = admin,
        ForceFlag = force ? 1 : 0,
    };

    /// <summary>Sns.CallbackFriendDelete raised by sns/friend_delete and sns/friend_delete_all.</summary>
    public static SnsCallbackFriendDelete FriendDelete(IEnumerable<(string From, string To)> pairs) => new()
    {
        PairList = Pairs(pairs),
    };

    /// <summary>Sns.CallbackBlackListAdd raised by sns/black_list_add.</summary>
    public static SnsCallbackBlackListAdd BlockAdd(IEnumerable<(string From, string To)> pairs) => new()
    {
        PairList = Pairs(pairs),
    };

    /// <summary>Sns.CallbackBlackListDelete raised by sns/black_list_delete.</summary>
    public static SnsCallbackBlackListDelete BlockDelete(IEnumerable<(string From, string To)> pairs) => new()
    {
        PairList = Pairs(pairs),
    };

    /// <summary>Profile.CallbackPortraitSet raised by profile/portrait_set with the changed items.</summary>
    public static ProfileCallbackPortraitSet PortraitSet(string operatorAccount, string userId, IEnumerable<(string Tag, string RawValue)> items, long eventTimeMs) => new()
    {
        OperatorAccount = operatorAccount,
        FromAccount = userId,
        ProfileItem = items.Select(i => new CallbackProfileItem { Tag = i.Tag, Value = Parse(i.RawValue) }).ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>
    /// C2C.CallbackAfterMsgWithDraw raised by openim/admin_msgwithdraw (a trigger its page names:
    /// https://intl.cloud.tencent.com/document/product/1047/35015 is the REST page it links); UnreadMsgNum is the
    /// recipient's unread one-to-one total over all conversations.
    /// </summary>
    public static C2CCallbackAfterMsgWithDraw C2CRecalled(string from, string to, string msgKey, int unread) => new()
    {
        FromAccount = from,
        ToAccount = to,
        MsgKey = msgKey,
        UnreadMsgNum = unread,
    };

    /// <summary>
    /// C2C.CallbackAfterMsgReport raised by openim/admin_set_msg_read (a trigger its page names,
    /// https://cloud.tencent.com/document/product/269/61696); UnreadMsgNum is the reporter's unread one-to-one total.
    /// </summary>
    public static C2CCallbackAfterMsgReport C2CRead(string reporter, string peer, long lastReadTime, int unread) => new()
    {
        ReportAccount = reporter,
        PeerAccount = peer,
        LastReadTime = lastReadTime,
        UnreadMsgNum = unread,
    };

    /// <summary>
    /// C2C.CallbackAfterMsgReadReceipt (https://cloud.tencent.com/document/product/269/128223): <paramref name="reader"/>
    /// sent a read receipt for <paramref name="messages"/> of the conversation with <paramref name="peer"/>; each item names
    /// the message's own sender and recipient (in the page's example the peer sent them to the reader) and its MsgKey.
    /// MsgId is left out: the emulator gives C2C messages no MsgId (its sendmsg answer has none either).
    /// </summary>
    public static C2CCallbackAfterMsgReadReceipt C2CReadReceipt(string reader, string peer, IEnumerable<State.StoredMessage> messages, long eventTimeMs) => new()
    {
        OperatorAccount = reader,
        PeerAccount = peer,
        C2CMsgInfo = messages.Select(m => new CallbackC2CMsgInfoItem { FromAccount = m.From, ToAccount = m.To, MsgKey = m.MsgKey }).ToList(),
        EventTime = eventTimeMs,
    };

    /// <summary>
    /// C2C.CallbackAfterMsgReadAll (https://cloud.tencent.com/document/product/269/128225, updated 2026-02-09): a client
    /// cleared all its unread messages; GroupReadInfo lists the groups whose unread count was cleared, each with the
    /// group message Seq the clear went up to.
    /// </summary>
    public static C2CCallbackAfterMsgReadAll C2CReadAll(string reporter, IEnumerable<(string GroupId, uint MsgSeq)> groups, long eventTimeMs) => new()
    {
        ReportAccount = reporter,
        GroupReadInfo = groups.Select(g => new CallbackGroupReadInfoItem { GroupId = g.GroupId, MsgSeq = g.MsgSeq }).ToList(),
        EventTime = eventTimeMs,
    };

    private static List<CallbackFriendPair> Pairs(IEnumerable<(string From, string To)> pairs)
        => pairs.Select(p => new CallbackFriendPair { FromAccount = p.From, ToAccount = p.To }).ToList();

    private static JsonElement Parse(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }
}
