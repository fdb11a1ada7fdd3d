using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;

namespace ImCsGen.Benchmarks.HandWritten;

/// <summary>
/// Baseline (b): what a careful developer writes without a library: HttpClient, the URL with the cached
/// UserSig, the body serialized by the STJ source-generated context, the envelope checked. No validation,
/// no retries, no rate limiting, no telemetry: the practical lower bound of a call.
/// </summary>
public sealed class HandWrittenImClient
{
    private readonly HttpClient _http;
    private readonly string _prefix;
    private readonly string _query;
    private readonly IUserSigProvider _userSigs;
    private readonly string _identifier;

    public HandWrittenImClient(HttpClient http, Uri baseAddress, long sdkAppId, string identifier, IUserSigProvider userSigs)
    {
        _http = http;
        _prefix = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v4/";
        _query = "?sdkappid=" + sdkAppId.ToString(CultureInfo.InvariantCulture) + "&identifier=" + Uri.EscapeDataString(identifier) + "&usersig=";
        _identifier = identifier;
        _userSigs = userSigs;
    }

    public Task<HandSendMsgResponse> SendMsgAsync(HandSendMsgRequest request, CancellationToken cancellationToken = default)
    {
        request.MsgRandom ??= (uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L);
        return PostAsync("openim/sendmsg", request, HandJsonContext.Default.HandSendMsgRequest, HandJsonContext.Default.HandSendMsgResponse, cancellationToken);
    }

    public Task<HandGetProfileResponse> GetProfileAsync(HandGetProfileRequest request, CancellationToken cancellationToken = default)
        => PostAsync("profile/portrait_get", request, HandJsonContext.Default.HandGetProfileRequest, HandJsonContext.Default.HandGetProfileResponse, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest request, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : HandEnvelope
    {
        var userSig = await _userSigs.GetUserSigAsync(_identifier, cancellationToken).ConfigureAwait(false);
        var url = _prefix + path + _query + userSig + "&random=" + ((uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L)).ToString(CultureInfo.InvariantCulture) + "&contenttype=json";
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, requestInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync(responseInfo, cancellationToken).ConfigureAwait(false)
                     ?? throw new InvalidOperationException("empty response from " + path);
        if (result.ErrorCode != 0 || string.Equals(result.ActionStatus, "FAIL", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(path + " failed: " + result.ErrorCode.ToString(CultureInfo.InvariantCulture) + " " + result.ErrorInfo);
        }

        return result;
    }
}
