using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.AspNetCore;

/// <summary>
/// The callback endpoint as one <see cref="RequestDelegate"/>: verify the query string, read the body with
/// Utf8JsonReader into the command's generated payload, answer a repeated event from the cache, run the
/// handler (before-callbacks within their budget), write the reply. No reflection, no MVC, no JSON serializer.
/// </summary>
internal sealed class ImCallbackEndpoint
{
    private readonly ImCallbackOptions _options;
    private readonly ImCallbackHandlers _handlers;
    private readonly ImCallbackVerifier _verifier;
    private readonly IDistributedCache _cache;
    private readonly ILogger _logger;

    // The cache's value for an event whose handler is running (at this instance or another): a reply is JSON and
    // starts with '{', never with a zero byte. Another delivery of the event that finds it waits for the reply
    // instead of running the handler a second time (Tencent's retry after a slow first answer, sent by the load
    // balancer to another instance, is the case this is for).
    private static readonly byte[] InProgress = [0];

    // How often a delivery that found the event in progress elsewhere looks for its reply.
    private static readonly TimeSpan InProgressPoll = TimeSpan.FromMilliseconds(25);

    // Deliveries of one event that arrive together at this instance run the handler once: the later one waits for
    // the earlier and then finds its reply in the cache. Across instances the in-progress mark does that; a window
    // of one cache round trip remains between its get and set (IDistributedCache has no atomic add).
    private readonly Dictionary<string, EventGate> _gates = new(StringComparer.Ordinal);

    public ImCallbackEndpoint(IServiceProvider services)
    {
        _options = services.GetRequiredService<ImCallbackOptions>();
        _handlers = services.GetRequiredService<ImCallbackHandlers>();
        _verifier = new ImCallbackVerifier(_options.Verification, services.GetService<TimeProvider>());
        _cache = services.GetRequiredService<IDistributedCache>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ImCsGen.AspNetCore.Callbacks");
    }

    public async Task HandleAsync(HttpContext http)
    {
        var query = http.Request.Query;
        string? command = query["CallbackCommand"];
        var verification = _verifier.Verify(query["SdkAppid"], query["RequestTime"], query["Sign"]);
        if (!verification.IsAccepted)
        {
            await RefuseAsync(http, command, verification.StatusCode, verification.Rejection.ToString(), verification.Detail).ConfigureAwait(false);
            return;
        }

        if (!_options.Resolve(command, out var descriptor))
        {
            await RefuseAsync(http, command, StatusCodes.Status400BadRequest, "UnknownCommand", "CallbackCommand '" + (command ?? "(missing)") + "' is not a callback the spec knows").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            await RefuseAsync(http, command, StatusCodes.Status413PayloadTooLarge, "BodyTooLarge", "the body exceeds " + _options.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes").ConfigureAwait(false);
            return;
        }

        ImCallbackPayload payload;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            payload = descriptor.ReadPayload(ref reader);
        }
        catch (Exception e) when (e is JsonException or ImJsonException or InvalidOperationException)
        {
            await RefuseAsync(http, command, StatusCodes.Status400BadRequest, "MalformedJson", e.Message).ConfigureAwait(false);
            return;
        }

        if (payload.CallbackCommand is { } bodyCommand && !string.Equals(bodyCommand, descriptor.Command, StringComparison.Ordinal))
        {
            await RefuseAsync(http, command, StatusCodes.Status400BadRequest, "CommandMismatch", "the body's CallbackCommand '" + bodyCommand + "' differs from the query string's").ConfigureAwait(false);
            return;
        }

        var eventKey = "imcb:" + descriptor.Command + ":" + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();
        var gate = Enter(eventKey);
        try
        {
            await gate.Semaphore.WaitAsync(http.RequestAborted).ConfigureAwait(false);
            try
            {
                await HandleEventAsync(http, query, descriptor, payload, eventKey).ConfigureAwait(false);
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Leave(eventKey, gate);
        }
    }

    private EventGate Enter(string eventKey)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(eventKey, out var gate))
            {
                _gates[eventKey] = gate = new EventGate();
            }

            gate.Users++;
            return gate;
        }
    }

    private void Leave(string eventKey, EventGate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(eventKey);
            }
        }
    }

    private async Task HandleEventAsync(HttpContext http, IQueryCollection query, ImCallbackDescriptor descriptor, ImCallbackPayload payload, string eventKey)
    {
        var cached = await _cache.GetAsync(eventKey, http.RequestAborted).ConfigureAwait(false);
        if (IsInProgress(cached))
        {
            cached = await WaitForReplyAsync(eventKey, http.RequestAborted).ConfigureAwait(false);
            if (IsInProgress(cached))
            {
                // Still running elsewhere after as long as Tencent waits: answer without running the handler, and
                // remember nothing (the other delivery's reply will be the event's).
                var busy = descriptor.Kind == ImCallbackKind.Before
                    ? _options.FallbackReply(descriptor)
                    : new ImCallbackReply { ActionStatus = "FAIL", ErrorCode = 1, ErrorInfo = "the event is being handled by another delivery" };
                ImCallbackLog.InProgressElsewhere(_logger, descriptor.Command, eventKey, busy.ErrorCode);
                await WriteAsync(http, Serialize(busy)).ConfigureAwait(false);
                return;
            }
        }

        if (cached is not null)
        {
            ImCallbackLog.Duplicate(_logger, descriptor.Command, eventKey);
            await WriteAsync(http, cached).ConfigureAwait(false);
            return;
        }

        await _cache.SetAsync(eventKey, InProgress, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.InProgressTimeout }, CancellationToken.None).ConfigureAwait(false);
        var context = new ImCallbackContext(http.RequestServices, descriptor.Command, query["ClientIP"], query["OptPlatform"], eventKey);
        var (reply, remember) = await InvokeAsync(descriptor, payload, context, http.RequestAborted).ConfigureAwait(false);
        var bytes = Serialize(reply);
        if (remember)
        {
            await _cache.SetAsync(eventKey, bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.DuplicateWindow }, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            // Not remembered: the next delivery runs the handler again, at whichever instance it reaches.
            await _cache.RemoveAsync(eventKey, CancellationToken.None).ConfigureAwait(false);
        }

        await WriteAsync(http, bytes).ConfigureAwait(false);
    }

    private static bool IsInProgress(byte[]? cached) => cached is [0];

    // Another delivery of the event is running its handler: wait, as long as Tencent waits for an answer (a
    // before-callback's budget), for its reply; or for the mark to go (that handler failed: run it here).
    private async Task<byte[]?> WaitForReplyAsync(string eventKey, CancellationToken aborted)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        byte[]? cached;
        do
        {
            await Task.Delay(InProgressPoll, aborted).ConfigureAwait(false);
            cached = await _cache.GetAsync(eventKey, aborted).ConfigureAwait(false);
        }
        while (IsInProgress(cached) && System.Diagnostics.Stopwatch.GetElapsedTime(started) < _options.BeforeCallbackBudget);

        return cached;
    }

    private async Task<(ImCallbackReply Reply, bool Remember)> InvokeAsync(ImCallbackDescriptor descriptor, ImCallbackPayload payload, ImCallbackContext context, CancellationToken aborted)
    {
        if (!_handlers.TryGet(descriptor.Command, out var handler))
        {
            ImCallbackLog.Unhandled(_logger, descriptor.Command);
            return (descriptor.Kind == ImCallbackKind.Before ? _options.FallbackReply(descriptor) : ImCallbackReply.Ok(), true);
        }

        if (descriptor.Kind == ImCallbackKind.After)
        {
            try
            {
                return ((await handler(payload, context, aborted).ConfigureAwait(false)) ?? ImCallbackReply.Ok(), true);
            }
            catch (Exception e) when (e is not OperationCanceledException || !aborted.IsCancellationRequested)
            {
                // Not remembered: if Tencent delivers the event again, the handler gets another chance.
                ImCallbackLog.HandlerFailed(_logger, e, descriptor.Command, "FAIL");
                return (new ImCallbackReply { ActionStatus = "FAIL", ErrorCode = 1, ErrorInfo = "handler failed" }, false);
            }
        }

        // Before-callback: Tencent waits 2 s, then proceeds without us. Answer within the budget, always.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(_options.BeforeCallbackBudget);
        var work = handler(payload, context, budget.Token).AsTask();
        var finished = await Task.WhenAny(work, Task.Delay(_options.BeforeCallbackBudget, aborted)).ConfigureAwait(false);
        if (finished != work)
        {
            var fallback = _options.FallbackReply(descriptor);
            ImCallbackLog.Overran(_logger, descriptor.Command, (long)_options.BeforeCallbackBudget.TotalMilliseconds, fallback.ErrorCode);
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return (fallback, false);
        }

        try
        {
            var reply = (await work.ConfigureAwait(false)) ?? ImCallbackReply.Ok();
            if (reply.Outcome != ImCallbackOutcomes.None && (descriptor.Outcomes & reply.Outcome) == 0)
            {
                ImCallbackLog.UnsupportedOutcome(_logger, descriptor.Command, reply.Outcome.ToString(), descriptor.Outcomes.ToString());
            }

            reply.Validate();
            return (reply, true);
        }
        catch (Exception e)
        {
            var fallback = _options.FallbackReply(descriptor);
            ImCallbackLog.HandlerFailed(_logger, e, descriptor.Command, "the fallback reply (ErrorCode " + fallback.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
            return (fallback, false);
        }
    }

    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is { } length && length > _options.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk.AsMemory(), http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private async Task RefuseAsync(HttpContext http, string? command, int status, string reason, string detail)
    {
        ImCallbackLog.Refused(_logger, command, status, reason, detail);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(reason, Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Serialize(ImCallbackReply reply)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            reply.WriteJson(writer);
        }

        return output.WrittenSpan.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, byte[] bytes)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The deliveries of one event in progress at this instance, one at a time.</summary>
    private sealed class EventGate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
