using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class RedactionTests
{
    [Fact]
    public async Task Neither_the_secret_key_nor_any_UserSig_appears_in_logs_or_exceptions()
    {
        // A hostile script: Tencent texts that echo the sig and the key, a handler whose network error quotes
        // the whole URL, a 70001 renewal, retries, a failover and a per-item failure.
        var handler = new FakeHttpHandler(request => request.Index switch
        {
            1 => FakeHttpHandler.Ok(),
            2 => FakeHttpHandler.Fail(70001, "sig " + request.UserSig + " expired"),
            3 => FakeHttpHandler.Fail(60008, "retry me " + request.UserSig),
            4 => FakeHttpHandler.Ok(),
            5 => FakeHttpHandler.Fail(70009, "key " + TestTransport.SecretKey + " does not match sig " + request.UserSig),
            6 => FakeHttpHandler.Json("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":60003,\"ErrorInfo\":\"x\",\"ErrorDisplay\":\"" + request.UserSig + "\"}"),
            7 => throw new HttpRequestException(HttpRequestError.ConnectionError, "cannot reach " + request.Uri),
            8 => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset", new InvalidOperationException("inner quotes " + request.Uri)),
            _ => FakeHttpHandler.Ok("\"FailAccounts\":[\"x\"]"),
        });
        using var t = new TestTransport(handler);
        var exceptions = new List<Exception>();

        await t.SendAsync(TestTransport.SendMsg());
        t.Time.Advance(TimeSpan.FromHours(1));
        await t.SendAsync(TestTransport.SendMsg());
        exceptions.Add(await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg())));
        exceptions.Add(await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg())));
        exceptions.Add(await Assert.ThrowsAsync<ImTransportException>(() => t.SendAsync(new FakeRequest(FakeRequest.Unsafe))));
        await t.Transport.SendAsync<FakeRequest, FakeBatchResponse>(new FakeRequest(FakeRequest.Idempotent), default);

        var sigs = t.Handler.Requests.Select(r => r.UserSig).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(9, t.Handler.Count);
        Assert.Equal("adminapi.my-imcloud.com", t.Handler.Requests[7].Uri.Host);
        Assert.True(sigs.Count >= 2, "the 70001 renewal produced a second sig");
        var secrets = sigs.Concat(sigs.Select(s => UserSig.Decode(s).Signature)).Append(TestTransport.SecretKey).ToList();

        var logs = t.LogProvider.Collector.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, r => r.Message.Contains("usersig=[redacted]", StringComparison.Ordinal));
        var texts = logs.Select(r => r.Message + " " + r.Exception)
            .Concat(logs.SelectMany(r => r.StructuredState ?? Array.Empty<KeyValuePair<string, string?>>()).Select(p => p.Value ?? string.Empty))
            .Concat(exceptions.Select(e => e.ToString()))
            .Concat(exceptions.OfType<ImException>().Select(e => e.ErrorInfo + " " + e.ErrorDisplay))
            .ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Contains(texts, text => text.Contains("[redacted]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redacted_error_info_keeps_the_rest_of_Tencents_text()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(r => FakeHttpHandler.Fail(70009, "sig " + r.UserSig + " rejected")));

        var error = await Assert.ThrowsAsync<ImException>(() => t.SendAsync(TestTransport.SendMsg()));

        Assert.Equal("sig [redacted] rejected", error.ErrorInfo);
    }
}
