using System;
using System.Buffers;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Sends third-party callbacks as Tencent does: POST to the configured URL with SdkAppid, CallbackCommand,
/// contenttype, ClientIP, OptPlatform, and (with a token) Sign and RequestTime; waits at most 2 s
/// (Tencent's before-callback timeout, https://cloud.tencent.com/document/product/269/1522) and reads the
/// reply with the callback's generated reader. Used by Callbacks/EmulatorCallbacks.cs for every callback the emulator sends.
/// </summary>
public sealed class ImCallbackSender
{
    /// <summary>Tencent's timeout for a callback answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly long _sdkAppId;
    private readonly string? _token;
    private readonly TimeProvider _time;

    /// <summary>Creates a sender for one callback URL (loopback in tests and the demo).</summary>
    public ImCallbackSender(HttpClient http, Uri url, long sdkAppId, string? token, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _sdkAppId = sdkAppId;
        _token = token;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Sends <paramref name="payload"/>; returns the app's reply, or null when it did not answer in time or answered badly (Tencent then proceeds as if allowed).</summary>
    public async Task<ImCallbackReply?> SendAsync(ImCallbackPayload payload, string optPlatform = "RESTAPI", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var descriptor = payload.Descriptor;
        var query = "SdkAppid=" + _sdkAppId.ToString(CultureInfo.InvariantCulture) + "&CallbackCommand=" + Uri.EscapeDataString(descriptor.Command)
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=" + Uri.EscapeDataString(optPlatform);
        if (_token is not null)
        {
            var requestTime = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            query += "&Sign=" + ImCallbackSignature.Compute(_token, requestTime) + "&RequestTime=" + requestTime;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            payload.WriteJson(writer);
        }

        var target = new UriBuilder(_url) { Query = string.IsNullOrEmpty(_url.Query) ? query : _url.Query.TrimStart('?') + "&" + query }.Uri;
        using var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await _http.PostAsync(target, content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var reader = new Utf8JsonReader(body);
            return descriptor.ReadReply(ref reader);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or JsonException or ImCsGen.Serialization.ImJsonException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return null;
        }
    }
}
