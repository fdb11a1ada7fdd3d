using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// The group callbacks the emulator sends (typed from spec/callbacks_group.json): Group.CallbackBeforeSendMsg before a
/// REST group send is processed (honoured: allow, modify, reject, drop, app error), and the after-events raised by the
/// group handlers once a call has succeeded (send, create, members joined or left, dismissed).
/// Outcome codes are spec/callbacks_group.json's Group.CallbackBeforeSendMsg <c>replyCodes</c> (checked there against the
/// callback's own page: the refused sender gets 10016, app codes 10100..10200 are relayed), read through the generated
/// descriptor by <see cref="SpecReplyCodes"/>.
/// </summary>
internal static class GroupCallbacks
{
    /// <summary>The REST call that triggers Group.CallbackBeforeSendMsg / Group.CallbackAfterSendMsg here.</summary>
    public const string SendPath = "group_open_http_svc/send_group_msg";

    /// <summary>Asks the app about a group send; a null type means the group does not exist (the handler will refuse it, no callback).</summary>
    public static async Task<BeforeDecision> BeforeSendAsync(ImCallbackSender sender, JsonElement request, string identifier, string? groupType, long nowSeconds)
    {
        if (groupType is null || Skipped(request, "Group.CallbackBeforeSendMsg"))
        {
            return default;
        }

        var bytes = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("CallbackCommand", GroupCallbackBeforeSendMsg.CommandName);
            CommonSendFields(w, request, identifier, groupType);
            w.WriteNumber("EventTime", nowSeconds * 1000);
            w.WriteEndObject();
        });
        var reader = new Utf8JsonReader(bytes);
        var payload = GroupCallbackBeforeSendMsg.ReadJson(ref reader);
        var reply = await sender.SendAsync(payload).ConfigureAwait(false) as GroupCallbackBeforeSendMsgReply;
        if (reply is null)
        {
            // No answer in 2 s, or a bad one: delivered unchanged.
            return default;
        }

        if (SpecReplyCodes.Answer(reply, payload.Descriptor, nowSeconds, dropKey: false) is { } answer)
        {
            return new(answer, null);
        }

        return reply.ErrorCode == ImCallbackReply.AllowCode && (reply.MsgBody is not null || reply.CloudCustomData is not null)
            ? new(null, Rewrite(request, reply))
            : default;
    }

    /// <summary>Group.CallbackAfterSendMsg for a message the group stored (never for a duplicate or a dropped one).</summary>
    public static GroupCallbackAfterSendMsg AfterSend(JsonElement request, string identifier, string groupType, uint msgSeq, long msgTime, long eventTimeMs)
    {
        var bytes = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("CallbackCommand", GroupCallbackAfterSendMsg.CommandName);
            CommonSendFields(w, request, identifier, groupType);
            w.WriteNumber("MsgSeq", msgSeq);
            w.WriteNumber("MsgTime", msgTime);
            Copy(w, request, "GroupAtInfo");
            w.WriteNumber("EventTime", eventTimeMs);
            w.WriteEndObject();
        });
        var reader = new Utf8JsonReader(bytes);
        return GroupCallbackAfterSendMsg.ReadJson(ref reader);
    }

    /// <summary>Group.CallbackAfterCreateGroup.</summary>
    public static GroupCallbackAfterCreateGroup AfterCreate(string groupId, string type, string operatorAccount, string? owner, string name, IEnumerable<string> members, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OperatorAccount = operatorAccount,
        OwnerAccount = owner ?? string.Empty,
        Name = name,
        MemberList = Accounts(members),
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterNewMemberJoin (JoinType Invited: REST adds members on the administrator's behalf).</summary>
    public static GroupCallbackAfterNewMemberJoin MembersJoined(string groupId, string type, string operatorAccount, IEnumerable<string> members, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        JoinType = "Invited",
        OperatorAccount = operatorAccount,
        NewMemberList = Accounts(members),
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterMemberExit (ExitType Kicked for delete_group_member and bans, Quit for a client's quit).</summary>
    public static GroupCallbackAfterMemberExit MembersLeft(string groupId, string type, string exitType, string operatorAccount, IEnumerable<string> members, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        ExitType = exitType,
        OperatorAccount = operatorAccount,
        ExitMemberList = Accounts(members),
        EventTime = eventTimeMs,
    };

    /// <summary>Group.CallbackAfterGroupDestroyed with the members the group had.</summary>
    public static GroupCallbackAfterGroupDestroyed Destroyed(string groupId, string type, string? owner, string name, IEnumerable<string> members, long eventTimeMs) => new()
    {
        GroupId = groupId,
        Type = type,
        OwnerAccount = owner ?? string.Empty,
        Name = name,
        MemberList = Accounts(members),
        EventTime = eventTimeMs,
    };

    /// <summary>Whether the send's ForbidCallbackControl names <paramref name="command"/>'s switch (ForbidBeforeSendMsgCallback / ForbidAfterSendMsgCallback).</summary>
    public static bool Skipped(JsonElement request, string command)
    {
        if (!request.TryGetProperty("ForbidCallbackControl", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var flag = command.Contains("Before", StringComparison.Ordinal) ? "ForbidBeforeSendMsgCallback" : "ForbidAfterSendMsgCallback";
        return list.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.ValueEquals(flag));
    }

    private static List<CallbackMemberAccount> Accounts(IEnumerable<string> members)
        => members.Select(m => new CallbackMemberAccount { MemberAccount = m }).ToList();

    private static void CommonSendFields(Utf8JsonWriter w, JsonElement request, string identifier, string groupType)
    {
        Copy(w, request, "GroupId");
        w.WriteString("Type", groupType);
        w.WriteString("From_Account", request.TryGetProperty("From_Account", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString() : identifier);
        w.WriteString("Operator_Account", identifier);
        Copy(w, request, "Random");
        w.WriteNumber("OnlineOnlyFlag", request.TryGetProperty("OnlineOnlyFlag", out var online) && online.ValueKind == JsonValueKind.Number ? online.GetInt32() : 0);
        Copy(w, request, "MsgBody");
        Copy(w, request, "CloudCustomData");
        Copy(w, request, "TopicId");
    }

    private static JsonDocument Rewrite(JsonElement request, GroupCallbackBeforeSendMsgReply reply)
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

    // Shared with the other callback families (CallbackJson).
    private static void Copy(Utf8JsonWriter w, JsonElement from, string name) => CallbackJson.Copy(w, from, name);

    private static byte[] Write(Action<Utf8JsonWriter> write) => CallbackJson.Write(write);
}
