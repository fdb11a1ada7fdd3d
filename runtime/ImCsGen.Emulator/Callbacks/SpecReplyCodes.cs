using System;
using ImCsGen.Callbacks;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Turns an app's before-callback reply into the REST caller's answer by the callback's own reply codes, as its spec entry
/// states them (<c>replyCodes</c>, generated into <see cref="ImCallbackDescriptor.ReplyCodes"/>): the reject code answers the
/// spec's caller code (20006 one-to-one, 10016 groups, ...), an app code in the callback's relayed range is passed on, the
/// drop code looks like success. No family of callbacks keeps its own copy of these numbers.
/// </summary>
internal static class SpecReplyCodes
{
    /// <summary>
    /// The answer for a reply that refuses or drops; null when it allows (with or without changes) or answers with a code the
    /// callback does not know (Tencent then proceeds; assumed, the pages do not say).
    /// </summary>
    /// <param name="reply">The app's reply.</param>
    /// <param name="descriptor">The callback, whose spec reply codes decide.</param>
    /// <param name="dropTime">The MsgTime a dropped send reports (seconds); null when the operation cannot be dropped.</param>
    /// <param name="dropKey">Whether a dropped send's answer carries a C2C MsgKey.</param>
    public static byte[]? Answer(ImCallbackReply reply, ImCallbackDescriptor descriptor, long? dropTime, bool dropKey)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(descriptor);
        var codes = descriptor.ReplyCodes;
        switch (codes.OutcomeOf(reply.ErrorCode))
        {
            case ImCallbackOutcomes.Reject:
                return CallbackJson.Envelope(CallerCodeOf(descriptor), "the operation was refused by the app's " + descriptor.Command);
            case ImCallbackOutcomes.AppError:
                return CallbackJson.Envelope(reply.ErrorCode, reply.ErrorInfo ?? string.Empty);
            case ImCallbackOutcomes.Drop when dropTime is { } time:
                // Dropped silently: the caller sees an ordinary success; nothing is stored or delivered.
                return CallbackJson.Envelope(0, string.Empty, time, dropKey);
            default:
                return null;
        }
    }

    /// <summary>The code a refused caller gets, from the spec (<c>replyCodes.reject.callerCode</c>); throws when the spec states none.</summary>
    public static int CallerCodeOf(ImCallbackDescriptor descriptor)
        => descriptor.ReplyCodes.RejectCallerCode
            ?? throw new InvalidOperationException("The spec states no callerCode for " + descriptor.Command + " (replyCodes.reject): the emulator cannot tell what a refused caller gets.");
}
