using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerServiceDemo;

/// <summary>
/// The backend's side of IM callbacks, on 127.0.0.1: C2C.CallbackAfterSendMsg logs each customer message
/// to the virtual account; C2C.CallbackBeforeSendMsg masks phone numbers in what the customer sends.
/// </summary>
internal sealed partial class CallbackBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackBackend(WebApplication app, Uri url, string token)
    {
        _app = app;
        Url = url;
        Token = token;
    }

    /// <summary>The callback URL to configure (the emulator's <c>Callbacks.Url</c>).</summary>
    public Uri Url { get; }

    /// <summary>A fresh callback token shared with the emulator (never printed).</summary>
    public string Token { get; }

    public static async Task<CallbackBackend> StartAsync(long sdkAppId, string virtualAccount, TextWriter output, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sync = new object();
        void Log(string line)
        {
            lock (sync)
            {
                output.WriteLine("    [callback] " + line);
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = sdkAppId;
                o.Verification.Tokens.Add(token);
            })
            .On<C2CCallbackAfterSendMsg>((message, context, ct) =>
            {
                if (message.ToAccount == virtualAccount)
                {
                    Log("C2C.CallbackAfterSendMsg " + message.FromAccount + " -> " + message.ToAccount + ": " + Describe(message.MsgBody));
                }

                return ValueTask.CompletedTask;
            })
            .On<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgReply>((message, context, ct) =>
            {
                var body = message.MsgBody ?? new List<MsgBodyElement>();
                if (message.ToAccount != virtualAccount || !body.OfType<TIMTextElem>().Any(t => PhoneNumber().IsMatch(t.Text)))
                {
                    return ValueTask.FromResult(ImCallbackReply.Allow(new C2CCallbackBeforeSendMsgReply()));
                }

                var masked = body.Select(e => e is TIMTextElem t ? new TIMTextElem { Text = PhoneNumber().Replace(t.Text, m => m.Value[..3] + "****" + m.Value[^4..]) } : e).ToList();
                Log("C2C.CallbackBeforeSendMsg masked a phone number in " + message.FromAccount + "'s message");
                return ValueTask.FromResult(ImCallbackReply.Allow(new C2CCallbackBeforeSendMsgReply { MsgBody = masked }));
            });
        var app = builder.Build();
        app.MapTencentImCallbacks("/im/callback");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CallbackBackend(app, new Uri(new Uri(address), "/im/callback"), token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string Describe(IList<MsgBodyElement>? body)
        => body is null ? "(no body)" : string.Join(" ", body.Select(e => e is TIMTextElem t ? "\"" + t.Text + "\"" : "[" + e.MsgType + "]"));

    // Mainland mobile numbers (11 digits starting with 1): what a customer typically pastes into a chat.
    [GeneratedRegex("(?<![0-9])1[3-9][0-9]{9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();
}
