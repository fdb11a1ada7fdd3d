using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Emulator.State;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Before-callbacks of REST operations other than C2C and group sends (typed from spec/callbacks_group.json and
/// callbacks_other.json), asked before the handler runs and honoured as each callback's page says:
/// <list type="bullet">
/// <item>Group.CallbackBeforeCreateGroup (create_group) and Group.CallbackBeforeInviteJoinGroup (add_group_member): the
/// invite reply's RefusedMembers_Account keeps those users out (Result 0 for them). Both callbacks' own pages (English text
/// in tencentyun/qcloud-documents; overview https://cloud.tencent.com/document/product/269/1522) list "the app admin ...
/// through the RESTful API" as a trigger.</item>
/// <item>Group.CallbackBeforeCreateTopic (create_topic, https://cloud.tencent.com/document/product/269/78206: the admin's
/// REST call is a trigger).</item>
/// <item>OfficialAccount.CallbackBeforeCreateOfficialAccount (create_official_account), BeforeAddSubscriber (add_subscriber)
/// and BeforeSendMsg (send_official_account_msg, which also drops: the caller sees success, nothing is stored; and modifies
/// MsgBody, CloudCustomData).</item>
/// </list>
/// What a refusal answers (the caller's code, the relayed app-code range, the drop code) is each callback's spec
/// <c>replyCodes</c>, read through its generated descriptor by <see cref="SpecReplyCodes"/>: 10016 and 10100..10200 for the
/// group ones, 20006 and 120001..130000 for creating an official account, 10016 for refusing its message, per their pages.
/// No answer within 2 s, an unreadable one or a code outside these lets the operation proceed unchanged: Tencent's
/// pages state the 2 s timeout (https://cloud.tencent.com/document/product/269/1522) but not the outcome, so this is assumed.
/// </summary>
internal static class OperationCallbacks
{
    public const string CreateGroupPath = "group_open_http_svc/create_group";
    public const string AddMemberPath = "group_open_http_svc/add_group_member";
    public const string CreateTopicPath = "million_group_open_http_svc/create_topic";
    public const string CreateOfficialAccountPath = "official_account_open_http_svc/create_official_account";
    public const string AddSubscriberPath = "official_account_open_http_svc/add_subscriber";
    public const string SendOfficialAccountMsgPath = "official_account_open_http_svc/send_official_account_msg";

    public static bool Applies(string path) => path is CreateGroupPath or AddMemberPath or CreateTopicPath or CreateOfficialAccountPath or AddSubscriberPath or SendOfficialAccountMsgPath;

    /// <summary>Asks the app about the operation at <paramref name="path"/>; default (proceed) when the request names nothing to ask about.</summary>
    public static async Task<BeforeDecision> BeforeAsync(ImCallbackSender sender, EmulatorState? state, string path, JsonElement request, string identifier, long nowMilliseconds)
    {
        switch (path)
        {
            case CreateGroupPath:
            {
                var payload = BeforeCreateGroup(state, request, identifier, nowMilliseconds);
                return payload is null ? default : GroupDecision(await sender.SendAsync(payload).ConfigureAwait(false), payload.Descriptor);
            }

            case AddMemberPath:
            {
                var payload = BeforeInvite(state, request, identifier, nowMilliseconds);
                if (payload is null)
                {
                    return default;
                }

                var reply = await sender.SendAsync(payload).ConfigureAwait(false);
                var decision = GroupDecision(reply, payload.Descriptor);
                if (decision.Answer is null && reply is GroupCallbackBeforeInviteJoinGroupReply { RefusedMembersAccount: { Count: > 0 } refused })
                {
                    return new(null, null, refused.ToArray());
                }

                return decision;
            }

            case CreateTopicPath:
            {
                var payload = BeforeCreateTopic(state, request, identifier);
                return payload is null ? default : GroupDecision(await sender.SendAsync(payload).ConfigureAwait(false), payload.Descriptor);
            }

            case CreateOfficialAccountPath:
            {
                var payload = new OfficialAccountCallbackBeforeCreateOfficialAccount
                {
                    OperatorAccount = identifier,
                    OwnerAccount = String(request, "Owner_Account"),
                    Name = String(request, "Name"),
                    EventTime = nowMilliseconds,
                };
                return OfficialAccountDecision(await sender.SendAsync(payload).ConfigureAwait(false), payload.Descriptor, request, nowMilliseconds);
            }

            case AddSubscriberPath:
            {
                var subscribers = Strings(request, "SubscriberList", "Subscriber_Account");
                if (String(request, "Official_Account") is not { } id || subscribers.Count == 0)
                {
                    return default;
                }

                var payload = new OfficialAccountCallbackBeforeAddSubscriber
                {
                    OfficialAccount = id,
                    OperatorAccount = identifier,
                    SubscribeAccountList = subscribers.Select(s => new CallbackSubscriberAccount { SubscriberAccount = s }).ToList(),
                    EventTime = nowMilliseconds,
                };
                return OfficialAccountDecision(await sender.SendAsync(payload).ConfigureAwait(false), payload.Descriptor, request, nowMilliseconds);
            }

            case SendOfficialAccountMsgPath:
            {
                if (String(request, "Official_Account") is not { } id || !Exists(state, id))
                {
                    // The handler refuses a send to an unknown account (130004); nothing to ask.
                    return default;
                }

                var payload = Typed(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("CallbackCommand", OfficialAccountCallbackBeforeSendMsg.CommandName);
                    w.WriteString("Official_Account", id);
                    w.WriteNumber("OnlineOnlyFlag", request.TryGetProperty("OnlineOnlyFlag", out var online) && online.ValueKind == JsonValueKind.Number ? online.GetInt32() : 0);
                    Copy(w, request, "MsgBody");
                    Copy(w, request, "CloudCustomData");
                    w.WriteNumber("EventTime", nowMilliseconds);
                    w.WriteEndObject();
                }, static (ref Utf8JsonReader r) => OfficialAccountCallbackBeforeSendMsg.ReadJson(ref r));
                return OfficialAccountDecision(await sender.SendAsync(payload).ConfigureAwait(false), payload.Descriptor, request, nowMilliseconds);
            }

            default:
                return default;
        }
    }

    private static GroupCallbackBeforeCreateGroup? BeforeCreateGroup(EmulatorState? state, JsonElement request, string identifier, long nowMilliseconds)
    {
        var type = String(request, "Type");
        var name = String(request, "Name");
        if (type is null || name is null)
        {
            // The handler refuses the call (required fields); Tencent checks the request before calling back.
            return null;
        }

        var owner = String(request, "Owner_Account");
        long created = 0;
        if (state is not null && owner is not null)
        {
            lock (state.Sync)
            {
                created = state.Groups.All.Count(g => string.Equals(g.Owner, owner, StringComparison.Ordinal) && string.Equals(g.Type, type, StringComparison.Ordinal));
            }
        }

        return new GroupCallbackBeforeCreateGroup
        {
            OperatorAccount = identifier,
            OwnerAccount = owner,
            Type = type,
            Name = name,
            CreateGroupNum = created,
            MemberList = Strings(request, "MemberList", "Member_Account").Select(m => new CallbackMemberAccount { MemberAccount = m }).ToList(),
            EventTime = nowMilliseconds,
        };
    }

    private static GroupCallbackBeforeInviteJoinGroup? BeforeInvite(EmulatorState? state, JsonElement request, string identifier, long nowMilliseconds)
    {
        var type = GroupType(state, String(request, "GroupId"));
        var members = Strings(request, "MemberList", "Member_Account");
        if (type is null or "AVChatRoom" || members.Count == 0)
        {
            // An unknown group or an AVChatRoom is refused by the handler; nobody is invited.
            return null;
        }

        return new GroupCallbackBeforeInviteJoinGroup
        {
            GroupId = String(request, "GroupId"),
            Type = type,
            OperatorAccount = identifier,
            DestinationMembers = members.Select(m => new CallbackMemberAccount { MemberAccount = m }).ToList(),
            EventTime = nowMilliseconds,
        };
    }

    // The page (269/78206) lists Operator_Account, Type and Name only: no GroupId, no EventTime.
    private static GroupCallbackBeforeCreateTopic? BeforeCreateTopic(EmulatorState? state, JsonElement request, string identifier)
    {
        var type = GroupType(state, String(request, "GroupId"));
        var name = String(request, "TopicName");
        if (type is null || name is null)
        {
            return null;
        }

        return new GroupCallbackBeforeCreateTopic
        {
            Type = type,
            OperatorAccount = String(request, "From_Account") ?? identifier,
            Name = name,
        };
    }

    /// <summary>Group family replies: refused or relayed by the callback's spec reply codes; anything else proceeds.</summary>
    private static BeforeDecision GroupDecision(ImCallbackReply? reply, ImCallbackDescriptor descriptor)
        => reply is not null && SpecReplyCodes.Answer(reply, descriptor, dropTime: null, dropKey: false) is { } answer ? new(answer, null) : default;

    /// <summary>Official-account replies: refused, relayed or (a send) dropped by the callback's spec reply codes; a send may also be rewritten.</summary>
    private static BeforeDecision OfficialAccountDecision(ImCallbackReply? reply, ImCallbackDescriptor descriptor, JsonElement request, long nowMilliseconds)
    {
        if (reply is null)
        {
            return default;
        }

        if (SpecReplyCodes.Answer(reply, descriptor, dropTime: nowMilliseconds / 1000, dropKey: false) is { } answer)
        {
            return new(answer, null);
        }

        return reply.ErrorCode == ImCallbackReply.AllowCode && reply is OfficialAccountCallbackBeforeSendMsgReply send && (send.MsgBody is not null || send.CloudCustomData is not null)
            ? new(null, Rewrite(request, send))
            : default;
    }

    private static JsonDocument Rewrite(JsonElement request, OfficialAccountCallbackBeforeSendMsgReply reply)
    {
        var replyJson = Write(reply.WriteJson);
        using var replyDoc = JsonDocument.Parse(replyJson);
        var bytes = Write(w =>
        {
            w.WriteStartObject();
            foreach (var property in request.EnumerateObject())
            {
                var replaced = (property.NameEquals("MsgBody") && reply.MsgBody is not null) || (property.NameEquals("CloudCustomData") && reply.CloudCustomData is not null);
                if (!replaced)
                {
                    property.WriteTo(w);
                }
            }

            if (reply.MsgBody is not null)
            {
                Copy(w, replyDoc.RootElement, "MsgBody");
            }

            if (reply.CloudCustomData is not null)
            {
                Copy(w, replyDoc.RootElement, "CloudCustomData");
            }

            w.WriteEndObject();
        });
        return JsonDocument.Parse(bytes);
    }

    private static string? GroupType(EmulatorState? state, string? groupId)
    {
        if (state is null || groupId is null)
        {
            return null;
        }

        lock (state.Sync)
        {
            return state.Groups.Find(groupId)?.Type;
        }
    }

    private static bool Exists(EmulatorState? state, string officialAccount)
    {
        if (state is null)
        {
            return false;
        }

        lock (state.Sync)
        {
            return state.Areas.OfficialAccounts.ContainsKey(officialAccount);
        }
    }

    private static string? String(JsonElement request, string name)
        => request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The string <paramref name="field"/> of each object of the array <paramref name="name"/> (others skipped).</summary>
    private static List<string> Strings(JsonElement request, string name, string field)
    {
        var list = new List<string>();
        if (request.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && String(item, field) is { } value)
                {
                    list.Add(value);
                }
            }
        }

        return list;
    }

    private delegate T Reader<T>(ref Utf8JsonReader reader);

    /// <summary>Builds a payload whose message body is copied from the request as is (MsgBody keeps unknown element kinds).</summary>
    private static T Typed<T>(Action<Utf8JsonWriter> write, Reader<T> read)
    {
        var bytes = Write(write);
        var reader = new Utf8JsonReader(bytes);
        return read(ref reader);
    }

    // Shared with the other callback families (CallbackJson).
    private static void Copy(Utf8JsonWriter w, JsonElement from, string name) => CallbackJson.Copy(w, from, name);

    private static byte[] Write(Action<Utf8JsonWriter> write) => CallbackJson.Write(write);
}
