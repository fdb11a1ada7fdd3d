using System;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Diagnostics;
using ImCsGen.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.RateLimiting;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// The real <see cref="IImTransport"/>: validates, fills de-duplication keys once, throttles per endpoint,
/// POSTs to Tencent (or the emulator), reads the envelope into the typed response or an
/// <see cref="ImException"/>, and retries on the rules in the README.
/// </summary>
/// <remarks>
/// This class only wires the parts together and runs a call through them; each part has one job, in the
/// manner of Azure.Core's pipeline policies:
/// <list type="bullet">
/// <item><see cref="ImRequestBody"/>: the body, serialized once per call.</item>
/// <item><see cref="ImFastPath"/>: the first attempt without the pipeline when no wait is needed.</item>
/// <item><see cref="ImCallPipelines"/>: the order of deadline, retry, limiter and attempt timeout (Polly.Core).</item>
/// <item><see cref="ImRetryClassifier"/>: which failure may be repeated.</item>
/// <item><see cref="ImLimiterStep"/>: client-side throttling, and refusing calls whose deadline cannot be met.</item>
/// <item><see cref="ImAttemptSender"/>: one HTTP attempt, with <see cref="ImResponseBody"/> (the capped read)
/// and <see cref="ImEnvelopeReader"/> (answer to response or error).</item>
/// <item><see cref="ImFailoverRouter"/> and <see cref="ImConnectFailures"/>: which domain an attempt uses.</item>
/// <item><see cref="ImRedactor"/>: secrets never leave in a message.</item>
/// <item><see cref="ImCallReporter"/> and <see cref="ImTimeoutErrors"/>: what logs, metrics and the caller learn.</item>
/// </list>
/// </remarks>
public sealed class ImHttpTransport : IImTransport, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with IHttpClientFactory.</summary>
    public const string HttpClientName = "ImCsGen";

    private readonly HttpClient? _ownedHttpClient;
    private readonly ImClientOptions _options;
    private readonly IUserSigProvider _userSigs;
    private readonly TimeProvider _time;
    private readonly IImRandomSource _idempotencyKeys;
    private readonly ImRateLimiterRegistry _limiters;
    private readonly ImCallReporter _reporter;
    private readonly ImCallPipelines _pipelines;
    private readonly ImFastPath _fastPath;
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
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        var logger = (ILogger?)loggerFactory?.CreateLogger<ImHttpTransport>() ?? NullLogger.Instance;
        var telemetry = new ImTelemetry(meterFactory);
        random ??= ImRandomSource.Shared;
        _idempotencyKeys = new ImIdempotencyKeySource(random, _time);
        _userSigs = options.UserSigProvider ?? new CachingUserSigProvider(options.SdkAppId, options.SecretKey!, options.UserSigLifetime, _time);
        _limiters = new ImRateLimiterRegistry(options);

        var redactor = new ImRedactor(options.SecretKey);
        var router = new ImFailoverRouter(new ImFailoverPolicy(options.GetPrimaryBaseAddress(), options.GetStandbyBaseAddress(), options, _time), logger, telemetry);
        var sender = new ImAttemptSender(httpClient, options, _userSigs, random, logger, redactor, router);
        _reporter = new ImCallReporter(options, _time, logger, telemetry);
        _fastPath = new ImFastPath(options, _limiters, _time);
        _pipelines = new ImCallPipelines(options, _time, jitter, sender, new ImRetryClassifier(options, _time), new ImLimiterStep(_limiters, options, _time, logger), _reporter);
    }

    /// <summary>The UserSig source in use (the caching secret-key provider unless the options name another).</summary>
    public IUserSigProvider UserSigProvider => _userSigs;

    /// <summary>The limiter of <paramref name="endpoint"/> (tests read its queue statistics).</summary>
    internal System.Threading.RateLimiting.RateLimiter GetRateLimiter(ImEndpoint endpoint) => _limiters.Get(endpoint);

    /// <summary>
    /// Test seam: true sends every call through the Polly pipeline from its first attempt, so that tests can
    /// show the fast path (<see cref="ImFastPath"/>) behaves as the pipeline does.
    /// </summary>
    internal bool ForcePipeline { get; set; }

    /// <summary>How many calls made their first attempt on the fast path.</summary>
    internal long FastPathCalls => _fastPath.Taken;

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

        // Nothing is sent when a constraint is broken: ImValidationException names the field. The JSON-size
        // limits are measured while the body below is written (one serialization), the rest is checked here.
        request.ValidateExceptWrittenSizes();

        // Once per logical call: every attempt below sends these same keys, so Tencent de-duplicates a
        // message whose first attempt did arrive although its answer was lost. The keys live in this call
        // only (never in the caller's request object) and are reported on the response and the exception.
        var keys = request.ChooseDeduplicationKeys(_idempotencyKeys);
        var body = ImRequestBody.Serialize(request, keys);

        var started = _time.GetTimestamp();
        var state = new ImCallState(_pipelines, endpoint, body, Deadline(), keys);
        if (endpoint.Quota is not null && request.QuotaItems is { } quotaItems)
        {
            state.UseQuotaItems(quotaItems);
        }
        using var activity = _reporter.Start(endpoint);
        var deadlineEnded = false;
        try
        {
            TResponse? response = null;
            if (!ForcePipeline && _fastPath.TryAcquire(state, out var lease))
            {
                var token = _fastPath.Start(state, cancellationToken, out var timeouts);
                try
                {
                    response = await _pipelines.Sender.SendAsync<TResponse>(state, token).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // A caller's cancellation is handed on unchanged: the pipeline, which checks the caller's
                    // token first, then ends the call exactly as it would have.
                    var failure = cancellationToken.IsCancellationRequested ? exception : ImFastPath.Classify(exception, timeouts);
                    if (failure is TimeoutRejectedException && timeouts.DeadlineFirst)
                    {
                        // The deadline ended the first attempt: nothing is left to retry in, as in the pipeline.
                        deadlineEnded = true;
                        throw failure;
                    }

                    // Any other failure is the pipeline's first attempt: it retries (or ends the call) from here.
                    state.Replay = failure;
                }
                finally
                {
                    _fastPath.Return(timeouts);
                    lease?.Dispose();
                }
            }

            response ??= await _pipelines.ExecuteAsync<TResponse>(state, cancellationToken).ConfigureAwait(false);
            _reporter.Succeeded(state, response, activity, started);
            response.DeduplicationKeys = keys;
            return response;
        }
        catch (ImException error)
        {
            error.Attempts = state.Attempts;
            _reporter.Failed(state, error, activity, started);
            throw;
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            // A timer may fire a little before the wall clock reaches the deadline it was set for.
            var now = _time.GetUtcNow();
            var error = ImTimeoutErrors.FromTimeout(state, timeout, _options, deadlineEnded && now < state.Deadline ? state.Deadline : now);
            _reporter.Failed(state, error, activity, started);
            throw error;
        }
        catch (RateLimiterRejectedException rejected)
        {
            var error = new ImTransportException(ImErrorCodes.ClientRateLimited, endpoint.Path, "more than RateLimitQueueLimit (" + _options.RateLimitQueueLimit.ToString(CultureInfo.InvariantCulture) + ") calls are waiting for this endpoint", true, null, rejected) { Attempts = state.Attempts };
            _reporter.Failed(state, error, activity, started);
            throw error;
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

    private DateTimeOffset Deadline()
        => _options.TotalTimeout == System.Threading.Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + _options.TotalTimeout;
}
