using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// Two app instances (two Kestrel hosts) whose callback endpoints keep their de-duplication in one Redis through
/// Microsoft.Extensions.Caching.StackExchangeRedis: an event Tencent delivers again to the other instance is
/// answered from the shared store, and its handler runs once.
/// </summary>
public sealed class CallbackDeduplicationTests
{
    private const long AppId = 1400000001;
    private const string Token = "callback-token-for-tests";
    private const string AfterSend = """{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"customer1","To_Account":"cs_virtual","MsgSeq":1,"MsgRandom":7,"MsgTime":1557481126,"MsgKey":"1_7_1557481126","SendMsgResult":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}""";

    private int _handled;
    private TimeSpan _handlerTime;
    private int _failures;

    [Fact]
    public async Task An_event_delivered_to_two_instances_sharing_Redis_is_handled_once()
    {
        await using var pair = await StartPairOnRedisAsync();
        Assert.IsNotType<MemoryDistributedCache>(pair.First.App.Services.GetRequiredService<IDistributedCache>());

        var answerA = await PostAsync(pair.First, AfterSend);
        var answerB = await PostAsync(pair.Second, AfterSend);
        Assert.Equal(1, Volatile.Read(ref _handled));
        Assert.Equal(answerA, answerB);

        // A different event is not a duplicate: it runs on the other instance.
        await PostAsync(pair.Second, AfterSend.Replace("\"hello\"", "\"hello again\"", StringComparison.Ordinal));
        Assert.Equal(2, Volatile.Read(ref _handled));
    }

    [Fact]
    public async Task A_retry_reaching_another_instance_while_the_first_delivery_is_still_handled_waits_for_its_reply()
    {
        // Tencent retries when the first answer is slow; the load balancer sends the retry to the other instance.
        await using var pair = await StartPairOnRedisAsync();
        _handlerTime = TimeSpan.FromMilliseconds(600);

        var slow = await FirstDeliveryRunningAsync(pair);
        var retry = await PostAsync(pair.Second, AfterSend);
        Assert.Equal(await slow, retry);
        Assert.Equal(1, Volatile.Read(ref _handled));
    }

    [Fact]
    public async Task A_retry_waiting_for_a_delivery_whose_handler_fails_runs_the_handler_itself()
    {
        await using var pair = await StartPairOnRedisAsync();
        _handlerTime = TimeSpan.FromMilliseconds(400);
        _failures = 1;

        var failing = await FirstDeliveryRunningAsync(pair);
        var retry = await PostAsync(pair.Second, AfterSend);
        Assert.Contains("\"ActionStatus\":\"FAIL\"", await failing, StringComparison.Ordinal);
        Assert.Contains("\"ActionStatus\":\"OK\"", retry, StringComparison.Ordinal);
        Assert.Equal(2, Volatile.Read(ref _handled));
    }

    [Fact]
    public async Task A_retry_answers_without_running_the_handler_when_the_first_delivery_outlasts_Tencents_wait()
    {
        await using var pair = await StartPairOnRedisAsync();
        _handlerTime = TimeSpan.FromMilliseconds(2500);

        var slow = await FirstDeliveryRunningAsync(pair);
        var retry = await PostAsync(pair.Second, AfterSend);
        Assert.Contains("\"ActionStatus\":\"FAIL\"", retry, StringComparison.Ordinal);
        Assert.Contains("\"ActionStatus\":\"OK\"", await slow, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref _handled));

        // The first delivery's reply is the event's from now on.
        Assert.Equal(await slow, await PostAsync(pair.Second, AfterSend));
        Assert.Equal(1, Volatile.Read(ref _handled));
    }

    [Fact]
    public async Task Without_a_shared_store_each_instance_handles_the_event()
    {
        // The control: the same two instances with the default in-memory store handle the retried event twice.
        await using var first = await StartInstanceAsync(null);
        await using var second = await StartInstanceAsync(null);
        await PostAsync(first, AfterSend);
        await PostAsync(second, AfterSend);
        Assert.Equal(2, Volatile.Read(ref _handled));
    }

    private async Task<Instance> StartInstanceAsync(string? redis)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (redis is not null)
        {
            builder.Services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "imcsgen-test:";
            });
        }

        builder.Services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = AppId;
                o.Verification.Tokens.Add(Token);
            })
            .On<C2CCallbackAfterSendMsg>(async (payload, context, ct) =>
            {
                Interlocked.Increment(ref _handled);
                await Task.Delay(_handlerTime, ct);
                if (Interlocked.Decrement(ref _failures) >= 0)
                {
                    throw new InvalidOperationException("the handler failed (test)");
                }
            });
        var app = builder.Build();
        app.MapTencentImCallbacks("/im/callback");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Instance(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    // Two instances whose callback endpoints share one real Redis through IDistributedCache.
    private async Task<Pair> StartPairOnRedisAsync()
    {
        var redis = await RedisServer.StartNewAsync();
        return new Pair(redis, await StartInstanceAsync(redis.Configuration), await StartInstanceAsync(redis.Configuration));
    }

    // Delivers the event to the first instance and returns once its handler runs (the answer still to come).
    private async Task<Task<string>> FirstDeliveryRunningAsync(Pair pair)
    {
        var delivery = PostAsync(pair.First, AfterSend);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref _handled) == 0)
        {
            await Task.Delay(5, timeout.Token);
        }

        return delivery;
    }

    private static async Task<string> PostAsync(Instance instance, string body)
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var url = "/im/callback?CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&SdkAppid="
                  + AppId.ToString(CultureInfo.InvariantCulture) + "&Sign=" + ImCallbackSignature.Compute(Token, time) + "&RequestTime=" + time;
        using var response = await instance.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record Pair(RedisServer Redis, Instance First, Instance Second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    private sealed record Instance(WebApplication App, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
