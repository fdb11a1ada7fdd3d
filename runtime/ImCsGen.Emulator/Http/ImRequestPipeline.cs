using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Emulator.Faults;
using ImCsGen.Emulator.Handlers;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace ImCsGen.Emulator.Http;

/// <summary>
/// Serves <c>POST /v4/{service}/{command}</c> like Tencent: resource, SDKAppID, UserSig, administrator,
/// rate limit, then the handler; faults are injected between the checks and the handler.
/// </summary>
internal sealed class ImRequestPipeline
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly ImEmulator _emulator;

    private readonly ImCsGen.Emulator.Callbacks.EmulatorCallbacks? _callbacks;

    public ImRequestPipeline(ImEmulator emulator)
    {
        _emulator = emulator;
        _callbacks = emulator.Options.Callbacks is null ? null : new ImCsGen.Emulator.Callbacks.EmulatorCallbacks(emulator.Options, emulator.State);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var service = (string?)context.Request.RouteValues["service"] ?? string.Empty;
        var command = (string?)context.Request.RouteValues["command"] ?? string.Empty;
        var path = service + "/" + command;
        _emulator.Stats.Request(path);

        var endpoint = EndpointTable.Find(path);
        if (endpoint is null)
        {
            await WriteFailureAsync(context, EmulatorErrorCodes.BadResource, "unknown resource /v4/" + path).ConfigureAwait(false);
            return;
        }

        var authFailure = Authenticate(context.Request.Query, out var identifier);
        if (authFailure is { } failure)
        {
            await WriteFailureAsync(context, failure.Code, failure.Info).ConfigureAwait(false);
            return;
        }

        var options = _emulator.Options;
        var limit = options.GetRateLimit(path);
        var arrived = options.Clock.GetUtcNow();
        _callbacks?.CountRequest(service, command, limit, arrived);
        if (!_emulator.Stats.Rates.TryAcquire(path, limit, arrived))
        {
            await WriteFailureAsync(context, EmulatorErrorCodes.RateLimited, "REST API call rate over the limit of " + path).ConfigureAwait(false);
            return;
        }

        // The body is read before any fault: a delayed call must still have it when it wakes up.
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await WriteFailureAsync(context, EmulatorErrorCodes.RequestJsonParseError, "the request body is not a JSON object").ConfigureAwait(false);
            return;
        }

        var fault = _emulator.Faults.Pick(path);
        switch (fault?.Kind)
        {
            case FaultKind.HttpError:
                body.Dispose();
                context.Response.StatusCode = fault.HttpStatus;
                await context.Response.WriteAsync("emulated HTTP " + fault.HttpStatus.ToString(CultureInfo.InvariantCulture), context.RequestAborted).ConfigureAwait(false);
                return;
            case FaultKind.ErrorCode:
                body.Dispose();
                await WriteFailureAsync(context, fault.ErrorCode, "emulated transient error").ConfigureAwait(false);
                return;
            case FaultKind.ConnectionReset:
                // The connection drops before the call is handled: nothing is stored, and the client cannot tell.
                body.Dispose();
                context.Abort();
                return;
            case FaultKind.Delay:
                // Not tied to RequestAborted: the call is processed even when the client has given up,
                // which is exactly the case that makes a blind retry duplicate a message.
                await Task.Delay(fault.Delay, options.Clock).ConfigureAwait(false);
                break;
        }

        // Third-party callbacks (Callbacks/EmulatorCallbacks.cs): the app's before-callback may reject, drop or
        // rewrite a send, or refuse an operation (group creation, invitations, ...); it runs here, outside the state
        // lock, as Tencent waits for it before processing.
        var callbacks = _callbacks is not null && ImCsGen.Emulator.Callbacks.EmulatorCallbacks.Applies(path) && !SenderGloballyMuted(path, body.RootElement, identifier!) ? _callbacks : null;
        System.Collections.Generic.IReadOnlyList<string>? refused = null;
        if (callbacks is not null)
        {
            var decision = await callbacks.BeforeSendAsync(path, body.RootElement, identifier!, options.Clock.GetUtcNow().ToUnixTimeSeconds()).ConfigureAwait(false);
            if (decision.Answer is { } answer)
            {
                body.Dispose();
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (decision.Body is { } rewritten)
            {
                body.Dispose();
                body = rewritten;
            }

            refused = decision.Refused;
        }

        byte[] response;
        int code;
        using (body)
        {
            (response, code) = Process(endpoint, body.RootElement, identifier!, refused);
            if (code == 0 && callbacks is not null)
            {
                callbacks.AfterSend(path, body.RootElement, identifier!, options.Clock.GetUtcNow().ToUnixTimeSeconds(), response);
            }
        }

        _emulator.Stats.Response(code);
        if (code == 0)
        {
            _emulator.Stats.Success(path);
        }

        if (fault?.Kind == FaultKind.ReplyLost)
        {
            // Stored, but the client never hears about it.
            context.Abort();
            return;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away (its timeout) while the call was processed: the call stands, the answer is lost.
        }
    }

    /// <summary>Runs a handler under the state lock and returns the whole response body and its code.</summary>
    internal (byte[] Body, int Code) Process(EmulatedEndpoint endpoint, JsonElement body, string identifier, System.Collections.Generic.IReadOnlyList<string>? refusedByCallback = null)
    {
        var state = _emulator.State;
        var buffer = new ArrayBufferWriter<byte>(512);
        ImCsGen.Callbacks.ImCallbackPayload[]? raised = null;
        ImCall? call = null;
        try
        {
            lock (state.Sync)
            {
                state.PendingCallbacks.Clear();
                using var writer = new Utf8JsonWriter(buffer, Json.WriterOptions);
                writer.WriteStartObject();
                writer.WriteString("ActionStatus", "OK");
                writer.WriteString("ErrorInfo", string.Empty);
                writer.WriteNumber("ErrorCode", 0);
                // The spec's field limits (required, items, bytes, ranges) on every endpoint, before the handler sees the body.
                SpecValidation.Validate(endpoint.Path, body, endpoint.InvalidParameterCode);
                call = new ImCall(endpoint.Path, body, writer, state, _emulator.Options.Clock.GetUtcNow(), endpoint.InvalidParameterCode, _emulator.Options, identifier) { RefusedByCallback = refusedByCallback };
                endpoint.Handler(call);
                writer.WriteEndObject();
                if (state.PendingCallbacks.Count > 0)
                {
                    raised = state.PendingCallbacks.ToArray();
                    state.PendingCallbacks.Clear();
                }
            }

            // After-event callbacks of a call that succeeded, sent outside the lock.
            foreach (var payload in raised ?? Array.Empty<ImCsGen.Callbacks.ImCallbackPayload>())
            {
                _callbacks?.Fire(payload);
            }

            return (buffer.WrittenSpan.ToArray(), 0);
        }
        catch (ImCallException failure)
        {
            // The few after-events Tencent raises for a refused call (a join refused because the group is full).
            foreach (var payload in call?.FailureCallbacks ?? new System.Collections.Generic.List<ImCsGen.Callbacks.ImCallbackPayload>())
            {
                _callbacks?.Fire(payload);
            }

            return (Envelope(failure.ErrorCode, failure.Message), failure.ErrorCode);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or OverflowException)
        {
            // A value of the wrong JSON type deep inside an item: the group's invalid-parameter code, not an HTTP 500.
            return (Envelope(endpoint.InvalidParameterCode, "invalid request body: " + e.Message), endpoint.InvalidParameterCode);
        }
    }

    /// <summary>
    /// Whether the sender of a C2C or group send is under global mute: Tencent then refuses the send (20012, 10017) without
    /// calling the before-send callback (https://cloud.tencent.com/document/product/269/4230); the handler refuses it.
    /// </summary>
    private bool SenderGloballyMuted(string path, JsonElement body, string identifier)
    {
        if (!ImCsGen.Emulator.Callbacks.EmulatorCallbacks.IsSend(path))
        {
            return false;
        }

        var group = path == ImCsGen.Emulator.Callbacks.GroupCallbacks.SendPath;
        var from = body.TryGetProperty("From_Account", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : identifier;
        var state = _emulator.State;
        var now = _emulator.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        lock (state.Sync)
        {
            return group ? state.Areas.IsGroupMuted(from, now) : state.Areas.IsC2CMuted(from, now);
        }
    }

    /// <summary>Sends an after-event callback raised outside a REST call (the control API's logins and logouts).</summary>
    internal void FireCallback(ImCsGen.Callbacks.ImCallbackPayload payload) => _callbacks?.Fire(payload);

    private (int Code, string Info)? Authenticate(IQueryCollection query, out string? identifier)
    {
        identifier = null;
        var options = _emulator.Options;
        var sdkAppIdText = query["sdkappid"].ToString();
        if (sdkAppIdText.Length == 0)
        {
            return (EmulatorErrorCodes.SdkAppIdMissing, "sdkappid is missing from the URL");
        }

        if (!long.TryParse(sdkAppIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var sdkAppId) || sdkAppId <= 0)
        {
            return (EmulatorErrorCodes.SdkAppIdInvalid, "sdkappid is not a valid SDKAppID");
        }

        if (sdkAppId != options.SdkAppId)
        {
            return (EmulatorErrorCodes.SdkAppIdNotFound, "no App with this SDKAppID in this data centre");
        }

        identifier = query["identifier"].ToString();
        if (identifier.Length == 0)
        {
            return (EmulatorErrorCodes.AccountError, "identifier is missing from the URL");
        }

        var userSig = query["usersig"].ToString();
        if (userSig.Length == 0)
        {
            return (EmulatorErrorCodes.SignatureError, "usersig is missing from the URL");
        }

        var random = query["random"].ToString();
        if (random.Length > 0 && !uint.TryParse(random, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return (EmulatorErrorCodes.HttpParseError, "random must be a uint32");
        }

        var contentType = query["contenttype"].ToString();
        if (contentType.Length > 0 && !string.Equals(contentType, "json", StringComparison.Ordinal))
        {
            return (EmulatorErrorCodes.HttpParseError, "contenttype must be json");
        }

        // The sig never appears in an answer or a log, only the verdict.
        var check = UserSig.Verify(userSig, sdkAppId, options.SecretKey, identifier, options.Clock.GetUtcNow());
        switch (check)
        {
            case UserSigCheck.Valid:
                break;
            case UserSigCheck.Expired:
                return (EmulatorErrorCodes.UserSigExpired, "UserSig expired");
            case UserSigCheck.Malformed:
                return (EmulatorErrorCodes.UserSigMalformed, "UserSig could not be parsed");
            case UserSigCheck.BadSignature:
                return (EmulatorErrorCodes.UserSigBadSignature, "UserSig verification failed");
            case UserSigCheck.IdentifierMismatch:
                return (EmulatorErrorCodes.UserSigIdentifierMismatch, "the identifier does not match the UserSig");
            case UserSigCheck.SdkAppIdMismatch:
                return (EmulatorErrorCodes.UserSigSdkAppIdMismatch, "the SDKAppID does not match the UserSig");
            default:
                return (EmulatorErrorCodes.UserSigMalformed, "UserSig could not be parsed");
        }

        var admin = identifier;
        if (!options.Administrators.Any(a => string.Equals(a, admin, StringComparison.Ordinal)))
        {
            return (EmulatorErrorCodes.AdminRequired, "the identifier is not an App administrator");
        }

        return null;
    }

    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > MaxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client gave up before sending the whole body: nothing to process.
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(memory.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return null;
            }

            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteFailureAsync(HttpContext context, int code, string info)
    {
        _emulator.Stats.Response(code);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Envelope(code, info), context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Envelope(int code, string info)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("ActionStatus", "FAIL");
            writer.WriteString("ErrorInfo", info);
            writer.WriteNumber("ErrorCode", code);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
