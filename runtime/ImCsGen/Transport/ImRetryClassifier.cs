using System;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// The retry rules of the README in one place: which failure may be repeated, given what the endpoint does
/// when a request arrives twice (<see cref="ImIdempotency"/>) and what is left of the call's deadline. The
/// pipeline asks it after every failed attempt, whichever path made the attempt.
/// </summary>
internal sealed class ImRetryClassifier
{
    /// <summary>The wait 70050 asks for ("retry after at least a minute").</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);

    private readonly ImClientOptions _options;
    private readonly TimeProvider _time;

    public ImRetryClassifier(ImClientOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public bool ShouldRetry(Exception? exception, ImCallState state, bool cancelled)
    {
        if (exception is null || cancelled)
        {
            return false;
        }

        var retryClass = exception switch
        {
            ImException error => error.RetryClass,

            // A timed-out attempt may have reached Tencent: its outcome is unknown.
            TimeoutRejectedException => ImRetryClass.OutcomeUnknown,
            _ => ImRetryClass.Never,
        };

        if (exception is ImTransportException { ErrorCode: ImErrorCodes.ClientRateLimited })
        {
            // Refused by our own limiter (queue full, deadline out of reach): repeating at once changes nothing.
            return false;
        }

        if (!_options.RetryBusinessErrors && exception is ImException { ErrorCode: 10002 or 20004 or 20005 })
        {
            return false;
        }

        return retryClass switch
        {
            ImRetryClass.NotProcessed => true,

            // Repeating an Unsafe call whose first attempt may have arrived could act twice.
            ImRetryClass.OutcomeUnknown => state.Endpoint.Idempotency != ImIdempotency.Unsafe,

            // 70050 asks for a wait of at least a minute: only worth it when the deadline leaves room.
            ImRetryClass.AfterLongWait => state.Deadline - _time.GetUtcNow() > LongWait,

            // 70001 is renewed and repeated inside the attempt; a second 70001 is final.
            _ => false,
        };
    }

    /// <summary>The delay before the next attempt when the failure dictates one (70050); null for the usual backoff.</summary>
    public static TimeSpan? DelayFor(Exception? exception)
        => exception is ImException { RetryClass: ImRetryClass.AfterLongWait } ? LongWait : null;
}
