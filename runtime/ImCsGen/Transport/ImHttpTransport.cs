using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Diagnostics;
using ImCsGen.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// The real <see cref="IImTransport"/>: validates, fills de-duplication keys once, throttles per endpoint,
/// POSTs to Tencent (or the emulator), reads the envelope into the typed response or an
/// <see cref="ImException"/>, and retries on the rules in the README (Polly.Core pipeline per endpoint:
/// overall deadline, retry with jittered exponential backoff, rate limiter, per-attempt timeout).
/// </summary>
public sealed class ImHttpTransport : IImTransport, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with IHttpClientFactory.</summary>
    public const string HttpClientName = "ImCsGen";

    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("ImCsGen.CallState");
    private static readonly JsonWriterOptions BodyWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static BodyWriter? t_bodyWriter;

    private readonly Func<HttpClient> _httpClient;
    private readonly HttpClient? _ownedHttpClient;
    private readonly ImClientOptions _options;
    private readonly IUserSigProvider _userSigs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ImTelemetry _telemetry;
    private readonly IImRandomSource _random;
    private readonly IImRandomSource _idempotencyKeys;
    private readonly Func<double>? _jitter;
    private readonly ImRateLimiterRegistry _limiters;
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly ImFailoverPolicy _failover;
    private int _disposed;

    /// <summary>Creates the transport over <paramref name="httpClient"/> (not disposed by the transport).</summary>
    public ImHttpTransport(HttpClient httpClient, ImClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(Check(httpClient), options, loggerFactory, timeProvider, meterFactory, null, null, null)
    {
    }

    /// <summary>Creates the transport over clients named <see cref="HttpClientName"/> from <paramref name="httpClientFactory"/>.</summary>
    public ImHttpTransport(IHttpClientFactory httpClientFactory, ImClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(Check(httpClientFactory, HttpClientName), options, loggerFactory, timeProvider, meterFactory, null, null, null)
    {
    }

    /// <summary>Creates the transport over clients named <paramref name="httpClientName"/> (one per keyed registration).</summary>
    internal ImHttpTransport(IHttpClientFactory httpClientFactory, string httpClientName, ImClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory)
        : this(Check(httpClientFactory, httpClientName), options, loggerFactory, timeProvider, meterFactory, null, null, null)
    {
    }

    /// <summary>Test seam: injectable random source (MsgRandom and the URL's <c>random</c>) and jitter randomizer.</summary>
    internal ImHttpTransport(Func<HttpClient> httpClient, ImClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory, IImRandomSource? random, Func<double>? jitter, HttpClient? ownedHttpClient)
    {
        _ownedHttpClient = ownedHttpClient;
        ArgumentNullException.ThrowIfNull(options);

        // A copy taken now: changing the caller's options object later does not change calls in flight.
        options = options.Copy();
        options.Validate();
        _httpClient = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<ImHttpTransport>() ?? NullLogger.Instance;
        _telemetry = new ImTelemetry(meterFactory);
        _random = random ?? ImRandomSource.Shared;
        _idempotencyKeys = new ImIdempotencyKeySource(_random, _time);
        _jitter = jitter;
        _userSigs = options.UserSigProvider ?? new CachingUserSigProvider(options.SdkAppId, options.SecretKey!, options.UserSigLifetime, _time);
        _limiters = new ImRateLimiterRegistry(options);
        _failover = new ImFailoverPolicy(options.GetPrimaryBaseAddress(), options.GetStandbyBaseAddress(), options, _time);
    }

    /// <summary>The UserSig source in use (the caching secret-key provider unless the options name another).</summary>
    public IUserSigProvider UserSigProvider => _userSigs;

    /// <summary>The limiter of <paramref name="endpoint"/> (tests read its queue statistics).</summary>
    internal System.Threading.RateLimiting.RateLimiter GetRateLimiter(ImEndpoint endpoint) => _limiters.Get(endpoint);

    /// <summary>The per-endpoint limiters (tests switch off their automatic refill).</summary>
    internal ImRateLimiterRegistry Limiters => _limiters;

    /// <summary>Creates a transport that owns a new <see cref="HttpClient"/> (disposed with the transport).</summary>
    public static ImHttpTransport CreateOwning(ImClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new HttpClient(ImHttpHandlers.CreatePrimary(options))
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        try
        {
            return new ImHttpTransport(() => client, options, loggerFactory, timeProvider, null, null, null, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : IImRequest
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var endpoint = request.Endpoint ?? throw new ArgumentException("The request has no endpoint.", nameof(request));

        // Nothing is sent when a constraint is broken: Validate throws ImValidationException naming the field.
        request.Validate();

        // Once per logical call: every attempt below sends these same keys, so Tencent de-duplicates a
        // message whose first attempt did arrive although its answer was lost. The keys live in this call
        // only (never in the caller's request object) and are reported on the response and the exception.
        var keys = request.ChooseDeduplicationKeys(_idempotencyKeys);
        var body = Serialize(request, keys);

        var started = _time.GetTimestamp();
        var state = new CallState(this, endpoint, body, Deadline()) { Keys = keys };
        using var activity = ImTelemetry.ActivitySource.StartActivity("IM " + endpoint.Path, ActivityKind.Client);
        activity?.SetTag("im.endpoint", endpoint.Path);
        activity?.SetTag("im.sdkappid", _options.SdkAppId);
        activity?.SetTag("rpc.system", "tencent_im");

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var response = await GetPipeline(endpoint)
                .ExecuteAsync(static (ctx, s) => s.Owner.AttemptAsync<TResponse>(s, ctx.CancellationToken), context, state)
                .ConfigureAwait(false);
            var outcome = "success";
            if (response.HasItemErrors)
            {
                // The call succeeded but some items failed: the typed response carries them; say so in the log.
                outcome = "partial";
                ImLog.ItemErrors(_logger, endpoint.Path, response.RequestId);
                activity?.SetTag("im.item_errors", true);
            }

            var elapsed = _time.GetElapsedTime(started);
            _telemetry.RecordCall(endpoint.Path, outcome, elapsed.TotalSeconds);
            activity?.SetTag("im.attempts", state.Attempts);
            ImLog.Succeeded(_logger, endpoint.Path, state.Attempts, (long)elapsed.TotalMilliseconds);
            response.DeduplicationKeys = keys;
            return response;
        }
        catch (ImException error)
        {
            error.Attempts = state.Attempts;
            Fail(state, error, activity, started);
            throw;
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            var deadlinePassed = _time.GetUtcNow() >= state.Deadline;
            var detail = deadlinePassed
                ? "the call's deadline (TotalTimeout " + Seconds(_options.TotalTimeout) + ") passed"
                : "no answer within Timeout (" + Seconds(_options.Timeout) + ") on attempt " + state.Attempts.ToString(CultureInfo.InvariantCulture);

            // No attempt that could have reached Tencent: the call waited in the rate limiter (or between
            // connect failures) until its deadline, so it was certainly not processed and may be sent again.
            var notProcessed = deadlinePassed && !state.MaybeProcessed;
            if (notProcessed)
            {
                detail += state.InLimiter
                    ? " while the call waited in the client-side rate limiter; nothing was sent"
                    : "; no attempt reached Tencent";
            }

            // After the deadline, the failure worth showing is the last attempt's; an attempt timeout is its own cause.
            var cause = deadlinePassed ? state.LastError ?? timeout : timeout;
            var error = new ImTransportException(ImErrorCodes.Timeout, endpoint.Path, detail, notProcessed, null, cause) { Attempts = state.Attempts };
            Fail(state, error, activity, started);
            throw error;
        }
        catch (RateLimiterRejectedException rejected)
        {
            var error = new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, "more than RateLimitQueueLimit (" + _options.RateLimitQueueLimit.ToString(CultureInfo.InvariantCulture) + ") calls are waiting for this endpoint", true, null, rejected) { Attempts = state.Attempts };
            Fail(state, error, activity, started);
            throw error;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _limiters.Dispose();
            _ownedHttpClient?.Dispose();
        }
    }

    private static Func<HttpClient> Check(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static Func<HttpClient> Check(IHttpClientFactory factory, string name)
    {
        ArgumentNullException.ThrowIfNull(factory);

        // A client per call is the IHttpClientFactory pattern: cheap, and handlers rotate for DNS changes.
        return () => factory.CreateClient(name);
    }

    // One buffer and writer per thread, reset after each call (as STJ's SerializeToUtf8Bytes does with its own
    // cache): a call allocates only the body array, not a new ArrayBufferWriter and Utf8JsonWriter (~750 bytes).
    // The cache is taken off the thread while in use, so a re-entrant call would simply build its own.
    private static byte[] Serialize(IImRequest request, ImCsGen.Idempotency.ImDeduplicationKeys? keys)
    {
        var cache = t_bodyWriter ?? new BodyWriter();
        t_bodyWriter = null;
        try
        {
            if (keys is { } chosen)
            {
                request.WriteJson(cache.Writer, in chosen);
            }
            else
            {
                request.WriteJson(cache.Writer);
            }
            cache.Writer.Flush();
            return cache.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            cache.Buffer.ResetWrittenCount();
            cache.Writer.Reset(cache.Buffer);

            // An unusually large body does not stay cached on the thread.
            if (cache.Buffer.Capacity <= BodyWriter.MaxCachedCapacity)
            {
                t_bodyWriter = cache;
            }
        }
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static bool IsConnectFailure(HttpRequestException exception)
    {
        // These errors happen before a byte of the request is sent: Tencent certainly did not process it.
        if (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        return exception.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain };
    }

    private static bool HasTimeout(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    // SocketsHttpHandler reports an elapsed ConnectTimeout as a cancellation (with a TimeoutException inside)
    // that is not the caller's and not ours; HttpClient.Timeout looks the same, so a cancellation counts as a
    // connect timeout only when that client's Timeout is off or has not elapsed yet.
    private static bool IsConnectTimeout(OperationCanceledException exception, HttpClient client, long sendStarted)
    {
        if (!HasTimeout(exception))
        {
            return false;
        }

        return client.Timeout == System.Threading.Timeout.InfiniteTimeSpan || Stopwatch.GetElapsedTime(sendStarted) < client.Timeout;
    }

    private DateTimeOffset Deadline()
        => _options.TotalTimeout == System.Threading.Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + _options.TotalTimeout;

    private void Fail(CallState state, ImException error, Activity? activity, long started)
    {
        var path = state.Endpoint.Path;
        error.DeduplicationKeys = state.Keys;
        _telemetry.RecordError(path, error.ErrorCode);
        _telemetry.RecordCall(path, "error", _time.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("im.attempts", state.Attempts);
        activity?.SetTag("im.error_code", error.ErrorCode);
        activity?.SetStatus(ActivityStatusCode.Error, error.Meaning);
        if (error is ImTransportException)
        {
            ImLog.TransportFailed(_logger, error, path, state.Attempts);
        }
        else
        {
            ImLog.Failed(_logger, path, error.ErrorCode, error.Meaning, state.Attempts, error.ErrorInfo);
        }
    }

    private ResiliencePipeline GetPipeline(ImEndpoint endpoint)
    {
        if (_pipelines.TryGetValue(endpoint.Path, out var pipeline))
        {
            return pipeline;
        }

        lock (_pipelines)
        {
            return _pipelines.GetOrAdd(endpoint.Path, _ => BuildPipeline(endpoint));
        }
    }

    private ResiliencePipeline BuildPipeline(ImEndpoint endpoint)
    {
        // Outermost first: deadline of the whole call > retries > rate limiter (each attempt takes a
        // permit, waiting in a queue) > timeout of one attempt. The limiter sits outside the attempt
        // timeout so that waiting in the queue is never mistaken for an unanswered request.
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time, Name = "ImCsGen", InstanceName = endpoint.Path };
        if (_options.TotalTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.TotalTimeout, Name = "deadline" });
        }

        if (_options.MaxRetryAttempts > 0)
        {
            var retry = new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = static args => new ValueTask<bool>(args.Context.Properties.GetValue(StateKey, null!).Owner.ShouldRetry(args.Outcome.Exception, args.Context)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Outcome.Exception is ImException { RetryClass: ImRetryClass.AfterLongWait } ? LongWait : null),
                OnRetry = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    state.Owner.OnRetry(state, args.Outcome.Exception, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            };
            if (_jitter is not null)
            {
                retry.Randomizer = _jitter;
            }

            builder.AddRetry(retry);
        }

        if (_options.EnableRateLimiting)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = "limiter",
                RateLimiter = static args => args.Context.Properties.GetValue(StateKey, null!).Owner.AcquireAsync(args.Context),
            });
        }

        if (_options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.Timeout, Name = "attempt" });
        }

        return builder.Build();
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        if (exception is null || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var state = context.Properties.GetValue(StateKey, null!);
        var retryClass = exception switch
        {
            ImException error => error.RetryClass,

            // A timed-out attempt may have reached Tencent: its outcome is unknown.
            TimeoutRejectedException => ImRetryClass.OutcomeUnknown,
            _ => ImRetryClass.Never,
        };

        if (exception is ImTransportException { ErrorCode: ImErrorCodes.ClientRateLimited })
        {
            // Refused by our own limiter (queue full, deadline out of reach): repeating at once changes nothing.
            return false;
        }

        if (!_options.RetryBusinessErrors && exception is ImException { ErrorCode: 10002 or 20004 or 20005 })
        {
            return false;
        }

        return retryClass switch
        {
            ImRetryClass.NotProcessed => true,

            // Repeating an Unsafe call whose first attempt may have arrived could act twice.
            ImRetryClass.OutcomeUnknown => state.Endpoint.Idempotency != ImIdempotency.Unsafe,

            // 70050 asks for a wait of at least a minute: only worth it when the deadline leaves room.
            ImRetryClass.AfterLongWait => state.Deadline - _time.GetUtcNow() > LongWait,

            // 70001 is renewed and repeated inside the attempt; a second 70001 is final.
            _ => false,
        };
    }

    private void OnRetry(CallState state, Exception? exception, int attemptNumber, TimeSpan delay)
    {
        state.LastError = exception;
        var code = exception is ImException error ? error.ErrorCode : ImErrorCodes.Timeout;
        var meaning = ImErrorCodes.Describe(code).Meaning;
        _telemetry.RecordRetry(state.Endpoint.Path, code);
        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { { "im.error_code", code }, { "im.attempt", attemptNumber + 1 } }));
        ImLog.Retrying(_logger, state.Endpoint.Path, attemptNumber + 1, code, meaning, (long)delay.TotalMilliseconds);
    }

    private (Uri BaseAddress, bool Standby) CurrentBaseAddress(CallState state) => _failover.Choose(state.Route);

    // A connect failure sent nothing: the call's next attempt tries the other domain (see ImFailoverPolicy).
    private void OnConnectFailure(CallState state, bool standby, string reason)
    {
        var (route, change) = _failover.OnConnectFailure(standby);
        state.Route = route;
        var primary = _failover.Primary.Host;
        var standbyHost = _failover.Standby?.Host ?? string.Empty;
        switch (change)
        {
            case ImFailoverChange.CallMoved:
                ImTransportLog.CallFailingOver(_logger, primary, reason, standbyHost, _failover.RecentFailures, _failover.Threshold);
                break;
            case ImFailoverChange.AllCallsSwitched:
                _telemetry.RecordFailover(standbyHost);
                ImLog.FailingOver(_logger, primary, reason, standbyHost, _failover.Duration.TotalSeconds);
                break;
            case ImFailoverChange.FailedBack:
                ImTransportLog.FailingBack(_logger, standbyHost, reason, primary);
                break;
        }
    }

    // The limiter step of the pipeline: refuses at once a call that the queue ahead of it cannot serve before
    // its deadline, waits for the endpoint's quota (one permit per counted item) and then for a call permit.
    private async ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireAsync(ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        var endpoint = state.Endpoint;
        var limiter = _limiters.Get(endpoint);
        var remaining = state.Deadline - _time.GetUtcNow();
        var wait = _limiters.EstimateWait(endpoint);
        if (wait > remaining)
        {
            var reason = "the calls queued ahead of it need about " + Seconds(wait) + " at " + _limiters.GetLimit(endpoint).ToString(CultureInfo.InvariantCulture)
                + " calls/s, more than the " + Seconds(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining) + " left of its deadline (TotalTimeout " + Seconds(_options.TotalTimeout) + "); nothing was sent";
            ImTransportLog.LimiterRefused(_logger, endpoint.Path, reason);
            throw new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, reason, true, null, null, ImRetryClass.Never);
        }

        // Stays true when the deadline (or the caller) ends the wait, so the error can say where the call was.
        state.InLimiter = true;
        if (_limiters.GetQuota(endpoint) is { } quota)
        {
            var items = state.QuotaItems(endpoint.Quota!.CountField);
            var limit = _limiters.GetQuotaLimit(endpoint);
            if (items > limit)
            {
                throw new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, "the call counts " + items.ToString(CultureInfo.InvariantCulture) + " " + endpoint.Quota.CountField + " items, more than the quota of "
                    + limit.ToString(CultureInfo.InvariantCulture) + " per " + endpoint.Quota.PerSeconds.ToString(CultureInfo.InvariantCulture) + " s; nothing was sent", true, null, null, ImRetryClass.Never);
            }

            var permits = await quota.AcquireAsync(items, context.CancellationToken).ConfigureAwait(false);
            if (!permits.IsAcquired)
            {
                // Refused (queue full): Polly reports the lease as RateLimiterRejectedException.
                state.InLimiter = false;
                return permits;
            }

            // A sliding window returns nothing on release: the lease is only a receipt.
            permits.Dispose();
        }

        var lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(false);
        state.InLimiter = false;
        return lease;
    }

    // Reads the answer body up to MaxResponseBytes; a larger answer is refused, not buffered.
    private async Task<byte[]> ReadBodyAsync(HttpContent content, string path, int status, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (content.Headers.ContentLength is { } length && length > max)
        {
            throw TooLarge(path, status, length.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > max)
                    {
                        throw TooLarge(path, status, "more than " + max.ToString(CultureInfo.InvariantCulture) + " bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)max + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count, Math.Min(buffer.Length, max + 1) - count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
                if (count > max)
                {
                    throw TooLarge(path, status, "more than " + max.ToString(CultureInfo.InvariantCulture) + " bytes");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ImTransportException TooLarge(string path, int status, string size)
        => new(ImErrorCodes.InvalidResponse, path, "the answer has " + size + ", more than MaxResponseBytes (" + _options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture) + "); it was not read", false, status);

    private async ValueTask<TResponse> AttemptAsync<TResponse>(CallState state, CancellationToken cancellationToken)
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        var attempt = ++state.Attempts;
        var path = state.Endpoint.Path;
        var (baseAddress, standby) = CurrentBaseAddress(state);
        var identifier = _options.Identifier;
        var userSig = await _userSigs.GetUserSigAsync(identifier, cancellationToken).ConfigureAwait(false);
        var renewed = false;
        while (true)
        {
            // A fresh uint32 per HTTP request, as Tencent asks; the body (and its MsgRandom) stays the same.
            var random = _random.NextUInt32();
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                ImLog.Sending(_logger, path, attempt, ImRequestUri.BuildRedacted(baseAddress, path, _options.SdkAppId, identifier, random));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, ImRequestUri.Build(baseAddress, path, _options.SdkAppId, identifier, userSig, random))
            {
                Content = new ByteArrayContent(state.Body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

            int status;
            byte[] body;
            var client = _httpClient();
            var sendStarted = Stopwatch.GetTimestamp();
            var maybeProcessedBefore = state.MaybeProcessed;
            state.MaybeProcessed = true;
            try
            {
                // Headers first, then the body up to MaxResponseBytes: an oversized answer is never buffered whole.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                try
                {
                    body = await ReadBodyAsync(response.Content, path, status, cancellationToken).ConfigureAwait(false);
                }
                catch (System.IO.IOException exception)
                {
                    // The connection broke while the answer arrived: the request was sent, its outcome is unknown.
                    throw new ImTransportException(ImErrorCodes.NetworkError, path, Redact(exception.Message, userSig), false, status, null);
                }
            }
            catch (HttpRequestException exception)
            {
                var notProcessed = IsConnectFailure(exception);
                var detail = Redact(exception.Message, userSig);
                if (notProcessed)
                {
                    state.MaybeProcessed = maybeProcessedBefore;
                    if (HasTimeout(exception))
                    {
                        detail = "no connection within ConnectTimeout (" + Seconds(_options.GetConnectTimeout()) + "): " + detail;
                    }

                    OnConnectFailure(state, standby, detail);
                }

                throw new ImTransportException(ImErrorCodes.NetworkError, path, detail, notProcessed, null, Sanitize(exception, userSig));
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (IsConnectTimeout(exception, client, sendStarted))
                {
                    // SocketsHttpHandler.ConnectTimeout fired: no connection, so nothing was sent.
                    state.MaybeProcessed = maybeProcessedBefore;
                    var detail = "no connection to " + baseAddress.Host + " within ConnectTimeout (" + Seconds(_options.GetConnectTimeout()) + ")";
                    OnConnectFailure(state, standby, detail);
                    throw new ImTransportException(ImErrorCodes.NetworkError, path, detail, true, null, exception);
                }

                // HttpClient.Timeout fired, not ours (ours cancels cancellationToken).
                throw new ImTransportException(ImErrorCodes.Timeout, path, "HttpClient.Timeout elapsed", false, null, exception);
            }

            var outcome = Interpret<TResponse>(path, status, body, userSig);
            if (outcome.Error is { ErrorCode: ImErrorCodes.UserSigExpired } && !renewed)
            {
                // Tencent rejected the sig before processing anything: renew it and repeat once.
                renewed = true;
                ImLog.RenewingUserSig(_logger, identifier);
                _userSigs.Invalidate(identifier, userSig);
                userSig = await _userSigs.GetUserSigAsync(identifier, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (outcome.Error is not null)
            {
                throw outcome.Error;
            }

            return outcome.Response!;
        }
    }

    private (TResponse? Response, ImException? Error) Interpret<TResponse>(string path, int status, byte[] body, string userSig)
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        if (status is < 200 or > 299)
        {
            // An error status may still carry an IM envelope; its code is more precise than the status.
            if (TryReadEnvelope(body, out var envelope) && envelope.ErrorCode != 0)
            {
                return (null, FromEnvelope(path, envelope, status, userSig));
            }

            return (null, new ImTransportException(ImErrorCodes.HttpError, path, "HTTP " + status.ToString(CultureInfo.InvariantCulture), certainlyNotProcessed: status == 429, status));
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            var response = TResponse.ReadJson(ref reader);
            if (response.ErrorCode != 0)
            {
                return (null, FromEnvelope(path, response, status, userSig));
            }

            // Only ActionStatus OK is a success: {} or another service's JSON (a proxy page, a wrong
            // BaseAddress) also reads with ErrorCode 0, but nothing says the call was carried out.
            if (!string.Equals(response.ActionStatus, "OK", StringComparison.Ordinal))
            {
                var seen = response.ActionStatus is null ? "no ActionStatus" : "ActionStatus '" + Redact(Truncate(response.ActionStatus), userSig) + "'";
                return (null, new ImTransportException(ImErrorCodes.InvalidResponse, path, "HTTP " + status.ToString(CultureInfo.InvariantCulture) + " answer with " + seen + " and no error code is not an IM answer (expected ActionStatus OK; check BaseAddress and any proxy)", false, status));
            }

            return (response, null);
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // A failure body may lack fields the typed reader insists on: read just the envelope.
            if (TryReadEnvelope(body, out var envelope) && !envelope.IsSuccess)
            {
                return (null, FromEnvelope(path, envelope, status, userSig));
            }

            return (null, new ImTransportException(ImErrorCodes.InvalidResponse, path, Redact(exception.Message, userSig), false, status, exception));
        }
    }

    // A handler in the pipeline may put the request URL, and with it the UserSig, into its message. Such an
    // exception is not passed on (it would reach logs through ToString()); a copy with the text redacted is.
    private Exception Sanitize(HttpRequestException exception, string userSig)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (!string.Equals(Redact(current.Message, userSig), current.Message, StringComparison.Ordinal))
            {
                return new HttpRequestException(exception.HttpRequestError, Redact(exception.Message, userSig) + " (details redacted: they contained a secret)", null, exception.StatusCode);
            }
        }

        return exception;
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "...";

    private static bool TryReadEnvelope(byte[] body, out ImEnvelope envelope)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            envelope = ImEnvelope.ReadJson(ref reader);
            return envelope.ActionStatus is not null || envelope.ErrorCode != 0;
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            envelope = null!;
            return false;
        }
    }

    private ImException FromEnvelope(string path, ImResponse envelope, int status, string userSig)
    {
        var code = envelope.ErrorCode;
        var description = ImErrorCodes.Describe(code);
        return new ImException(code, Redact(envelope.ErrorInfo, userSig), path, envelope.RequestId, description.Meaning, description.Retry != ImRetryClass.Never)
        {
            ErrorDisplay = Redact(envelope.ErrorDisplay, userSig),
            HttpStatusCode = status,
        };
    }

    // Tencent's texts (and exception messages that quote a URL) could echo the sig; never pass it on.
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private string? Redact(string? text, string userSig)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (userSig.Length > 0)
        {
            text = text.Replace(userSig, ImRequestUri.RedactedUserSig, StringComparison.Ordinal);
        }

        if (!string.IsNullOrEmpty(_options.SecretKey))
        {
            text = text.Replace(_options.SecretKey, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private sealed class BodyWriter
    {
        public const int MaxCachedCapacity = 64 * 1024;

        public BodyWriter() => Writer = new Utf8JsonWriter(Buffer, BodyWriterOptions);

        public ArrayBufferWriter<byte> Buffer { get; } = new(512);

        public Utf8JsonWriter Writer { get; }
    }

    private sealed class CallState
    {
        public CallState(ImHttpTransport owner, ImEndpoint endpoint, byte[] body, DateTimeOffset deadline)
        {
            Owner = owner;
            Endpoint = endpoint;
            Body = body;
            Deadline = deadline;
        }

        public ImHttpTransport Owner { get; }

        public ImEndpoint Endpoint { get; }

        /// <summary>The request body, serialized once and sent unchanged on every attempt.</summary>
        public byte[] Body { get; }

        public DateTimeOffset Deadline { get; }

        public int Attempts { get; set; }

        /// <summary>Which domain the call's next attempt uses (see <see cref="ImFailoverPolicy"/>).</summary>
        public ImRoute Route { get; set; }

        /// <summary>Whether any attempt may have reached Tencent (false while every attempt failed to connect).</summary>
        public bool MaybeProcessed { get; set; }

        /// <summary>Whether the call is waiting in the client-side limiter (still true after a wait the deadline ended).</summary>
        public bool InLimiter { get; set; }

        private int _quotaItems = -1;

        /// <summary>The number of items of <paramref name="countField"/> in the body (array elements; 1 otherwise), counted once.</summary>
        public int QuotaItems(string countField)
        {
            if (_quotaItems < 0)
            {
                _quotaItems = ImQuotaCounter.Count(Body, countField);
            }

            return _quotaItems;
        }

        public Exception? LastError { get; set; }

        /// <summary>The de-duplication keys of this logical call (sent on every attempt), or null.</summary>
        public ImCsGen.Idempotency.ImDeduplicationKeys? Keys { get; init; }
    }
}
