using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Tests;

/// <summary>An emulator on a free loopback port plus a generated client and a raw HTTP client pointed at it.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(ImEmulator emulator, ImClient client, HttpClient http)
    {
        Emulator = emulator;
        Client = client;
        Http = http;
    }

    public ImEmulator Emulator { get; }

    public ImClient Client { get; }

    public HttpClient Http { get; }

    public string Admin => Emulator.Options.Administrators[0];

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null, Action<ImClientOptions>? configureClient = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        var emulator = await ImEmulator.StartAsync(options);
        var client = CreateClient(emulator, configureClient);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return new TestEmulator(emulator, client, http);
    }

    /// <summary>A generated client for the emulator's first administrator, with quick retries.</summary>
    public static ImClient CreateClient(ImEmulator emulator, Action<ImClientOptions>? configure = null)
    {
        var clientOptions = new ImClientOptions
        {
            SdkAppId = emulator.Options.SdkAppId,
            Identifier = emulator.Options.Administrators[0],
            SecretKey = emulator.Options.SecretKey,
            BaseAddress = emulator.BaseAddress,
            Timeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(clientOptions);
        return ImClient.Create(clientOptions);
    }

    /// <summary>Imports accounts through the generated client.</summary>
    public async Task ImportAsync(params string[] userIds)
    {
        foreach (var id in userIds)
        {
            await Client.ImportAccountAsync(new ImportAccountRequest { UserID = id });
        }
    }

    /// <summary>Sends a text through the generated client.</summary>
    public Task<SendC2CMessageResponse> SendTextAsync(string from, string to, string text, uint? random = null, long? time = null)
        => Client.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            FromAccount = from,
            ToAccount = to,
            MsgRandom = random,
            MsgTimeStamp = time,
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = text } },
        });

    /// <summary>POSTs a raw IM call with a hand-built query string; returns the parsed envelope.</summary>
    public async Task<JsonDocument> RawAsync(string path, string query, string body = "{}")
    {
        using var response = await Http.PostAsync("v4/" + path + "?" + query, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text);
    }

    /// <summary>A correctly signed query for the administrator.</summary>
    public string Query(string? identifier = null, string? userSig = null, long? sdkAppId = null)
        => "sdkappid=" + (sdkAppId ?? Emulator.Options.SdkAppId).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "&identifier=" + Uri.EscapeDataString(identifier ?? Admin)
            + "&usersig=" + Uri.EscapeDataString(userSig ?? Emulator.CreateUserSig(identifier ?? Admin))
            + "&random=12345&contenttype=json";

    /// <summary>GETs a control API resource as JSON.</summary>
    public async Task<JsonDocument> ControlGetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs to the control API; returns status and JSON.</summary>
    public async Task<(int Status, JsonDocument Body)> ControlPostAsync(string path, string json = "{}")
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

internal static class JsonAssert
{
    public static int Code(this JsonDocument document) => document.RootElement.GetProperty("ErrorCode").GetInt32();
}
