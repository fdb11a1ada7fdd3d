using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImCsGen.Benchmarks.HandWritten;

// What a developer would write by hand for the same wire shapes, serialized with System.Text.Json source
// generation (HandJsonContext). Property names map to Tencent's with [JsonPropertyName]; nulls are omitted,
// as the generated writer omits unset optional fields. MsgContent is one flat class covering the element
// kinds the benchmarks use (text), the usual hand-written shortcut for Tencent's tagged union.

/// <summary>Envelope shared by every response.</summary>
public class HandEnvelope
{
    public string? ActionStatus { get; set; }

    public int ErrorCode { get; set; }

    public string? ErrorInfo { get; set; }

    public string? ErrorDisplay { get; set; }

    public string? RequestId { get; set; }
}

public sealed class HandMsgContent
{
    public string? Text { get; set; }

    public string? Data { get; set; }

    public string? Desc { get; set; }

    public string? Ext { get; set; }
}

public sealed class HandMsgBodyElement
{
    public string MsgType { get; set; } = "";

    public HandMsgContent MsgContent { get; set; } = new();
}

public sealed class HandSendMsgRequest
{
    public int? SyncOtherMachine { get; set; }

    [JsonPropertyName("From_Account")]
    public string? FromAccount { get; set; }

    [JsonPropertyName("To_Account")]
    public string ToAccount { get; set; } = "";

    public int? MsgLifeTime { get; set; }

    public uint? MsgSeq { get; set; }

    public uint? MsgRandom { get; set; }

    public List<HandMsgBodyElement> MsgBody { get; set; } = new();

    public string? CloudCustomData { get; set; }
}

public sealed class HandSendMsgResponse : HandEnvelope
{
    public long? MsgTime { get; set; }

    public string? MsgKey { get; set; }

    public string? MsgId { get; set; }
}

public sealed class HandBatchSendMsgRequest
{
    public int? SyncOtherMachine { get; set; }

    [JsonPropertyName("From_Account")]
    public string? FromAccount { get; set; }

    [JsonPropertyName("To_Account")]
    public List<string> ToAccount { get; set; } = new();

    public uint? MsgSeq { get; set; }

    public uint? MsgRandom { get; set; }

    public List<HandMsgBodyElement> MsgBody { get; set; } = new();

    public string? CloudCustomData { get; set; }
}

public sealed class HandGetProfileRequest
{
    [JsonPropertyName("To_Account")]
    public List<string> ToAccount { get; set; } = new();

    public List<string> TagList { get; set; } = new();
}

public sealed class HandProfileItem
{
    public string Tag { get; set; } = "";

    public JsonElement Value { get; set; }
}

public sealed class HandUserProfileItem
{
    [JsonPropertyName("To_Account")]
    public string? ToAccount { get; set; }

    public List<HandProfileItem>? ProfileItem { get; set; }

    public int? ResultCode { get; set; }

    public string? ResultInfo { get; set; }
}

public sealed class HandGetProfileResponse : HandEnvelope
{
    public List<HandUserProfileItem>? UserProfileItem { get; set; }

    public List<string>? FailAccount { get; set; }
}

public sealed class HandRoamMessage
{
    [JsonPropertyName("From_Account")]
    public string? FromAccount { get; set; }

    [JsonPropertyName("To_Account")]
    public string? ToAccount { get; set; }

    public uint? MsgSeq { get; set; }

    public uint? MsgRandom { get; set; }

    public long? MsgTimeStamp { get; set; }

    public int? MsgFlagBits { get; set; }

    public int? IsPeerRead { get; set; }

    public string? MsgKey { get; set; }

    public List<HandMsgBodyElement>? MsgBody { get; set; }

    public string? CloudCustomData { get; set; }
}

public sealed class HandRoamMessagesResponse : HandEnvelope
{
    public int? Complete { get; set; }

    public int? MsgCnt { get; set; }

    public long? LastMsgTime { get; set; }

    public string? LastMsgKey { get; set; }

    public List<HandRoamMessage>? MsgList { get; set; }
}

/// <summary>STJ source generation for the hand-written DTOs: metadata and the fast-path serializers.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandSendMsgRequest))]
[JsonSerializable(typeof(HandSendMsgResponse))]
[JsonSerializable(typeof(HandBatchSendMsgRequest))]
[JsonSerializable(typeof(HandGetProfileRequest))]
[JsonSerializable(typeof(HandGetProfileResponse))]
[JsonSerializable(typeof(HandRoamMessagesResponse))]
public sealed partial class HandJsonContext : JsonSerializerContext
{
}
