using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Fuzz;

/// <summary>
/// Target (c): the callback endpoint (<c>MapTencentImCallbacks</c>) in a real Kestrel host on 127.0.0.1, on
/// mutated callback requests: the documented payloads of spec/examples/callbacks mutated, and their query strings
/// (SdkAppid, Sign, RequestTime, CallbackCommand) tampered with. A handler is registered for every callback of the
/// catalog and counts its calls. Rules: never a 5xx or a dropped connection; a body that is not one well-formed
/// JSON document gets a 4xx; an unverified request gets 401/403 and reaches no handler; any 4xx reaches no handler.
/// </summary>
/// <remarks>
/// An input is the query string, a newline, then the body bytes (that is the replay file's format). The host's
/// clock is fixed (<see cref="Now"/>), so a signed input replays the same way on another day.
/// </remarks>
public sealed class CallbackTarget : IFuzzTarget
{
    public const long AppId = 1400000001;
    public const string Token = "fuzz-callback-token";
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Time = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private readonly Dictionary<string, string> _commands = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private int _invocations;

    public CallbackTarget()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var file in SeedFiles.Under("examples/callbacks"))
        {
            using var document = JsonDocument.Parse(SeedFiles.Read(file));
            var command = document.RootElement.GetProperty("callback").GetString()!;
            var index = 0;
            foreach (var example in document.RootElement.GetProperty("examples").EnumerateArray())
            {
                if (example.TryGetProperty("payload", out var payload))
                {
                    var name = file + "#" + index.ToString(CultureInfo.InvariantCulture);
                    _commands[name] = command;
                    seeds.Add(new FuzzSeed(name, Encoding.UTF8.GetBytes(payload.GetRawText())));
                }

                index++;
            }
        }

        Seeds = seeds;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FixedTime());
        var callbacks = builder.Services.AddTencentImCallbacks(o =>
        {
            o.Verification.SdkAppId = AppId;
            o.Verification.Tokens.Add(Token);
            o.MaxBodyBytes = 256 * 1024;
        });
        foreach (var descriptor in ImCallbackCatalog.All)
        {
            callbacks.Handlers.Set(descriptor.Command, (payload, context, cancellationToken) =>
            {
                Interlocked.Increment(ref _invocations);
                return new ValueTask<ImCallbackReply?>((ImCallbackReply?)null);
            });
        }

        _app = builder.Build();
        _app.MapTencentImCallbacks("/im/callback");
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name => "callbacks";

    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>Handler calls so far (a regression test reads it).</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <summary>The query string Tencent would send for <paramref name="command"/>, signed for <see cref="Now"/>.</summary>
    public static string SignedQuery(string command)
        => "CallbackCommand=" + Uri.EscapeDataString(command) + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&SdkAppid=" + AppId.ToString(CultureInfo.InvariantCulture)
           + "&Sign=" + ImCallbackSignature.Compute(Token, Time) + "&RequestTime=" + Time;

    /// <summary>An input in the replay format: query line, newline, body.</summary>
    public static byte[] Input(string query, byte[] body) => Encoding.UTF8.GetBytes(query + "\n").Concat(body).ToArray();

    public byte[] Mutate(FuzzSeed seed, Random random)
    {
        var query = SignedQuery(_commands[seed.Name]);
        var pick = random.Next(4);
        if (pick >= 2)
        {
            query = MutateQuery(query, random);
        }

        var body = pick == 3 && random.Next(2) == 0 ? seed.Bytes : JsonMutator.Mutate(seed.Bytes, random);
        return Input(query, body);
    }

    public void Run(FuzzSeed seed, byte[] input)
    {
        var newline = Array.IndexOf(input, (byte)'\n');
        var query = newline < 0 ? string.Empty : Encoding.UTF8.GetString(input, 0, newline);
        var body = newline < 0 ? input : input.AsSpan(newline + 1).ToArray();
        var before = Invocations;
        var (status, reply) = Post(query, body);
        var invoked = Invocations != before;
        if (status >= 500)
        {
            throw new FuzzFailure("the endpoint answered " + status.ToString(CultureInfo.InvariantCulture) + ": " + reply);
        }

        if (status is >= 400 and < 500 && invoked)
        {
            throw new FuzzFailure("a handler ran although the endpoint answered " + status.ToString(CultureInfo.InvariantCulture));
        }

        if (!IsVerified(query))
        {
            if (status is not (401 or 403))
            {
                throw new FuzzFailure("an unverified request got " + status.ToString(CultureInfo.InvariantCulture) + " instead of 401/403");
            }

            return;
        }

        if (!ReaderTarget.IsOneDocument(body) && status is < 400 or >= 500)
        {
            throw new FuzzFailure("a body that is not one well-formed JSON document got " + status.ToString(CultureInfo.InvariantCulture) + " instead of a 4xx");
        }

        if (status == 200 && !ReaderTarget.IsOneDocument(Encoding.UTF8.GetBytes(reply)))
        {
            throw new FuzzFailure("a 200 answer that is not JSON: " + reply);
        }
    }

    private (int Status, string Body) Post(string query, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/im/callback?" + query) { Content = content };
        try
        {
            using var response = _http.Send(request);
            using var reader = new System.IO.StreamReader(response.Content.ReadAsStream());
            return ((int)response.StatusCode, reader.ReadToEnd());
        }
        catch (HttpRequestException e)
        {
            throw new FuzzFailure("the connection failed (a crash in the endpoint?): " + e.Message, e);
        }
        catch (TaskCanceledException e)
        {
            throw new FuzzFailure("no answer within 30 s", e);
        }
    }

    /// <summary>The verification rule of Tencent's page (one SdkAppid equal to ours, Sign = sha256(token + RequestTime), RequestTime within 60 s), restated independently.</summary>
    private static bool IsVerified(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        if (!values.TryGetValue("SdkAppid", out var appId) || appId.Count != 1
            || !long.TryParse(appId[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsedAppId) || parsedAppId != AppId)
        {
            return false;
        }

        if (!values.TryGetValue("RequestTime", out var time) || time.Count != 1 || !values.TryGetValue("Sign", out var sign) || sign.Count != 1)
        {
            return false;
        }

        return long.TryParse(time[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && Math.Abs(Now.ToUnixTimeSeconds() - seconds) <= 60
               && string.Equals(sign[0], ImCallbackSignature.Compute(Token, time[0]!), StringComparison.OrdinalIgnoreCase);
    }

    private static string MutateQuery(string query, Random random)
    {
        var commands = ImCallbackCatalog.All;
        var sign = ImCallbackSignature.Compute(Token, Time);
        switch (random.Next(12))
        {
            case 0: return query.Replace("&Sign=" + sign, string.Empty, StringComparison.Ordinal);
            case 1: return query.Replace(sign, sign.Substring(0, 63) + (sign[63] == '0' ? "1" : "0"), StringComparison.Ordinal);
            case 2: return query.Replace(sign, sign.ToUpperInvariant(), StringComparison.Ordinal);
            case 3:
            {
                // Another RequestTime, signed again: stale, future, not a number, leading zeros, overflow.
                string[] times = { "0", "-1", "1e9", "00" + Time, (Now.ToUnixTimeSeconds() - 61).ToString(CultureInfo.InvariantCulture), (Now.ToUnixTimeSeconds() + 59).ToString(CultureInfo.InvariantCulture), "99999999999999999999", " " + Time, string.Empty };
                var time = times[random.Next(times.Length)];
                return query.Replace("&Sign=" + sign + "&RequestTime=" + Time, "&Sign=" + ImCallbackSignature.Compute(Token, time) + "&RequestTime=" + Uri.EscapeDataString(time), StringComparison.Ordinal);
            }

            case 4:
            {
                string[] ids = { string.Empty, "1400000002", "01400000001", "-1400000001", "1400000001.0", "99999999999999999999", "%00" };
                return query.Replace("SdkAppid=" + AppId.ToString(CultureInfo.InvariantCulture), "SdkAppid=" + ids[random.Next(ids.Length)], StringComparison.Ordinal);
            }

            case 5: return query + "&SdkAppid=" + AppId.ToString(CultureInfo.InvariantCulture);
            case 6: return query + "&Sign=" + sign;
            case 7: return "CallbackCommand=" + Uri.EscapeDataString(commands[random.Next(commands.Count)].Command) + query.Substring(query.IndexOf('&', StringComparison.Ordinal));
            case 8:
            {
                string[] odd = { string.Empty, "C2C.Unknown", "%", "%zz", "%00", new string('A', 5000), "c2c.callbackaftersendmsg", "C2C.CallbackAfterSendMsg%20" };
                return "CallbackCommand=" + odd[random.Next(odd.Length)] + query.Substring(query.IndexOf('&', StringComparison.Ordinal));
            }

            case 9: return query.Substring(query.IndexOf('&', StringComparison.Ordinal) + 1);
            case 10: return query + "&CallbackCommand=" + Uri.EscapeDataString(commands[random.Next(commands.Count)].Command);
            default: return query + "&" + new string('x', random.Next(1, 3000)) + "=%E4%B8";
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
