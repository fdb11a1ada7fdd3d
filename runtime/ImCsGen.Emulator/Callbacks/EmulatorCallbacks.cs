using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>What the app's before-callback decided about a REST send.</summary>
/// <param name="Answer">A complete response to send instead of processing the call (reject, drop, app error), or null.</param>
/// <param name="Body">A rewritten request body (modify), or null to keep the original.</param>
/// <param name="Refused">Users the app refused (Group.CallbackBeforeInviteJoinGroup's RefusedMembers_Account), or null.</param>
internal readonly record struct BeforeDecision(byte[]? Answer, JsonDocument? Body, IReadOnlyList<string>? Refused = null);

/// <summary>
/// The emulator's side of third-party callbacks for <c>openim/sendmsg</c> (a documented trigger of
/// C2C.CallbackBeforeSendMsg / C2C.CallbackAfterSendMsg: "App 管理员通过 REST API(sendmsg 接口)发送单聊消息").
/// The before-callback runs outside the state lock and is honoured as Tencent describes
/// (https://www.tencentcloud.com/document/product/1047/34364): ErrorCode 0 delivers (with the reply's
/// MsgBody/CloudCustomData, modified); reject, drop and relayed app codes follow the callback's spec
/// <c>replyCodes</c> (Callbacks/SpecReplyCodes.cs). No answer within 2 s (or a bad one) delivers the message
/// unchanged (assumed; Tencent's pages state the timeout, not the outcome).
/// </summary>
internal sealed class EmulatorCallbacks
{
    private const string SendPath = "openim/sendmsg";

    private readonly ImCallbackSender _sender;

    private readonly ImCsGen.Emulator.State.EmulatorState? _state;

    private readonly TimeProvider _clock;

    public EmulatorCallbacks(EmulatorOptions options, ImCsGen.Emulator.State.EmulatorState? state = null)
    {
        _state = state;
        _clock = options.Clock;
        var callbacks = options.Callbacks!;
        if (callbacks.Url is null || !callbacks.Url.IsLoopback)
        {
            throw new InvalidOperationException("Callbacks.Url: set a loopback URL (http://127.0.0.1:port/...); the emulator never calls out.");
        }

        _sender = new ImCallbackSender(new HttpClient { Timeout = ImCallbackSender.Timeout + TimeSpan.FromSeconds(1) }, callbacks.Url, options.SdkAppId, callbacks.Token, options.Clock);
    }

    /// <summary>Whether a call to <paramref name="path"/> asks the app first (a before-callback).</summary>
    public static bool Applies(string path) => IsSend(path) || OperationCallbacks.Applies(path);

    /// <summary>A C2C or group send (global mute refuses these before any callback).</summary>
    public static bool IsSend(string path) => path == SendPath || path == GroupCallbacks.SendPath;

    /// <summary>The before-callback of <paramref name="path"/>: C2C or group send (Callbacks/GroupCallbacks.cs) or another operation (Callbacks/OperationCallbacks.cs).</summary>
    public Task<BeforeDecision> BeforeSendAsync(string path, JsonElement request, string identifier, long nowSeconds)
    {
        if (OperationCallbacks.Applies(path))
        {
            return OperationCallbacks.BeforeAsync(_sender, _state, path, request, identifier, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        }

        if (path != GroupCallbacks.SendPath)
        {
            return BeforeSendAsync(request, identifier, nowSeconds);
        }

        string? type = null;
        if (_state is { } state && request.TryGetProperty("GroupId", out var id) && id.ValueKind == JsonValueKind.String)
        {
            lock (state.Sync)
            {
                type = state.Groups.Find(id.GetString()!)?.Type;
            }
        }

        return GroupCallbacks.BeforeSendAsync(_sender, request, identifier, type, nowSeconds);
    }

    /// <summary>The after-send callback of <paramref name="path"/>; group sends raise theirs from the handler (it knows MsgSeq and duplicates).</summary>
    public void AfterSend(string path, JsonElement request, string identifier, long nowSeconds, byte[] response)
    {
        if (path == SendPath)
        {
            AfterSend(request, identifier, nowSeconds, response);
        }
    }

    public async Task<BeforeDecision> BeforeSendAsync(JsonElement request, string identifier, long nowSeconds)
    {
        if (GroupCallbacks.Skipped(request, C2CCallbackBeforeSendMsg.CommandName))
        {
            // ForbidCallbackControl: ForbidBeforeSendMsgCallback switches this send's before-callback off.
            return default;
        }

        var payload = Read(Payload(C2CCallbackBeforeSendMsg.CommandName, request, identifier, nowSeconds, null));
        var reply = await _sender.SendAsync(payload).ConfigureAwait(false) as C2CCallbackBeforeSendMsgReply;
        if (reply is null || reply.ErrorCode == ImCallbackReply.AllowCode && reply.MsgBody is null && reply.CloudCustomData is null)
        {
            return default;
        }

        if (SpecReplyCodes.Answer(reply, payload.Descriptor, nowSeconds, dropKey: true) is { } answer)
        {
            return new(answer, null);
        }

        return reply.ErrorCode == ImCallbackReply.AllowCode ? new(null, Rewrite(request, reply)) : default;
    }

    private readonly RequestAlerts _alerts = new();

    /// <summary>Counts a REST call against its rate limit and sends Alert.RequestOverLimit past 80 % (Callbacks/RequestAlerts.cs).</summary>
    public void CountRequest(string service, string command, int limit, DateTimeOffset now)
    {
        if (_alerts.Count(service, command, limit, now) is { } alert)
        {
            Fire(alert);
        }
    }

    /// <summary>Sends an after-event callback, fire and forget (Tencent ignores their answers).</summary>
    public void Fire(ImCallbackPayload payload) => _ = Task.Run(() => _sender.SendAsync(payload));

    public void AfterSend(JsonElement request, string identifier, long nowSeconds, byte[] response)
    {
        if (GroupCallbacks.Skipped(request, C2CCallbackAfterSendMsg.CommandName))
        {
            return;
        }

        using var answer = JsonDocument.Parse(response);
        var bytes = Payload(C2CCallbackAfterSendMsg.CommandName, request, identifier, nowSeconds, answer.RootElement);
        var reader = new Utf8JsonReader(bytes);
        var payload = C2CCallbackAfterSendMsg.ReadJson(ref reader);

        // Fire and forget, as Tencent does: the sender's answer never waits for the after-callback.
        _ = Task.Run(() => _sender.SendAsync(payload));
    }

    private static byte[] Payload(string command, JsonElement request, string identifier, long nowSeconds, JsonElement? response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("CallbackCommand", command);
            w.WriteString("From_Account", request.TryGetProperty("From_Account", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString() : identifier);
            Copy(w, request, "To_Account");
            Copy(w, request, "MsgSeq");
            Copy(w, request, "MsgRandom");
            if (response is { } r)
            {
                Copy(w, r, "MsgTime");
                Copy(w, r, "MsgKey");
                w.WriteNumber("SendMsgResult", 0);
                w.WriteString("ErrorInfo", "send msg succeed");
            }
            else
            {
                w.WriteNumber("MsgTime", nowSeconds);
            }

            w.WriteNumber("OnlineOnlyFlag", request.TryGetProperty("OnlineOnlyFlag", out var online) && online.ValueKind == JsonValueKind.Number ? online.GetInt32() : 0);
            Copy(w, request, "MsgBody");
            Copy(w, request, "CloudCustomData");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument Rewrite(JsonElement request, C2CCallbackBeforeSendMsgReply reply)
    {
        var replyJson = Write(reply.WriteJson);
        using var replyDoc = JsonDocument.Parse(replyJson);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
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

            Copy(w, replyDoc.RootElement, "MsgBody");
            Copy(w, replyDoc.RootElement, "CloudCustomData");
            w.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    // Shared with the other callback families (CallbackJson).
    private static void Copy(Utf8JsonWriter w, JsonElement from, string name) => CallbackJson.Copy(w, from, name);

    private static byte[] Write(Action<Utf8JsonWriter> write) => CallbackJson.Write(write);

    private static C2CCallbackBeforeSendMsg Read(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        return C2CCallbackBeforeSendMsg.ReadJson(ref reader);
    }
}
