using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Runtime.Tests.Support;

/// <summary>One request the fake server saw.</summary>
public sealed record RecordedRequest(int Index, HttpMethod Method, Uri Uri, string Body, string? ContentType)
{
    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(Uri);

    public string QueryNames => string.Join(",", Query.Keys);

    public string UserSig => Query["usersig"];

    public uint Random => uint.Parse(Query["random"], System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ParseQuery(Uri uri)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(part[..eq])] = Uri.UnescapeDataString(part[(eq + 1)..]);
        }

        return result;
    }
}

/// <summary>An HttpMessageHandler standing in for Tencent: records every request and answers from a script.</summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _count;

    public FakeHttpHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public FakeHttpHandler(Func<RecordedRequest, HttpResponseMessage> respond)
        : this((request, _) => Task.FromResult(respond(request)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Index).ToList();

    public int Count => Volatile.Read(ref _count);

    /// <summary>Answers the n-th request (1-based) with the n-th step; the last step repeats.</summary>
    public static FakeHttpHandler Sequence(params Func<RecordedRequest, HttpResponseMessage>[] steps)
        => new(request => steps[Math.Min(request.Index, steps.Length) - 1](request));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Ok(string extra = "\"MsgTime\":1700000000,\"MsgKey\":\"1_2_3\"")
        => Json("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"" + (extra.Length > 0 ? "," + extra : string.Empty) + "}");

    public static HttpResponseMessage Fail(int code, string info = "failed", string? requestId = null)
        => Json("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"ErrorInfo\":\"" + info + "\""
            + (requestId is null ? string.Empty : ",\"RequestId\":\"" + requestId + "\"") + "}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var index = Interlocked.Increment(ref _count);
        var recorded = new RecordedRequest(index, request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.ToString());
        _requests.Enqueue(recorded);
        return await _respond(recorded, cancellationToken);
    }
}
