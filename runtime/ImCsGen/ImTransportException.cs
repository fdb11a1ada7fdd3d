using System;

namespace ImCsGen;

/// <summary>
/// The call got no valid IM answer: the network failed, an attempt or the deadline timed out, the HTTP
/// status was an error without an IM code, or the body was unreadable. <see cref="ImException.ErrorCode"/>
/// is one of the negative codes in <see cref="ImErrorCodes"/>.
/// </summary>
public sealed class ImTransportException : ImException
{
    private readonly ImRetryClass _retryClass;

    /// <summary>Creates the exception.</summary>
    public ImTransportException(int errorCode, string endpoint, string detail, bool certainlyNotProcessed, int? httpStatusCode = null, Exception? innerException = null)
        : this(errorCode, endpoint, detail, certainlyNotProcessed, httpStatusCode, innerException, Classify(errorCode, certainlyNotProcessed, httpStatusCode))
    {
    }

    /// <summary>
    /// Creates the exception with an explicit retry class: a call the client-side limiter refused because its
    /// deadline cannot be met was certainly not processed, yet repeating it at once would only be refused again.
    /// </summary>
    internal ImTransportException(int errorCode, string endpoint, string detail, bool certainlyNotProcessed, int? httpStatusCode, Exception? innerException, ImRetryClass retryClass)
        : base(errorCode, detail, endpoint, null, ImErrorCodes.Describe(errorCode).Meaning, retryClass != ImRetryClass.Never, innerException)
    {
        CertainlyNotProcessed = certainlyNotProcessed;
        HttpStatusCode = httpStatusCode;
        _retryClass = retryClass;
    }

    /// <summary>
    /// True when Tencent certainly did not process the call (DNS or connect failure, a connect that did not
    /// finish within ConnectTimeout, HTTP 429, a call refused by or still waiting in the client-side rate
    /// limiter when its deadline passed), so even a non-idempotent request may be sent again; false when the
    /// outcome is unknown.
    /// </summary>
    public bool CertainlyNotProcessed { get; }

    /// <inheritdoc />
    public override ImRetryClass RetryClass => _retryClass;

    private static ImRetryClass Classify(int errorCode, bool certainlyNotProcessed, int? httpStatusCode)
    {
        if (certainlyNotProcessed)
        {
            return ImRetryClass.NotProcessed;
        }

        // HTTP 408 and 5xx say nothing about whether the gateway passed the call on; other 4xx will not change.
        if (errorCode == ImErrorCodes.HttpError)
        {
            return httpStatusCode is { } status && (status == 408 || status >= 500) ? ImRetryClass.OutcomeUnknown : ImRetryClass.Never;
        }

        return ImErrorCodes.Describe(errorCode).Retry;
    }
}
