using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Emulator.Control;
using ImCsGen.Emulator.Desk;
using ImCsGen.Emulator.Faults;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Emulator;

/// <summary>
/// A local Tencent Cloud IM REST server (127.0.0.1 only) with a TCCC-like customer-service desk, for
/// integration tests and demos. Start it with <see cref="StartAsync"/>, point an IM client at
/// <see cref="BaseAddress"/>, inspect and drive it through the properties or the HTTP control API
/// under <c>/_emulator/</c>.
/// </summary>
public sealed class ImEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImEmulator(EmulatorOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        State = new EmulatorState(options.Administrators, options.Clock);
        Faults = new FaultInjector(options.FaultSeed);
        Desk = new ServiceDesk(State, options.Clock, options.ServiceDesk ?? ServiceDeskConfig.CreateDefault());
        Pipeline = new ImRequestPipeline(this);
        Tccc = new ImCsGen.Emulator.Tccc.TcccService(this, options.Tccc);
    }

    /// <summary>The options it runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:53211/</c>; use it as the client's base address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Accounts, messages, relations and conversations.</summary>
    public EmulatorState State { get; }

    /// <summary>The customer-service desk (flows, sessions, agents).</summary>
    public ServiceDesk Desk { get; }

    /// <summary>Fault rules.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Counters of calls and answers.</summary>
    public EmulatorStats Stats { get; } = new();

    internal ImRequestPipeline Pipeline { get; }

    /// <summary>TCCC's cloud API (ccc 2020-02-10) over the same desk, served on <c>POST /</c> (Tccc/TcccService.cs).</summary>
    internal ImCsGen.Emulator.Tccc.TcccService Tccc { get; }

    /// <summary>Starts an emulator on 127.0.0.1 (<see cref="EmulatorOptions.Port"/>, 0 = any free port).</summary>
    public static async Task<ImEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        if (options.Administrators.Count == 0)
        {
            throw new ArgumentException("Administrators: at least one App administrator is needed.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var emulator = new ImEmulator(options, app);
        app.MapPost("/v4/{service}/{command}", (HttpContext context) => emulator.Pipeline.HandleAsync(context));
        ControlApi.Map(app, emulator);

        // TCCC's cloud API: POST / with X-TC-Action, like ccc.tencentcloudapi.com.
        app.MapPost("/", (HttpContext context) => emulator.Tccc.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>
    /// Client options pointing at this emulator as <paramref name="identifier"/> (default: the first administrator):
    /// <c>ImClient.Create(emulator.CreateClientOptions())</c>.
    /// </summary>
    public ImClientOptions CreateClientOptions(string? identifier = null) => new()
    {
        SdkAppId = Options.SdkAppId,
        Identifier = identifier ?? Options.Administrators[0],
        SecretKey = Options.SecretKey,
        BaseAddress = BaseAddress,
    };

    /// <summary>A UserSig for <paramref name="identifier"/> (default: the first administrator) under the App's key.</summary>
    public string CreateUserSig(string? identifier = null, TimeSpan? lifetime = null)
        => UserSig.Generate(Options.SdkAppId, Options.SecretKey, identifier ?? Options.Administrators[0], lifetime ?? TimeSpan.FromDays(1), Options.Clock.GetUtcNow());

    /// <summary>
    /// Simulates the user's own client sending a C2C message (what the IM SDK in the app would do):
    /// stored like a REST message and seen by the service desk. <paramref name="msgBodyJson"/> is a MsgBody array.
    /// </summary>
    public StoredMessage SendAsClient(string from, string to, string msgBodyJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        ArgumentException.ThrowIfNullOrEmpty(msgBodyJson);
        lock (State.Sync)
        {
            if (State.FindAccount(from) is null)
            {
                throw new ArgumentException("from: account '" + from + "' is not imported.", nameof(from));
            }

            if (State.FindAccount(to) is null)
            {
                throw new ArgumentException("to: account '" + to + "' is not imported.", nameof(to));
            }

            using (System.Text.Json.JsonDocument.Parse(msgBodyJson))
            {
                // Only checks that the body is JSON.
            }

            var message = State.Store(from, to, null, (uint)Random.Shared.NextInt64(0, uint.MaxValue + 1L), Options.Clock.GetUtcNow().ToUnixTimeSeconds(), msgBodyJson, null, MessageOrigin.Client, countUnread: true);
            State.MessageDelivered?.Invoke(message);
            return message;
        }
    }

    /// <summary>Simulates the user's client sending a text.</summary>
    public StoredMessage SendTextAsClient(string from, string to, string text) => SendAsClient(from, to, ServiceDesk.TextBody(text));

    /// <summary>Simulates the user's client sending a customer-service plugin message (src 7, src 10...).</summary>
    public StoredMessage SendPluginAsClient(string from, string to, ImCsGen.CustomerService.CustomerServiceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsClient(from, to, ServiceDesk.CustomBody(message));
    }

    /// <summary>Forgets everything but the configuration: accounts, messages, sessions, faults, counters.</summary>
    public void Reset()
    {
        lock (State.Sync)
        {
            State.Reset(Options.Administrators);
            Desk.Clear();
        }

        Faults.Clear(Options.FaultSeed);
        Stats.Clear();
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
