using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using ImCsGen.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImCsGen.Runtime.Tests.Support;

/// <summary>Sends requests for one host to one handler and the rest to another (a primary and a standby).</summary>
public sealed class RoutingHandler : HttpMessageHandler
{
    private readonly string _host;
    private readonly HttpMessageInvoker _forHost;
    private readonly HttpMessageInvoker _others;

    public RoutingHandler(string host, HttpMessageHandler forHost, HttpMessageHandler others)
    {
        _host = host;
        _forHost = new HttpMessageInvoker(forHost, disposeHandler: true);
        _others = new HttpMessageInvoker(others, disposeHandler: false);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => string.Equals(request.RequestUri!.Host, _host, StringComparison.Ordinal)
            ? _forHost.SendAsync(request, cancellationToken)
            : _others.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _forHost.Dispose();
            _others.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A response body that counts what was read from it; <paramref name="length"/> bytes of a JSON string.</summary>
public sealed class CountingStream : Stream
{
    private static readonly byte[] Head = "{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"Padding\":\""u8.ToArray();
    private readonly long _length;
    private long _position;

    public CountingStream(long length) => _length = length;

    public long BytesRead => Interlocked.Read(ref _position);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && _position < _length)
        {
            byte value;
            if (_position < Head.Length)
            {
                value = Head[_position];
            }
            else if (_position == _length - 2)
            {
                value = (byte)'"';
            }
            else if (_position == _length - 1)
            {
                value = (byte)'}';
            }
            else
            {
                value = (byte)'a';
            }

            buffer[offset + written] = value;
            written++;
            _position++;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A batch send (body <c>{"To_Account":[...]}</c>) to an endpoint with a per-recipient quota.</summary>
public sealed class FakeBatchSendRequest : IImRequest
{
    public static readonly ImEndpoint BatchSend = new("BatchSendC2CMessage", "openim", "batchsendmsg", "c2c_message", 1000, true, ImIdempotency.Deduplicated)
    {
        Quota = new ImEndpointQuota(12000, 60, "To_Account"),
    };

    public FakeBatchSendRequest(int recipients)
    {
        for (var i = 0; i < recipients; i++)
        {
            ToAccount.Add("user" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public ImEndpoint Endpoint => BatchSend;

    public List<string> ToAccount { get; } = new();

    public void Validate() => ImValidate.MinItems(ToAccount, 1, "To_Account");

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("MsgRandom", 1);
        writer.WriteStartArray("To_Account");
        foreach (var account in ToAccount)
        {
            writer.WriteStringValue(account);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>Builds transports over a caller-chosen handler and the real clock (for connect timeouts, which run on real time).</summary>
public static class RealTimeTransport
{
    public static ImHttpTransport Create(HttpMessageHandler handler, ImClientOptions options)
        => new(() => new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, options, NullLoggerFactory.Instance, TimeProvider.System, null, new SequenceRandom(), static () => 0.5, null);

    public static HttpResponseMessage Ok() => FakeHttpHandler.Ok();

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Content = new StringContent("oops") };
}
