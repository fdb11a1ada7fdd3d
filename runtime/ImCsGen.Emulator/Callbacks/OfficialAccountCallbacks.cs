using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Typed payloads (spec/callbacks_other.json) of the official-account after-events raised by the official-account
/// handlers once a REST call has succeeded. The pages read list REST triggers for: subscribers added (English text in
/// tencentyun/qcloud-documents: "the app admin adds subscribers via the REST API"), messages sent
/// (https://www.tencentcloud.com/document/product/1047/60804) and recalled ("an App administrator recalls an Official
/// Channel message via the REST API"). Creation, profile changes, dismissal and subscriber removal follow the same
/// pattern; their own pages were not read (look-up budget), so their REST trigger is assumed.
/// </summary>
internal static class OfficialAccountCallbacks
{
    /// <summary>OfficialAccount.CallbackAfterCreateOfficialAccount.</summary>
    public static OfficialAccountCallbackAfterCreateOfficialAccount Created(string operatorAccount, string id, string owner, string name, long eventTimeMs) => new()
    {
        OperatorAccount = operatorAccount,
        OfficialAccount = id,
        OwnerAccount = owner,
        Name = name,
        EventTime = eventTimeMs,
    };

    /// <summary>OfficialAccount.CallbackAfterOfficialAccountInfoChanged with the fields the call set.</summary>
    public static OfficialAccountCallbackAfterOfficialAccountInfoChanged InfoChanged(string id, string operatorAccount, string? name, string? introduction, string? faceUrl, string? organization, long eventTimeMs) => new()
    {
        OfficialAccount = id,
        OperatorAccount = operatorAccount,
        Name = name,
        Introduction = introduction,
        FaceUrl = faceUrl,
        Organization = organization,
        EventTime = eventTimeMs,
    };

    /// <summary>OfficialAccount.CallbackAfterOfficialAccountDestroyed.</summary>
    public static OfficialAccountCallbackAfterOfficialAccountDestroyed Destroyed(string id, string owner, string name, long eventTimeMs) => new()
    {
        OfficialAccount = id,
        OwnerAccount = owner,
        Name = name,
        EventTime = eventTimeMs,
    };

    /// <summary>OfficialAccount.CallbackAfterAddSubscriber with the users actually added.</summary>
    public static OfficialAccountCallbackAfterAddSubscriber SubscribersAdded(string id, string operatorAccount, IEnumerable<string> users, long eventTimeMs) => new()
    {
        OfficialAccount = id,
        OperatorAccount = operatorAccount,
        SubscribeAccountList = Subscribers(users),
        EventTime = eventTimeMs,
    };

    /// <summary>OfficialAccount.CallbackAfterDeleteSubscriber with the users actually removed.</summary>
    public static OfficialAccountCallbackAfterDeleteSubscriber SubscribersDeleted(string id, string operatorAccount, IEnumerable<string> users, long eventTimeMs) => new()
    {
        OfficialAccount = id,
        OperatorAccount = operatorAccount,
        SubscribeAccountList = Subscribers(users),
        EventTime = eventTimeMs,
    };

    /// <summary>OfficialAccount.CallbackAfterSendMsg for a stored message (never for a suppressed duplicate).</summary>
    public static OfficialAccountCallbackAfterSendMsg Sent(string id, string msgKey, long msgTime, int onlineOnlyFlag, string msgBodyJson, string? cloudCustomData, long eventTimeMs)
    {
        // The body is copied as stored, through the generated reader, so unknown element kinds survive.
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("CallbackCommand", OfficialAccountCallbackAfterSendMsg.CommandName);
            w.WriteString("Official_Account", id);
            w.WriteString("MsgKey", msgKey);
            w.WriteNumber("MsgTime", msgTime);
            w.WriteNumber("OnlineOnlyFlag", onlineOnlyFlag);
            w.WritePropertyName("MsgBody");
            w.WriteRawValue(msgBodyJson);
            if (cloudCustomData is not null)
            {
                w.WriteString("CloudCustomData", cloudCustomData);
            }

            w.WriteNumber("EventTime", eventTimeMs);
            w.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return OfficialAccountCallbackAfterSendMsg.ReadJson(ref reader);
    }

    /// <summary>OfficialAccount.CallbackAfterMsgWithDraw with the keys actually recalled.</summary>
    public static OfficialAccountCallbackAfterMsgWithDraw Recalled(string id, IEnumerable<string> msgKeys, long eventTimeMs) => new()
    {
        OfficialAccount = id,
        WithdrawMsgList = msgKeys.Select(k => new CallbackMsgKeyItem { MsgKey = k }).ToList(),
        EventTime = eventTimeMs,
    };

    private static List<CallbackSubscriberAccount> Subscribers(IEnumerable<string> users)
        => users.Select(u => new CallbackSubscriberAccount { SubscriberAccount = u }).ToList();
}
