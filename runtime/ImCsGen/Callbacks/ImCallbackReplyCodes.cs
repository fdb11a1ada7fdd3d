using System;
using System.Globalization;

namespace ImCsGen.Callbacks;

/// <summary>
/// The reply codes of one before-callback as its spec entry (<c>replyCodes</c>) states them from the callback's own Tencent
/// page: which reply <c>ErrorCode</c> refuses or drops, what the refused caller gets, and which app codes Tencent relays.
/// They differ per family (one-to-one: refused senders get 20006 and 120001..130000 is relayed; groups: 10016 and
/// 10100..10200), so they are generated per callback and read from here by the reply helpers and the emulator.
/// </summary>
public sealed class ImCallbackReplyCodes
{
    /// <summary>No codes: an after-callback, or a reply that can only allow.</summary>
    public static ImCallbackReplyCodes None { get; } = new(null, null, null, null, null);

    /// <summary>Creates the codes (generated code calls this); null means the callback has no such outcome or the spec states no such code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Only one end of the app-error range is given, or min is above max.</exception>
    public ImCallbackReplyCodes(int? rejectErrorCode, int? rejectCallerCode, int? dropErrorCode, int? minAppErrorCode, int? maxAppErrorCode)
    {
        if (minAppErrorCode.HasValue != maxAppErrorCode.HasValue || minAppErrorCode > maxAppErrorCode)
        {
            throw new ArgumentOutOfRangeException(nameof(minAppErrorCode), "The app-error range needs both ends, min at most max.");
        }

        RejectErrorCode = rejectErrorCode;
        RejectCallerCode = rejectCallerCode;
        DropErrorCode = dropErrorCode;
        MinAppErrorCode = minAppErrorCode;
        MaxAppErrorCode = maxAppErrorCode;
    }

    /// <summary>The reply <c>ErrorCode</c> that refuses the event (1 on every page read so far); null when the callback cannot refuse.</summary>
    public int? RejectErrorCode { get; }

    /// <summary>The <c>ErrorCode</c> Tencent answers the sender or REST caller whose event was refused; null when the spec states none.</summary>
    public int? RejectCallerCode { get; }

    /// <summary>The reply <c>ErrorCode</c> that discards a message silently; null when the callback cannot drop.</summary>
    public int? DropErrorCode { get; }

    /// <summary>Lowest app-chosen code Tencent relays to the sender; null when the callback relays none.</summary>
    public int? MinAppErrorCode { get; }

    /// <summary>Highest app-chosen code Tencent relays to the sender; null when the callback relays none.</summary>
    public int? MaxAppErrorCode { get; }

    /// <summary>Whether <paramref name="errorCode"/> is an app code this callback relays.</summary>
    public bool IsAppError(int errorCode) => errorCode >= MinAppErrorCode && errorCode <= MaxAppErrorCode;

    /// <summary>The outcome a reply <c>ErrorCode</c> asks for (modify is an allow with changed fields); None for a code the callback does not know.</summary>
    public ImCallbackOutcomes OutcomeOf(int errorCode)
    {
        if (errorCode == ImCallbackReply.AllowCode)
        {
            return ImCallbackOutcomes.Allow;
        }

        if (errorCode == RejectErrorCode)
        {
            return ImCallbackOutcomes.Reject;
        }

        if (errorCode == DropErrorCode)
        {
            return ImCallbackOutcomes.Drop;
        }

        return IsAppError(errorCode) ? ImCallbackOutcomes.AppError : ImCallbackOutcomes.None;
    }

    /// <summary>The relayed range as text (<c>10100..10200</c>), or <c>none</c>.</summary>
    public string AppErrorRange => MinAppErrorCode is { } min && MaxAppErrorCode is { } max
        ? min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture)
        : "none";

    /// <inheritdoc />
    public override string ToString()
        => "reject " + Text(RejectErrorCode) + " (caller gets " + Text(RejectCallerCode) + "), drop " + Text(DropErrorCode) + ", app errors " + AppErrorRange;

    private static string Text(int? code) => code?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
