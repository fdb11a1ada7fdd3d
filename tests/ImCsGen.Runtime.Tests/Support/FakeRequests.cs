using System.Collections.Generic;
using System.Text.Json;
using ImCsGen.Idempotency;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using ImCsGen.Validation;

namespace ImCsGen.Runtime.Tests.Support;

/// <summary>Hand-written stand-in for the generated SendC2CMessageRequest (until the generator lands).</summary>
public sealed class FakeSendMsgRequest : IImRequest
{
    public static readonly ImEndpoint SendMsg = new("SendC2CMessage", "openim", "sendmsg", "c2c_message", 200, true, ImIdempotency.Deduplicated);

    public ImEndpoint Endpoint { get; init; } = SendMsg;

    public string? FromAccount { get; set; }

    public required string ToAccount { get; set; }

    public uint? MsgRandom { get; set; }

    public required IList<string> Texts { get; set; }

    public int ChooseCalls { get; private set; }

    public void Validate()
    {
        ImValidate.UserId(FromAccount, "From_Account");
        ImValidate.Required(ToAccount, "To_Account");
        ImValidate.UserId(ToAccount, "To_Account");
        ImValidate.Required(Texts, "MsgBody");
        ImValidate.MinItems(Texts, 1, "MsgBody");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteBody(writer);
        }

        if (buffer.WrittenCount > 12288)
        {
            throw new ImValidationException("MsgBody", "maxJsonBytes", "is at most 12288 bytes as JSON.");
        }
    }

    // As the generated request does: keys per call, never stored in this object.
    public ImDeduplicationKeys? ChooseDeduplicationKeys(IImRandomSource random)
    {
        ChooseCalls++;
        return new ImDeduplicationKeys(null, MsgRandom ?? random.NextUInt32(), null);
    }

    public void WriteJson(Utf8JsonWriter writer) => Write(writer, MsgRandom);

    public void WriteJson(Utf8JsonWriter writer, in ImDeduplicationKeys keys) => Write(writer, MsgRandom ?? keys.Random);

    private void Write(Utf8JsonWriter writer, uint? msgRandom)
    {
        writer.WriteStartObject();
        if (FromAccount is not null)
        {
            writer.WriteString("From_Account", FromAccount);
        }

        writer.WriteString("To_Account", ToAccount);
        if (msgRandom is { } random)
        {
            writer.WriteNumber("MsgRandom", random);
        }

        writer.WritePropertyName("MsgBody");
        WriteBody(writer);
        writer.WriteEndObject();
    }

    private void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var text in Texts)
        {
            writer.WriteStartObject();
            writer.WriteString("MsgType", "TIMTextElem");
            writer.WritePropertyName("MsgContent");
            writer.WriteStartObject();
            writer.WriteString("Text", text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

/// <summary>A request to an endpoint of any idempotency (for retry-rule tests), body <c>{"Value":..}</c>.</summary>
public sealed class FakeRequest : IImRequest
{
    public static readonly ImEndpoint Unsafe = new("ImportAccount", "im_open_login_svc", "account_import", "account", 200, true, ImIdempotency.Unsafe);
    public static readonly ImEndpoint Idempotent = new("GetPortrait", "profile", "portrait_get", "profile", 200, true, ImIdempotency.Idempotent);
    public static readonly ImEndpoint Deduplicated = FakeSendMsgRequest.SendMsg;

    public FakeRequest(ImEndpoint endpoint) => Endpoint = endpoint;

    public ImEndpoint Endpoint { get; }

    public string Value { get; set; } = "v";

    public void Validate() => ImValidate.UserId(Value, "Value");

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("Value", Value);
        writer.WriteEndObject();
    }
}

/// <summary>Stand-in for a generated response.</summary>
public sealed class FakeResponse : ImResponse, IImResponse<FakeResponse>
{
    public long? MsgTime { get; set; }

    public string? MsgKey { get; set; }

    public static FakeResponse ReadJson(ref Utf8JsonReader reader)
    {
        var response = new FakeResponse();
        ImJson.ReadStartObject(ref reader, "response");
        while (ImJson.NextProperty(ref reader))
        {
            if (response.TryReadEnvelopeProperty(ref reader))
            {
                continue;
            }

            if (reader.ValueTextEquals("MsgTime"u8))
            {
                reader.Read();
                response.MsgTime = ImJson.ReadInt64(ref reader, "MsgTime");
            }
            else if (reader.ValueTextEquals("MsgKey"u8))
            {
                reader.Read();
                response.MsgKey = ImJson.ReadString(ref reader, "MsgKey");
            }
            else
            {
                ImJson.SkipValue(ref reader);
            }
        }

        return response;
    }
}

/// <summary>Stand-in for a batch response with per-item failures (<c>ErrorList</c>).</summary>
public sealed class FakeBatchResponse : ImResponse, IImResponse<FakeBatchResponse>
{
    public List<string> FailedAccounts { get; } = new();

    public override bool HasItemErrors => FailedAccounts.Count > 0;

    public static FakeBatchResponse ReadJson(ref Utf8JsonReader reader)
    {
        var response = new FakeBatchResponse();
        ImJson.ReadStartObject(ref reader, "response");
        while (ImJson.NextProperty(ref reader))
        {
            if (response.TryReadEnvelopeProperty(ref reader))
            {
                continue;
            }

            if (reader.ValueTextEquals("FailAccounts"u8))
            {
                reader.Read();
                response.FailedAccounts.AddRange(ImJson.ReadList(ref reader, "FailAccounts", static (ref Utf8JsonReader r) => ImJson.ReadRequiredString(ref r, "FailAccounts[]")) ?? new List<string>());
            }
            else
            {
                ImJson.SkipValue(ref reader);
            }
        }

        return response;
    }
}

/// <summary>A deterministic, thread-safe random source: 1000, 1001, 1002, ...</summary>
public sealed class SequenceRandom : IImRandomSource
{
    private long _next = 999;

    public uint NextUInt32() => (uint)System.Threading.Interlocked.Increment(ref _next);
}
