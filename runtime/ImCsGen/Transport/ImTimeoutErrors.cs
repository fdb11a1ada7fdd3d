using System;
using System.Globalization;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// Says which timeout ended a call and whether anything may have reached Tencent. The caller needs the
/// difference: a call that waited in the limiter, or whose every attempt failed to connect, is certainly
/// not processed and may be sent again; a call whose attempt went unanswered may have been.
/// </summary>
internal static class ImTimeoutErrors
{
    public static ImTransportException FromTimeout(ImCallState state, TimeoutRejectedException timeout, ImClientOptions options, DateTimeOffset now)
    {
        var deadlinePassed = now >= state.Deadline;
        var detail = deadlinePassed
            ? "the call's deadline (TotalTimeout " + ImDurations.Seconds(options.TotalTimeout) + ") passed"
            : "no answer within Timeout (" + ImDurations.Seconds(options.Timeout) + ") on attempt " + state.Attempts.ToString(CultureInfo.InvariantCulture);

        // No attempt that could have reached Tencent: the call waited in the rate limiter (or between
        // connect failures) until its deadline, so it was certainly not processed and may be sent again.
        var notProcessed = deadlinePassed && !state.MaybeProcessed;
        if (notProcessed)
        {
            detail += state.InLimiter
                ? " while the call waited in the client-side rate limiter; nothing was sent"
                : "; no attempt reached Tencent";
        }

        // After the deadline, the failure worth showing is the last attempt's; an attempt timeout is its own cause.
        var cause = deadlinePassed ? state.LastError ?? timeout : timeout;
        return new ImTransportException(ImErrorCodes.Timeout, state.Endpoint.Path, detail, notProcessed, null, cause) { Attempts = state.Attempts };
    }
}
