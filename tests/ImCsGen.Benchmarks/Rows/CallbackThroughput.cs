using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
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
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>Callback requests per second through each endpoint, and their ratio.</summary>
public sealed record CallbackThroughputResult(double OursPerSecond, double MinimalPerSecond, int Rounds, int Concurrency, long OursHandled)
{
    /// <summary>Ours ÷ minimal: the share of a bare endpoint's throughput left after verification, typing and de-duplication.</summary>
    public double Ratio => OursPerSecond / MinimalPerSecond;
}

/// <summary>
/// Row 9 (issue 17 item 5): signed C2C.CallbackAfterSendMsg deliveries per second through
/// <c>MapTencentImCallbacks</c> (signature and time window checked, SdkAppid compared, payload read into the
/// generated type, de-duplicated through the in-memory IDistributedCache, handler run, envelope written) against a
/// minimal Kestrel endpoint that reads the same body and answers the same envelope with no checks. Both hosts run
/// in this process on loopback; the same client drives them in alternating rounds, so load on the machine hits both.
/// Every delivery is a new event (its MsgKey differs), so de-duplication stores each one and answers none from cache.
/// </summary>
public static class CallbackThroughput
{
    private const long AppId = 1400000001;
    private const string Token = "bench-callback-token";
    private const string Reply = """{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}""";

    public static async Task<CallbackThroughputResult> RunAsync(int rounds, TimeSpan roundLength, int concurrency, Action<string> log)
    {
        long handled = 0;
        await using var ours = await StartAsync(services => services.AddTencentImCallbacks(o =>
            {
                o.Verification.SdkAppId = AppId;
                o.Verification.Tokens.Add(Token);
            })
            .On<C2CCallbackAfterSendMsg>((payload, context, ct) =>
            {
                Interlocked.Increment(ref handled);
                return ValueTask.CompletedTask;
            }), app => app.MapTencentImCallbacks("/im/callback")).ConfigureAwait(false);
        await using var minimal = await StartAsync(_ => { }, app => app.MapPost("/im/callback", async (HttpContext context) =>
        {
            // What any endpoint must do: read the body and answer Tencent's envelope.
            var buffer = new byte[4096];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false) > 0)
            {
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Reply, context.RequestAborted).ConfigureAwait(false);
        })).ConfigureAwait(false);

        using var http = new HttpClient();
        var sequence = 0L;
        var oursTotal = 0.0;
        var minimalTotal = 0.0;

        // Warm both (JIT, connections) before measuring.
        await DriveAsync(http, ours.Address, TimeSpan.FromSeconds(1), concurrency, () => Interlocked.Increment(ref sequence)).ConfigureAwait(false);
        await DriveAsync(http, minimal.Address, TimeSpan.FromSeconds(1), concurrency, () => Interlocked.Increment(ref sequence)).ConfigureAwait(false);
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so a drift in machine load does not favour one side.
            var first = round % 2 == 0;
            var a = await DriveAsync(http, first ? ours.Address : minimal.Address, roundLength, concurrency, () => Interlocked.Increment(ref sequence)).ConfigureAwait(false);
            var b = await DriveAsync(http, first ? minimal.Address : ours.Address, roundLength, concurrency, () => Interlocked.Increment(ref sequence)).ConfigureAwait(false);
            var (o, m) = first ? (a, b) : (b, a);
            oursTotal += o;
            minimalTotal += m;
            log("row 9 round " + (round + 1).ToString(CultureInfo.InvariantCulture) + ": ours " + o.ToString("F0", CultureInfo.InvariantCulture) + "/s, minimal " + m.ToString("F0", CultureInfo.InvariantCulture) + "/s");
        }

        return new CallbackThroughputResult(oursTotal / rounds, minimalTotal / rounds, rounds, concurrency, Interlocked.Read(ref handled));
    }

    private static async Task<double> DriveAsync(HttpClient http, Uri address, TimeSpan length, int concurrency, Func<long> next)
    {
        var done = 0L;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < length)
            {
                var n = next();
                var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var url = new Uri(address, "im/callback?SdkAppid=" + AppId.ToString(CultureInfo.InvariantCulture)
                    + "&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&Sign="
                    + ImCallbackSignature.Compute(Token, time) + "&RequestTime=" + time);
                var json = "{\"CallbackCommand\":\"C2C.CallbackAfterSendMsg\",\"From_Account\":\"user_1\",\"To_Account\":\"cs_virtual\",\"MsgSeq\":"
                    + n.ToString(CultureInfo.InvariantCulture) + ",\"MsgRandom\":" + n.ToString(CultureInfo.InvariantCulture)
                    + ",\"MsgTime\":1700000000,\"MsgKey\":\"bench_" + n.ToString(CultureInfo.InvariantCulture)
                    + "\",\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello agent\"}}]}";
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, content).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || !body.Contains("\"ErrorCode\":0", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("row 9: " + address + " answered " + (int)response.StatusCode + " " + body);
                }

                Interlocked.Increment(ref done);
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return done / watch.Elapsed.TotalSeconds;
    }

    private static async Task<Host> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Host(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private sealed record Host(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync().ConfigureAwait(false);
            await App.DisposeAsync().ConfigureAwait(false);
        }
    }
}
