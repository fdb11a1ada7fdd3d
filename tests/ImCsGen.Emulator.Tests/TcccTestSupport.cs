using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Emulator.Tccc;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;

namespace ImCsGen.Emulator.Tests;

/// <summary>Records which actions answered successfully through the real (TC3-signing) transport.</summary>
internal sealed class RecordingTencentCloudTransport : ITencentCloudTransport
{
    private readonly ITencentCloudTransport _inner;

    public RecordingTencentCloudTransport(ITencentCloudTransport inner) => _inner = inner;

    public ConcurrentDictionary<string, int> Succeeded { get; } = new(StringComparer.Ordinal);

    public async Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : ITencentCloudRequest
        where TResponse : TencentCloudResponse, ITencentCloudResponse<TResponse>
    {
        var response = await _inner.SendAsync<TRequest, TResponse>(request, cancellationToken);
        Succeeded.AddOrUpdate(request.Action.Name, 1, (_, n) => n + 1);
        return response;
    }
}

internal static class TcccTestSupport
{
    /// <summary>A generated TCCC client signed with the emulator's key, quick retries, through <paramref name="recorder"/> when given.</summary>
    public static TcccClient CreateClient(ImEmulator emulator, Action<TencentCloudClientOptions>? configure, out RecordingTencentCloudTransport recorder, TimeProvider? clientClock = null)
    {
        var options = emulator.CreateTcccClientOptions();
        options.Timeout = TimeSpan.FromSeconds(5);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
        var http = new HttpClient();
        recorder = new RecordingTencentCloudTransport(new TencentCloudHttpTransport(http, options, timeProvider: clientClock));
        return new TcccClient(recorder);
    }

    /// <summary>Sends a raw, correctly signed TCCC call (for bodies the typed client refuses to send).</summary>
    public static async Task<string> SendRawAsync(ImEmulator emulator, string action, string body, string version = "2020-02-10", long? timestamp = null)
    {
        using var http = new HttpClient();
        var host = emulator.BaseAddress.Authority;
        var ts = timestamp ?? emulator.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = Tc3Signer.Sign(emulator.Options.Tccc.SecretId, emulator.Options.Tccc.SecretKey, "ccc", host, "application/json", ts, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.BaseAddress) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("X-TC-Action", action);
        request.Headers.TryAddWithoutValidation("X-TC-Version", version);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
