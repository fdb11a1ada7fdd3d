using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Diagnostics;
using ImCsGen.Serialization;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Transport;

/// <summary>
/// One attempt of a call: signs the URL, POSTs the call's body, reads the answer and turns it into the typed
/// response or an exception that says whether Tencent may have processed the request. It knows nothing of
/// retries, limiters or deadlines: the caller (the fast path or the Polly pipeline) gives it a token that
/// covers the attempt's timeout and decides what a failure means for the call.
/// </summary>
internal sealed class ImAttemptSender
{
    private readonly Func<HttpClient> _httpClient;
    private readonly ImClientOptions _options;
    private readonly IUserSigProvider _userSigs;
    private readonly IImRandomSource _random;
    private readonly ILogger _logger;
    private readonly ImRedactor _redactor;
    private readonly ImEnvelopeReader _envelopes;
    private readonly ImFailoverRouter _router;

    public ImAttemptSender(Func<HttpClient> httpClient, ImClientOptions options, IUserSigProvider userSigs, IImRandomSource random, ILogger logger, ImRedactor redactor, ImFailoverRouter router)
    {
        _httpClient = httpClient;
        _options = options;
        _userSigs = userSigs;
        _random = random;
        _logger = logger;
        _redactor = redactor;
        _envelopes = new ImEnvelopeReader(redactor);
        _router = router;
    }

    public async ValueTask<TResponse> SendAsync<TResponse>(ImCallState state, CancellationToken cancellationToken)
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        var attempt = ++state.Attempts;
        var path = state.Endpoint.Path;
        var (baseAddress, standby) = _router.Choose(state);
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

            // Stored as text, parsed only if someone reads it: no MediaTypeHeaderValue per attempt, and no shared
            // mutable instance a user's DelegatingHandler could change for every other call.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");

            int status;
            ImResponseBody body;
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
                    body = await ImResponseBody.ReadAsync(response.Content, _options.MaxResponseBytes, path, status, cancellationToken).ConfigureAwait(false);
                }
                catch (System.IO.IOException exception)
                {
                    // The connection broke while the answer arrived: the request was sent, its outcome is unknown.
                    throw new ImTransportException(ImErrorCodes.NetworkError, path, _redactor.Redact(exception.Message, userSig), false, status, null);
                }
            }
            catch (HttpRequestException exception)
            {
                var notProcessed = ImConnectFailures.IsConnectFailure(exception);
                var detail = _redactor.Redact(exception.Message, userSig);
                if (notProcessed)
                {
                    state.MaybeProcessed = maybeProcessedBefore;
                    if (ImConnectFailures.HasTimeout(exception))
                    {
                        detail = "no connection within ConnectTimeout (" + ImDurations.Seconds(_options.GetConnectTimeout()) + "): " + detail;
                    }

                    _router.OnConnectFailure(state, standby, detail);
                }

                throw new ImTransportException(ImErrorCodes.NetworkError, path, detail, notProcessed, null, _redactor.Sanitize(exception, userSig));
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (ImConnectFailures.IsConnectTimeout(exception, client, sendStarted))
                {
                    // SocketsHttpHandler.ConnectTimeout fired: no connection, so nothing was sent.
                    state.MaybeProcessed = maybeProcessedBefore;
                    var detail = "no connection to " + baseAddress.Host + " within ConnectTimeout (" + ImDurations.Seconds(_options.GetConnectTimeout()) + ")";
                    _router.OnConnectFailure(state, standby, detail);
                    throw new ImTransportException(ImErrorCodes.NetworkError, path, detail, true, null, exception);
                }

                // HttpClient.Timeout fired, not ours (ours cancels cancellationToken).
                throw new ImTransportException(ImErrorCodes.Timeout, path, "HttpClient.Timeout elapsed", false, null, exception);
            }

            (TResponse? Response, ImException? Error) outcome;
            using (body)
            {
                // Parsed straight from the pooled buffer, which goes back to the pool right after.
                outcome = _envelopes.Interpret<TResponse>(path, status, body.Span, userSig);
            }

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
}
