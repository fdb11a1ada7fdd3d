using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.CustomerService;
using ImCsGen.Emulator;
using ImCsGen.Emulator.Callbacks;
using ImCsGen.Im;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ImCsGen.AspNetCore.Tests;

/// <summary>The emulator calls a real Kestrel endpoint back on openim/sendmsg and honours the before-callback's answer.</summary>
public sealed class EmulatorCallbackLoopTests
{
    [Fact]
    public async Task The_emulator_honours_reject_drop_app_error_and_modify_and_reports_delivered_messages()
    {
        const string token = "loop-token";
        var delivered = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var emulatorOptions = new EmulatorOptions();
        builder.Services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = emulatorOptions.SdkAppId;
                o.Verification.Tokens.Add(token);
            })
            .On<C2CCallbackAfterSendMsg>((m, c, ct) =>
            {
                delivered.Enqueue(((TIMTextElem)m.MsgBody![0]).Text);
                return ValueTask.CompletedTask;
            })
            .On<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgReply>((m, c, ct) =>
            {
                var text = ((TIMTextElem)m.MsgBody![0]).Text;
                var reply = new C2CCallbackBeforeSendMsgReply();
                return ValueTask.FromResult(text switch
                {
                    "reject" => ImCallbackReply.Reject(reply),
                    "drop" => ImCallbackReply.Drop(reply),
                    "app" => ImCallbackReply.AppError(reply, 120123, "not now"),
                    _ => ImCallbackReply.Allow(new C2CCallbackBeforeSendMsgReply { MsgBody = [new TIMTextElem { Text = text.ToUpperInvariant() }] }),
                });
            });
        await using var app = builder.Build();
        app.MapTencentImCallbacks("/im/callback");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulatorOptions.Callbacks = new EmulatorCallbackOptions { Url = new Uri(new Uri(address), "/im/callback"), Token = token };
        await using var emulator = await ImEmulator.StartAsync(emulatorOptions);
        var client = ImClient.Create(emulator.CreateClientOptions());
        var provisioner = new CustomerServiceProvisioner(client);
        await provisioner.EnsureCustomerAsync("alice");
        await provisioner.EnsureCustomerAsync("bob");

        Assert.Equal(20006, (await Assert.ThrowsAsync<ImException>(() => provisioner.SendAsync("alice", "bob", CustomerServiceElements.Text("reject")))).ErrorCode);
        Assert.Equal(120123, (await Assert.ThrowsAsync<ImException>(() => provisioner.SendAsync("alice", "bob", CustomerServiceElements.Text("app")))).ErrorCode);
        await provisioner.SendAsync("alice", "bob", CustomerServiceElements.Text("drop"));
        await provisioner.SendAsync("alice", "bob", CustomerServiceElements.Text("hello"));

        var stored = await client.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "alice", PeerAccount = "bob", MaxCnt = 100, MinTime = 0, MaxTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600 });
        var texts = stored.MsgList!.SelectMany(m => m.MsgBody!).OfType<TIMTextElem>().Select(t => t.Text).ToList();
        Assert.Equal(["HELLO"], texts);

        // The after-callback is fire-and-forget: wait (bounded) for it, with the modified body.
        for (var i = 0; i < 100 && delivered.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["HELLO"], delivered.ToArray());
    }
}
