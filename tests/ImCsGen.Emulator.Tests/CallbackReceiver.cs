using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Emulator.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// A loopback Kestrel app that receives the emulator's callbacks: it records each one (command, query, body) and
/// answers with the reply <c>decide</c> chooses (Tencent's plain OK envelope when it returns null).
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    public const string Ok = """{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}""";

    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Command, IQueryCollection Query, byte[] Body)> Received { get; } = new();

    public static async Task<CallbackReceiver> StartAsync(Func<string, byte[], Task<string?>>? decide = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackReceiver? receiver = null;
        app.MapPost("/cb", async context =>
        {
            using var memory = new MemoryStream();
            await context.Request.Body.CopyToAsync(memory);
            var command = context.Request.Query["CallbackCommand"].ToString();
            receiver!.Received.Enqueue((command, context.Request.Query, memory.ToArray()));
            var reply = decide is null ? null : await decide(command, memory.ToArray());
            await context.Response.WriteAsync(reply ?? Ok);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new CallbackReceiver(app, new Uri(new Uri(address), "/cb"));
        return receiver;
    }

    public EmulatorCallbackOptions Options(string token) => new() { Url = Url, Token = token };

    /// <summary>Waits (at most 5 s) until <paramref name="count"/> callbacks of <paramref name="command"/> arrived (after-callbacks are fire and forget).</summary>
    public async Task WaitForAsync(string command, int count = 1)
    {
        for (var i = 0; i < 200 && Received.Count(r => r.Command == command) < count; i++)
        {
            await Task.Delay(25);
        }

        Assert.True(Received.Count(r => r.Command == command) >= count, "expected " + count + " " + command + " callback(s)");
    }

    /// <summary>All payloads of <typeparamref name="T"/>'s command, read with the generated reader, in arrival order.</summary>
    public T[] All<T>()
        where T : ImCallbackPayload, IImCallbackPayload<T>
        => Received.Where(r => r.Command == T.Command).Select(r =>
        {
            var reader = new Utf8JsonReader(r.Body);
            return T.ReadJson(ref reader);
        }).ToArray();

    /// <summary>Every callback so far carried SdkAppid and a Sign that is SHA-256(token + RequestTime).</summary>
    public void AssertAllSigned(string token, long sdkAppId)
    {
        Assert.NotEmpty(Received);
        foreach (var (command, query, _) in Received)
        {
            Assert.Equal(ImCallbackSignature.Compute(token, query["RequestTime"].ToString()), query["Sign"].ToString());
            Assert.Equal(sdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), query["SdkAppid"].ToString());
            Assert.Equal("RESTAPI", query["OptPlatform"].ToString());
            Assert.False(string.IsNullOrEmpty(command));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
