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
/// 0 allows on every before-callback (with changed fields, it modifies). The other codes are the callback's own, as its
/// spec entry states them from its Tencent page (<see cref="ReplyCodes"/>, generated per reply class): a one-to-one
/// message is refused with 1 and relays app codes 120001..130000, a group message relays 10100..10200.
/// <see cref="Reject{T}"/>, <see cref="Drop{T}"/>, <see cref="AppError{T}"/> and <see cref="Outcome"/> use them.
/// </remarks>
public class ImCallbackReply
{
    /// <summary>Allows the event (every callback).</summary>
    public const int AllowCode = 0;

    /// <summary><c>OK</c> or <c>FAIL</c>; written as <c>OK</c> when unset.</summary>
    public string? ActionStatus { get; set; }

    /// <summary>0 = allow; see the class remarks for the others.</summary>
    public int ErrorCode { get; set; }

    /// <summary>Text for the sender when rejecting with an app code; empty otherwise.</summary>
    public string? ErrorInfo { get; set; }

    /// <summary>
    /// The callback's reply codes from the spec (generated reply classes return their callback's; this envelope-only
    /// class, used for after-callbacks, has none).
    /// </summary>
    public virtual ImCallbackReplyCodes ReplyCodes => ImCallbackReplyCodes.None;

    /// <summary>The outcome this reply asks for, judged from its code by <see cref="ReplyCodes"/> (modify is an allow with changed fields; a code the callback does not know is None).</summary>
    public ImCallbackOutcomes Outcome => ReplyCodes.OutcomeOf(ErrorCode);

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

    /// <summary>Makes <paramref name="reply"/> reject the event with its callback's reject code (<see cref="ImCallbackReplyCodes.RejectErrorCode"/>, 1 on Tencent's pages).</summary>
    /// <exception cref="InvalidOperationException">The callback cannot reject (its spec lists no 'reject' outcome).</exception>
    public static T Reject<T>(T reply)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        var code = reply.ReplyCodes.RejectErrorCode ?? throw new InvalidOperationException(reply.GetType().Name + ": this callback cannot reject (its spec 'outcomes' has no 'reject').");
        reply.ActionStatus = "OK";
        reply.ErrorCode = code;
        reply.ErrorInfo = string.Empty;
        return reply;
    }

    /// <summary>Makes <paramref name="reply"/> drop the message silently with its callback's drop code (<see cref="ImCallbackReplyCodes.DropErrorCode"/>).</summary>
    /// <exception cref="InvalidOperationException">The callback cannot drop (its spec lists no 'drop' outcome).</exception>
    public static T Drop<T>(T reply)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        var code = reply.ReplyCodes.DropErrorCode ?? throw new InvalidOperationException(reply.GetType().Name + ": this callback cannot drop (its spec 'outcomes' has no 'drop').");
        reply.ActionStatus = "OK";
        reply.ErrorCode = code;
        reply.ErrorInfo = string.Empty;
        return reply;
    }

    /// <summary>
    /// Makes <paramref name="reply"/> reject with the app's own code, relayed with <paramref name="info"/> to the sender. The
    /// code must be in the callback's relayed range (<see cref="ImCallbackReplyCodes.MinAppErrorCode"/>..<see cref="ImCallbackReplyCodes.MaxAppErrorCode"/>):
    /// 120001..130000 for a one-to-one message, 10100..10200 for a group one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is outside the callback's range, or the callback relays no app codes.</exception>
    public static T AppError<T>(T reply, int code, string info)
        where T : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        var codes = reply.ReplyCodes;
        if (!codes.IsAppError(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, codes.MinAppErrorCode is null
                ? "ErrorCode: " + reply.GetType().Name + " relays no app error codes (its spec 'outcomes' has no 'appError')."
                : "ErrorCode: an app error code " + reply.GetType().Name + " relays to the sender must be in " + codes.AppErrorRange + ".");
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
