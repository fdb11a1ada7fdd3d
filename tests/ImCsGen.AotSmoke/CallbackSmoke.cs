using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.AspNetCore;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.AotSmoke;

/// <summary>
/// The callback side under Native AOT / trimming (issue 13): a Kestrel host on loopback maps
/// <c>MapTencentImCallbacks</c> with a token, then this program posts what Tencent would post — a signed
/// C2C.CallbackAfterSendMsg (handled, typed payload read), a signed before-callback (typed reply written)
/// and a forged one (refused, handler not run). Prints "callback: ok ..." on success.
/// </summary>
internal static class CallbackSmoke
{
    private const long AppId = 1400000009;
    private const string Token = "aot-smoke-callback-token";

    public static async Task<string> RunAsync()
    {
        var afterCalls = 0;
        string? lastText = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = AppId;
                o.Verification.Tokens.Add(Token);
            })
            .On<C2CCallbackAfterSendMsg>((payload, context, ct) =>
            {
                Interlocked.Increment(ref afterCalls);
                lastText = (payload.MsgBody?.FirstOrDefault() as TIMTextElem)?.Text;
                return ValueTask.CompletedTask;
            })
            .On<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgReply>((payload, context, ct) =>
                ValueTask.FromResult(ImCallbackReply.Allow(new C2CCallbackBeforeSendMsgReply
                {
                    MsgBody = [new TIMTextElem { Text = "masked" }],
                })));
        await using var app = builder.Build();
        app.MapTencentImCallbacks("/im/callback");
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            const string after = """{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"aot_user","To_Account":"aot_cs_virtual","MsgSeq":1,"MsgRandom":7,"MsgTime":1700000000,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello agent"}}]}""";
            var (status, body) = await PostAsync(http, "C2C.CallbackAfterSendMsg", after, signed: true).ConfigureAwait(false);
            Expect(status == HttpStatusCode.OK && body.Contains("\"ActionStatus\":\"OK\"", StringComparison.Ordinal), "signed after-callback: " + status + " " + body);
            Expect(afterCalls == 1 && lastText == "hello agent", "after-callback handler saw " + afterCalls + " call(s), text '" + lastText + "'");

            const string before = """{"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"aot_user","To_Account":"aot_cs_virtual","MsgRandom":8,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"13812345678"}}]}""";
            (status, body) = await PostAsync(http, "C2C.CallbackBeforeSendMsg", before, signed: true).ConfigureAwait(false);
            Expect(status == HttpStatusCode.OK && body.Contains("\"Text\":\"masked\"", StringComparison.Ordinal), "signed before-callback: " + status + " " + body);

            (status, _) = await PostAsync(http, "C2C.CallbackAfterSendMsg", after.Replace("\"MsgRandom\":7", "\"MsgRandom\":70", StringComparison.Ordinal), signed: false).ConfigureAwait(false);
            Expect(status == HttpStatusCode.Unauthorized && afterCalls == 1, "forged callback: " + status + ", handler calls " + afterCalls);
            return "callback: ok after=" + afterCalls + " before=masked forged=" + ((int)status).ToString(CultureInfo.InvariantCulture);
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string command, string json, bool signed)
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sign = signed ? ImCallbackSignature.Compute(Token, time) : new string('0', 64);
        var url = "im/callback?SdkAppid=" + AppId.ToString(CultureInfo.InvariantCulture) + "&CallbackCommand=" + command
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&Sign=" + sign + "&RequestTime=" + time;
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(url, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("callback smoke failed: " + what);
        }
    }
}
