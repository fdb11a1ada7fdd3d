using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
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
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace ImCsGen.AspNetCore.Tests;

/// <summary>Through a real Kestrel host on 127.0.0.1 (port 0): verification, de-duplication, budgets, bad input.</summary>
public sealed class CallbackEndpointTests : IAsyncLifetime
{
    private const long AppId = 1400000001;
    private const string Token = "current-token-abc";
    private const string NextToken = "next-token-xyz";
    private const string AfterSend = """{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"customer1","To_Account":"cs_virtual","MsgSeq":1,"MsgRandom":7,"MsgTime":1557481126,"MsgKey":"1_7_1557481126","SendMsgResult":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}""";
    private const string BeforeSend = """{"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"customer1","To_Account":"cs_virtual","MsgRandom":9,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"call me at 13812345678"}}]}""";

    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private int _afterCalls;
    private volatile TaskCompletionSource? _afterGate;
    private volatile int _beforeDelayMs;
    private volatile PushOfflinePush? _lastPush;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        builder.Services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = AppId;
                o.Verification.Tokens.Add(Token);
                o.Verification.Tokens.Add(NextToken);
                o.MaxBodyBytes = 4096;
                o.BeforeCallbackBudget = TimeSpan.FromMilliseconds(300);
            })
            .On<C2CCallbackAfterSendMsg>(async (payload, context, ct) =>
            {
                Interlocked.Increment(ref _afterCalls);
                if (_afterGate is { } gate)
                {
                    await gate.Task;
                }
            })
            .On<PushOfflinePush>((payload, context, ct) =>
            {
                _lastPush = payload;
                return ValueTask.CompletedTask;
            })
            .On<C2CCallbackBeforeSendMsg, C2CCallbackBeforeSendMsgReply>(async (payload, context, ct) =>
            {
                if (_beforeDelayMs > 0)
                {
                    await Task.Delay(_beforeDelayMs, CancellationToken.None);
                }

                var text = ((TIMTextElem)payload.MsgBody![0]).Text;
                return ImCallbackReply.Allow(new C2CCallbackBeforeSendMsgReply
                {
                    MsgBody = [new TIMTextElem { Text = System.Text.RegularExpressions.Regex.Replace(text, "1[0-9]{10}", "***********") }],
                });
            });
        _app = builder.Build();
        _app.MapTencentImCallbacks("/im/callback");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Url(string command, long? appId = AppId, string? token = Token, long? time = null, string? sign = null)
    {
        var requestTime = (time ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var url = "/im/callback?CallbackCommand=" + command + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
        if (appId is not null)
        {
            url += "&SdkAppid=" + appId.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (token is not null || sign is not null)
        {
            url += "&Sign=" + (sign ?? ImCallbackSignature.Compute(token!, requestTime)) + "&RequestTime=" + requestTime;
        }

        return url;
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, string body)
    {
        using var response = await _http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_signature_matches_Tencents_documented_example()
        => Assert.Equal("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061", ImCallbackSignature.Compute("xxxxyyyy", "1669872112"));

    [Fact]
    public async Task A_signed_after_callback_runs_its_handler_and_gets_the_envelope()
    {
        var (status, body) = await PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}""", body);
        Assert.Equal(1, _afterCalls);
    }

    [Fact]
    public async Task Forged_missing_stale_and_foreign_callbacks_are_refused_and_the_token_is_never_logged()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Url("C2C.CallbackAfterSendMsg", token: "wrong-token"), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Url("C2C.CallbackAfterSendMsg", sign: new string('0', 64)), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Url("C2C.CallbackAfterSendMsg", token: null), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Url("C2C.CallbackAfterSendMsg", time: now - 120), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Url("C2C.CallbackAfterSendMsg", time: now + 120), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Url("C2C.CallbackAfterSendMsg", appId: 1400000002), AfterSend)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Url("C2C.CallbackAfterSendMsg", appId: null), AfterSend)).Status);
        Assert.Equal(0, _afterCalls);

        var logs = _app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Equal(7, logs.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("refused", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs, l => l.Message.Contains(Token, StringComparison.Ordinal) || l.Message.Contains(NextToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_next_token_verifies_during_a_rotation()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Url("C2C.CallbackAfterSendMsg", token: NextToken), AfterSend)).Status);
        Assert.Equal(1, _afterCalls);
    }

    [Fact]
    public async Task A_replayed_delivery_is_answered_from_the_cache_and_the_handler_runs_once()
    {
        var first = await PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend);
        var retry = await PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(1, _afterCalls);
        await PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend.Replace("\"MsgRandom\":7", "\"MsgRandom\":8", StringComparison.Ordinal));
        Assert.Equal(2, _afterCalls);
    }

    [Fact]
    public async Task Two_deliveries_of_one_event_arriving_together_run_the_handler_once_and_get_the_same_reply()
    {
        // Tencent retries a callback whose answer is late: the retry can arrive while the first is still running.
        // The first delivery's handler is held until the second has surely arrived (an after-callback has no budget).
        _afterGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend);
        var second = PostAsync(Url("C2C.CallbackAfterSendMsg"), AfterSend);
        await Task.Delay(300);
        _afterGate.SetResult();
        var answers = await Task.WhenAll(first, second);

        Assert.Equal(1, _afterCalls);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(answers[0].Body, answers[1].Body);
    }

    [Fact]
    public async Task A_before_callback_reply_modifies_the_message()
    {
        var (status, body) = await PostAsync(Url("C2C.CallbackBeforeSendMsg"), BeforeSend);
        Assert.Equal(HttpStatusCode.OK, status);
        using var reply = JsonDocument.Parse(body);
        Assert.Equal(0, reply.RootElement.GetProperty("ErrorCode").GetInt32());
        Assert.Equal("call me at ***********", reply.RootElement.GetProperty("MsgBody")[0].GetProperty("MsgContent").GetProperty("Text").GetString());
    }

    [Fact]
    public async Task A_before_handler_that_overruns_its_budget_gets_the_fallback_allow_and_a_warning()
    {
        _beforeDelayMs = 3000;
        var started = DateTime.UtcNow;
        var (status, body) = await PostAsync(Url("C2C.CallbackBeforeSendMsg"), BeforeSend.Replace("\"MsgRandom\":9", "\"MsgRandom\":10", StringComparison.Ordinal));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMilliseconds(2500), "answered after the handler, not within the budget");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}""", body);
        var logs = _app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Contains(logs, l => l.Level == LogLevel.Warning && l.Message.Contains("overran", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_4xx_never_a_500()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Url("C2C.CallbackAfterSendMsg"), "{not json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Url("C2C.CallbackAfterSendMsg"), """{"MsgSeq":"x"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Url("Nobody.KnowsThis"), "{}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Url("C2C.CallbackAfterSendMsg"), """{"CallbackCommand":"State.StateChange"}""")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(Url("C2C.CallbackAfterSendMsg"), "{\"X\":\"" + new string('a', 5000) + "\"}")).Status);
        Assert.Equal(0, _afterCalls);
    }

    [Fact]
    public async Task Callbacks_whose_body_has_no_command_are_found_by_the_query_string()
    {
        // Tencent's Push.OfflinePush body is {"Events":[...]}: no top-level CallbackCommand (spec commandInBody: false).
        var (status, body) = await PostAsync(Url("Push.OfflinePush"), """{"Events":[{"CallbackCommand":"Push.OfflinePush","EventType":1,"From_Account":"user1","To_Account":"user2","ErrCode":0,"ErrInfo":"OK"}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}""", body);
        Assert.Null(_lastPush!.CallbackCommand);
        Assert.Equal("user2", _lastPush.Events![0].ToAccount);

        // The moderation result's TextContent as the console guide types it (a string) is read, not refused (spec acceptsSingle).
        (status, _) = await PostAsync(Url("ContentCallback.ResultNotify"), """{"Scene":"C2C","SdkAppId":1400000001,"From_Account":"jared","ContentType":"Text","TextContent":"aaabbbccc","CtxcbResult":1}""");
        Assert.Equal(HttpStatusCode.OK, status);

        // A body that does name a command must still agree with the URL's.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Url("Push.OfflinePush"), """{"CallbackCommand":"Push.AllMemberPush","Events":[]}""")).Status);
    }

    [Fact]
    public async Task A_known_command_without_a_handler_is_acknowledged()
    {
        var (status, body) = await PostAsync(Url("State.StateChange"), """{"CallbackCommand":"State.StateChange","Info":{"Action":"Login","To_Account":"u1","Reason":"Register"}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}""", body);
    }

    [Fact]
    public async Task The_emulators_sender_signs_callbacks_the_endpoint_accepts_and_reads_the_modified_reply()
    {
        var sender = new ImCsGen.Emulator.Callbacks.ImCallbackSender(_http, new Uri(_http.BaseAddress!, "/im/callback"), AppId, Token);
        var after = new C2CCallbackAfterSendMsg { FromAccount = "customer1", ToAccount = "cs_virtual", MsgRandom = 77, MsgBody = [new TIMTextElem { Text = "hi" }] };
        Assert.Equal(0, (await sender.SendAsync(after))!.ErrorCode);
        Assert.Equal(1, _afterCalls);

        var before = new C2CCallbackBeforeSendMsg { FromAccount = "customer1", ToAccount = "cs_virtual", MsgRandom = 78, MsgBody = [new TIMTextElem { Text = "13812345678" }] };
        var reply = Assert.IsType<C2CCallbackBeforeSendMsgReply>(await sender.SendAsync(before));
        Assert.Equal("***********", ((TIMTextElem)reply.MsgBody![0]).Text);

        var forger = new ImCsGen.Emulator.Callbacks.ImCallbackSender(_http, new Uri(_http.BaseAddress!, "/im/callback"), AppId, "not-the-token");
        Assert.Null(await forger.SendAsync(new C2CCallbackAfterSendMsg { FromAccount = "x", MsgRandom = 79 }));
        Assert.Equal(1, _afterCalls);
    }
}
