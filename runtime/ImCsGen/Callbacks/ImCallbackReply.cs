using System;
using System.Text.Json;
using ImCsGen.Serialization;

namespace ImCsGen.Callbacks;

/// <summary>
/// The app's answer to a callback: Tencent's envelope <c>{ActionStatus, ErrorCode, ErrorInfo}</c>.
/// After-callbacks answer with it as is (Tencent ignores the code); before-callbacks use the generated
/// <c>{Callback}Reply</c> subclasses, whose extra fields (e.g. <c>MsgBody</c>) modify the event.
/// </summary>
/// <remarks>
/// Codes, from Tencent's before-send page (https://cloud.tencent.com/document/product/269/1632, English
/// mirror https://www.tencentcloud.com/document/product/1047/34364): 0 allows (with changed fields, modifies),
/// 1 rejects, 2 drops silently, and an app code in 120001..130000 rejects with the code and
/// <c>ErrorInfo</c> relayed to the sender. Which of these a callback accepts is its spec <c>outcomes</c>.
/// </remarks>
public class ImCallbackReply
{
    /// <summary>Allows the event.</summary>
    public const int AllowCode = 0;

    /// <summary>Rejects the event (the sender sees a failure).</summary>
    public const int RejectCode = 1;

    /// <summary>Drops a message silently (the sender sees success; nobody receives it).</summary>
    public const int DropCode = 2;

    /// <summary>Lowest app-defined code Tencent relays to the sender.</summary>
    public const int MinAppErrorCode = 120001;

    /// <summary>Highest app-defined code Tencent relays to the sender.</summary>
    public const int MaxAppErrorCode = 130000;

    /// <summary><c>OK</c> or <c>FAIL</c>; written as <c>OK</c> when unset.</summary>
    public string? ActionStatus { get; set; }

    /// <summary>0 = allow; see the class remarks for the others.</summary>
    public int ErrorCode { get; set; }

    /// <summary>Text for the sender when rejecting with an app code; empty otherwise.</summary>
    public string? ErrorInfo { get; set; }

    /// <summary>The outcome this reply asks for, judged from its code (modify is an allow with changed fields).</summary>
    public ImCallbackOutcomes Outcome => ErrorCode switch
    {
        AllowCode => ImCallbackOutcomes.Allow,
        RejectCode => ImCallbackOutcomes.Reject,
        DropCode => ImCallbackOutcomes.Drop,
        >= MinAppErrorCode and <= MaxAppErrorCode => ImCallbackOutcomes.AppError,
        _ => ImCallbackOutcomes.None,
    };

    /// <summary>The plain acknowledgement (<c>OK</c>, 0): what an after-callback answers, and "allow" for a before-callback.</summary>
    public static ImCallbackReply Ok() => new() { ActionStatus = "OK", ErrorCode = AllowCode, ErrorInfo = string.Empty };

    /// <summary>Makes <paramref name="reply"/> allow the event (fields set on a generated reply then modify it).</summary>
    public static T Allow<T>(T reply)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.ActionStatus = "OK";
        reply.ErrorCode = AllowCode;
        reply.ErrorInfo = string.Empty;
        return reply;
    }

    /// <summary>Makes <paramref name="reply"/> reject the event (<c>ErrorCode</c> 1).</summary>
    public static T Reject<T>(T reply)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.ActionStatus = "OK";
        reply.ErrorCode = RejectCode;
        reply.ErrorInfo = string.Empty;
        return reply;
    }

    /// <summary>Makes <paramref name="reply"/> drop the message silently (<c>ErrorCode</c> 2).</summary>
    public static T Drop<T>(T reply)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.ActionStatus = "OK";
        reply.ErrorCode = DropCode;
        reply.ErrorInfo = string.Empty;
        return reply;
    }

    /// <summary>Makes <paramref name="reply"/> reject with the app's own code (120001..130000), relayed with <paramref name="info"/> to the sender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is outside 120001..130000.</exception>
    public static T AppError<T>(T reply, int code, string info)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (code is < MinAppErrorCode or > MaxAppErrorCode)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "ErrorCode: an app error code relayed to the sender must be in 120001..130000.");
        }

        reply.ActionStatus = "OK";
        reply.ErrorCode = code;
        reply.ErrorInfo = info ?? string.Empty;
        return reply;
    }

    /// <summary>Checks the spec's constraints on the reply's fields (generated replies override it).</summary>
    public virtual void Validate()
    {
    }

    /// <summary>Writes the reply body.</summary>
    public virtual void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteEnvelopeProperties(writer);
        writer.WriteEndObject();
    }

    /// <summary>Reads a reply that carries only the envelope (unknown properties skipped).</summary>
    public static ImCallbackReply ReadEnvelope(ref Utf8JsonReader reader)
        => ImJson.IsDocumentStart(ref reader) ? ImJson.ReadDocument(ref reader, "reply", static (ref Utf8JsonReader r) => ReadEnvelopeObject(ref r)) : ReadEnvelopeObject(ref reader);

    private static ImCallbackReply ReadEnvelopeObject(ref Utf8JsonReader reader)
    {
        ImJson.ReadStartObject(ref reader, "reply");
        var reply = new ImCallbackReply();
        while (ImJson.NextProperty(ref reader))
        {
            if (!reply.TryReadEnvelopeProperty(ref reader))
            {
                ImJson.SkipValue(ref reader);
            }
        }

        return reply;
    }

    /// <summary>Writes <c>ActionStatus</c>, <c>ErrorCode</c> and <c>ErrorInfo</c>.</summary>
    protected void WriteEnvelopeProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("ActionStatus"u8, ActionStatus ?? "OK");
        writer.WriteNumber("ErrorCode"u8, ErrorCode);
        writer.WriteString("ErrorInfo"u8, ErrorInfo ?? string.Empty);
    }

    /// <summary>From a property name: reads one envelope property and returns true, or returns false for other names.</summary>
    protected bool TryReadEnvelopeProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("ActionStatus"u8))
        {
            reader.Read();
            ActionStatus = ImJson.ReadString(ref reader, "ActionStatus");
            return true;
        }

        if (reader.ValueTextEquals("ErrorCode"u8))
        {
            reader.Read();
            ErrorCode = ImJson.ReadInt32(ref reader, "ErrorCode");
            return true;
        }

        if (reader.ValueTextEquals("ErrorInfo"u8))
        {
            reader.Read();
            ErrorInfo = ImJson.ReadString(ref reader, "ErrorInfo");
            return true;
        }

        return false;
    }
}
