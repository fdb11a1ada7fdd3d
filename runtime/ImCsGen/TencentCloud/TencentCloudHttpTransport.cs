using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using ImCsGen.Diagnostics;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ImCsGen.TencentCloud;

/// <summary>
/// The real <see cref="ITencentCloudTransport"/>: validates, serializes once, throttles per action, signs each
/// attempt with TC3-HMAC-SHA256 (fresh timestamp), POSTs to <c>https://{host}/</c> with the <c>X-TC-*</c>
/// headers, reads <c>{"Response": ...}</c> into the typed response or a <see cref="TencentCloudException"/>,
/// and retries by the same rules as the IM transport: a frequency limit (<c>RequestLimitExceeded</c>) or an
/// unreachable host is retried for any action, an internal error or a timeout only for idempotent actions,
/// authentication and parameter errors never. Pipeline per action: deadline > retry > rate limiter > attempt timeout.
/// </summary>
public sealed class TencentCloudHttpTransport : ITencentCloudTransport, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with IHttpClientFactory.</summary>
    public const string HttpClientName = "ImCsGen.TencentCloud";

    /// <summary>The Content-Type sent and signed (exactly: the signature covers it).</summary>
    public const string ContentType = "application/json";

    private static readonly ResiliencePropertyKey<CallState> StateKey = new("ImCsGen.TencentCloud.CallState");
    private static readonly JsonWriterOptions BodyWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Func<HttpClient> _httpClient;
    private readonly HttpClient? _ownedHttpClient;
    private readonly TencentCloudClientOptions _options;
    private readonly ITencentCloudCredentialProvider _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TencentCloudTelemetry _telemetry;
    private readonly Func<double>? _jitter;
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Creates the transport over <paramref name="httpClient"/> (not disposed by the transport).</summary>
    public TencentCloudHttpTransport(HttpClient httpClient, TencentCloudClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(Check(httpClient), options, loggerFactory, timeProvider, meterFactory, null, null)
    {
    }

    /// <summary>Creates the transport over clients named <see cref="HttpClientName"/> from <paramref name="httpClientFactory"/>.</summary>
    public TencentCloudHttpTransport(IHttpClientFactory httpClientFactory, TencentCloudClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(Check(httpClientFactory), options, loggerFactory, timeProvider, meterFactory, null, null)
    {
    }

    /// <summary>Test seam: jitter randomizer.</summary>
    internal TencentCloudHttpTransport(Func<HttpClient> httpClient, TencentCloudClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory, Func<double>? jitter, HttpClient? ownedHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _httpClient = httpClient;
        _ownedHttpClient = ownedHttpClient;
        _options = options;
        _credentials = options.GetCredentialProvider();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<TencentCloudHttpTransport>() ?? NullLogger.Instance;
        _telemetry = new TencentCloudTelemetry(meterFactory);
        _jitter = jitter;
    }

    /// <summary>Creates a transport that owns a new <see cref="HttpClient"/> (disposed with the transport).</summary>
    public static TencentCloudHttpTransport CreateOwning(TencentCloudClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        try
        {
            return new TencentCloudHttpTransport(() => client, options, loggerFactory, timeProvider, null, null, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : ITencentCloudRequest
        where TResponse : TencentCloudResponse, ITencentCloudResponse<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var action = request.Action ?? throw new ArgumentException("The request has no action.", nameof(request));

        // Nothing is sent when a constraint is broken: Validate throws ImValidationException naming the field.
        request.Validate();
        var body = Serialize(request);
        var started = _time.GetTimestamp();
        var state = new CallState(this, action, body, Deadline());
        using var activity = ImTelemetry.ActivitySource.StartActivity("TencentCloud " + action.Key, ActivityKind.Client);
        activity?.SetTag("tc.action", action.Key);
        activity?.SetTag("rpc.system", "tencent_cloud_api");
        activity?.SetTag("rpc.service", action.Service);
        activity?.SetTag("rpc.method", action.Name);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var response = await GetPipeline(action)
                .ExecuteAsync(static (ctx, s) => s.Owner.AttemptAsync<TResponse>(s, ctx.CancellationToken), context, state)
                .ConfigureAwait(false);
            var outcome = "success";
            if (response.HasItemErrors)
            {
                outcome = "partial";
                TencentCloudLog.ItemErrors(_logger, action.Key, response.RequestId);
            }

            var elapsed = _time.GetElapsedTime(started);
            _telemetry.RecordCall(action.Key, outcome, elapsed.TotalSeconds);
            activity?.SetTag("tc.attempts", state.Attempts);
            activity?.SetTag("tc.request_id", response.RequestId);
            TencentCloudLog.Succeeded(_logger, action.Key, state.Attempts, (long)elapsed.TotalMilliseconds, response.RequestId);
            return response;
        }
        catch (TencentCloudException error)
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
            var error = new TencentCloudException(TencentCloudErrorCodes.Timeout, detail, action.Key, null, null, deadlinePassed ? state.LastError ?? timeout : timeout) { Attempts = state.Attempts };
            Fail(state, error, activity, started);
            throw error;
        }
        catch (RateLimiterRejectedException rejected)
        {
            var error = new TencentCloudException(TencentCloudErrorCodes.ClientRateLimited, "more than RateLimitQueueLimit (" + _options.RateLimitQueueLimit.ToString(CultureInfo.InvariantCulture) + ") calls are waiting for this action", action.Key, null, null, rejected) { Attempts = state.Attempts };
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
            lock (_limiters)
            {
                foreach (var limiter in _limiters.Values)
                {
                    limiter.Dispose();
                }

                _limiters.Clear();
            }

            _ownedHttpClient?.Dispose();
        }
    }

    /// <summary>The Host header value for <paramref name="uri"/> (port included when not the scheme's default), as signed.</summary>
    internal static string HostHeader(Uri uri) => uri.IsDefaultPort ? uri.Host : uri.Authority;

    private static Func<HttpClient> Check(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static Func<HttpClient> Check(IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return () => factory.CreateClient(HttpClientName);
    }

    private static byte[] Serialize(ITencentCloudRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, BodyWriterOptions))
        {
            request.WriteJson(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static bool IsConnectFailure(HttpRequestException exception)
    {
        if (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        return exception.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain };
    }

    private DateTimeOffset Deadline()
        => _options.TotalTimeout == System.Threading.Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + _options.TotalTimeout;

    private void Fail(CallState state, TencentCloudException error, Activity? activity, long started)
    {
        var key = state.Action.Key;
        _telemetry.RecordError(key, error.Code);
        _telemetry.RecordCall(key, "error", _time.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("tc.attempts", state.Attempts);
        activity?.SetTag("tc.error_code", error.Code);
        activity?.SetStatus(ActivityStatusCode.Error, error.Code);
        TencentCloudLog.Failed(_logger, key, error.Code, state.Attempts, error.ErrorMessage, error.RequestId);
    }

    private ResiliencePipeline GetPipeline(TencentCloudAction action)
    {
        if (_pipelines.TryGetValue(action.Key, out var pipeline))
        {
            return pipeline;
        }

        lock (_pipelines)
        {
            return _pipelines.GetOrAdd(action.Key, _ => BuildPipeline(action));
        }
    }

    private ResiliencePipeline BuildPipeline(TencentCloudAction action)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time, Name = "ImCsGen.TencentCloud", InstanceName = action.Key };
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
                ShouldHandle = static args => new ValueTask<bool>(ShouldRetry(args.Outcome.Exception, args.Context)),
                OnRetry = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    state.LastError = args.Outcome.Exception;
                    var code = args.Outcome.Exception is TencentCloudException e ? e.Code : TencentCloudErrorCodes.Timeout;
                    state.Owner._telemetry.RecordRetry(state.Action.Key, code);
                    TencentCloudLog.Retrying(state.Owner._logger, state.Action.Key, args.AttemptNumber + 1, code, (long)args.RetryDelay.TotalMilliseconds);
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
            builder.AddRateLimiter(GetLimiter(action));
        }

        if (_options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.Timeout, Name = "attempt" });
        }

        return builder.Build();
    }

    private RateLimiter GetLimiter(TencentCloudAction action)
    {
        lock (_limiters)
        {
            if (!_limiters.TryGetValue(action.Key, out var limiter))
            {
                // The IM transport's bucket shape: no one-second window holds more than the limit less 1%.
                var (tokens, period) = ImRateLimiterRegistry.Shape(_options.GetRateLimit(action));
                limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = tokens,
                    TokensPerPeriod = tokens,
                    ReplenishmentPeriod = period,
                    AutoReplenishment = true,
                    QueueLimit = _options.RateLimitQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
                _limiters.Add(action.Key, limiter);
            }

            return limiter;
        }
    }

    private static bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        if (exception is null || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var state = context.Properties.GetValue(StateKey, null!);
        var retryClass = exception switch
        {
            TencentCloudException error => error.RetryClass,
            TimeoutRejectedException => ImRetryClass.OutcomeUnknown,
            _ => ImRetryClass.Never,
        };
        return retryClass switch
        {
            ImRetryClass.NotProcessed => true,
            ImRetryClass.OutcomeUnknown => state.Action.Idempotency != ImIdempotency.Unsafe,
            _ => false,
        };
    }

    private async ValueTask<TResponse> AttemptAsync<TResponse>(CallState state, CancellationToken cancellationToken)
        where TResponse : TencentCloudResponse, ITencentCloudResponse<TResponse>
    {
        state.Attempts++;
        var action = state.Action;
        var endpoint = _options.GetEndpoint(action);
        var credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var renewed = false;
        while (true)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                TencentCloudLog.Sending(_logger, action.Key, state.Attempts, endpoint.ToString(), credential.SecretId);
            }

            // Signed per attempt: the timestamp must be within 5 minutes of Tencent's clock, so a retry signs anew.
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            var host = HostHeader(endpoint);
            var signature = Tc3Signer.Sign(credential.SecretId, credential.SecretKey, action.Service, host, ContentType, timestamp, state.Body, _options.SignActionHeader ? action.Name : null);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(state.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            var headers = request.Headers;
            headers.Host = host;
            headers.TryAddWithoutValidation("Authorization", signature.Authorization);
            headers.TryAddWithoutValidation("X-TC-Action", action.Name);
            headers.TryAddWithoutValidation("X-TC-Version", action.Version);
            headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            if (_options.Region is { Length: > 0 } region)
            {
                headers.TryAddWithoutValidation("X-TC-Region", region);
            }

            if (_options.Language is { Length: > 0 } language)
            {
                headers.TryAddWithoutValidation("X-TC-Language", language);
            }

            if (credential.Token is { } token)
            {
                headers.TryAddWithoutValidation("X-TC-Token", token);
            }

            int status;
            byte[] body;
            try
            {
                using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                var notProcessed = IsConnectFailure(exception);
                throw new TencentCloudException(TencentCloudErrorCodes.NetworkError, Redact(exception.Message, credential), action.Key, null, null, null, notProcessed ? ImRetryClass.NotProcessed : ImRetryClass.OutcomeUnknown);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TencentCloudException(TencentCloudErrorCodes.Timeout, "HttpClient.Timeout elapsed", action.Key, null, null, exception);
            }

            var (typed, error) = Interpret<TResponse>(action, status, body, credential);
            if (error is not null && !renewed && error.Code is "AuthFailure.TokenFailure" or "AuthFailure.SecretIdNotFound" && _options.CredentialProvider is not null)
            {
                // Temporary credentials may have expired between fetch and use: renew once, like the IM UserSig.
                renewed = true;
                TencentCloudLog.RenewingCredential(_logger, credential.SecretId, error.Code);
                _credentials.Invalidate(credential);
                credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (error is not null)
            {
                throw error;
            }

            return typed!;
        }
    }

    private (TResponse? Response, TencentCloudException? Error) Interpret<TResponse>(TencentCloudAction action, int status, byte[] body, TencentCloudCredential credential)
        where TResponse : TencentCloudResponse, ITencentCloudResponse<TResponse>
    {
        if (status is < 200 or > 299)
        {
            if (TryReadEnvelope(body, out var envelope) && envelope.Error is not null)
            {
                return (null, FromError(action, envelope, status, credential));
            }

            var retry = status == 429 ? ImRetryClass.NotProcessed : status == 408 || status >= 500 ? ImRetryClass.OutcomeUnknown : ImRetryClass.Never;
            return (null, new TencentCloudException(TencentCloudErrorCodes.HttpError, "HTTP " + status.ToString(CultureInfo.InvariantCulture), action.Key, null, status, null, retry));
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            MoveToResponse(ref reader);
            var response = TResponse.ReadJson(ref reader);
            return response.Error is null ? (response, null) : (null, FromError(action, response, status, credential));
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // A failure body may lack fields the typed reader insists on: read just the envelope.
            if (TryReadEnvelope(body, out var envelope) && envelope.Error is not null)
            {
                return (null, FromError(action, envelope, status, credential));
            }

            return (null, new TencentCloudException(TencentCloudErrorCodes.InvalidResponse, Redact(exception.Message, credential), action.Key, null, status, exception, ImRetryClass.Never));
        }
    }

    /// <summary>Positions <paramref name="reader"/> on the value of the top-level <c>Response</c> property.</summary>
    internal static void MoveToResponse(ref Utf8JsonReader reader)
    {
        ImJson.ReadStartObject(ref reader, "body");
        while (ImJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("Response"u8))
            {
                reader.Read();
                return;
            }

            ImJson.SkipValue(ref reader);
        }

        throw new ImJsonException("Response", "the body has no 'Response' object.");
    }

    private static bool TryReadEnvelope(byte[] body, out TencentCloudEnvelope envelope)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            MoveToResponse(ref reader);
            envelope = TencentCloudEnvelope.ReadJson(ref reader);
            return true;
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            envelope = null!;
            return false;
        }
    }

    private static TencentCloudException FromError(TencentCloudAction action, TencentCloudResponse response, int status, TencentCloudCredential credential)
        => new(response.Error!.Code, Redact(response.Error.Message, credential), action.Key, response.RequestId, status);

    // Tencent's texts and exception messages could echo a secret; never pass one on.
    private static string? Redact(string? text, TencentCloudCredential credential)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = text.Replace(credential.SecretKey, "[redacted]", StringComparison.Ordinal);
        if (credential.Token is { Length: > 0 } token)
        {
            text = text.Replace(token, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private sealed class CallState
    {
        public CallState(TencentCloudHttpTransport owner, TencentCloudAction action, byte[] body, DateTimeOffset deadline)
        {
            Owner = owner;
            Action = action;
            Body = body;
            Deadline = deadline;
        }

        public TencentCloudHttpTransport Owner { get; }

        public TencentCloudAction Action { get; }

        public byte[] Body { get; }

        public DateTimeOffset Deadline { get; }

        public int Attempts { get; set; }

        public Exception? LastError { get; set; }
    }
}
