using System;

namespace ImCsGen;

/// <summary>
/// Tencent Cloud IM answered a call with an error. Carries the code, Tencent's meaning of it, whether
/// a retry may succeed, the endpoint and the request id. Never carries the secret key or a UserSig.
/// </summary>
public class ImException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImException(int errorCode, string? errorInfo, string endpoint, string? requestId, string meaning, bool isRetryable, Exception? innerException = null)
        : base(BuildMessage(errorCode, errorInfo, endpoint, requestId, meaning), innerException)
    {
        ErrorCode = errorCode;
        ErrorInfo = errorInfo;
        Endpoint = endpoint;
        RequestId = requestId;
        Meaning = meaning;
        IsRetryable = isRetryable;
    }

    /// <summary>Tencent's error code.</summary>
    public int ErrorCode { get; }

    /// <summary>Tencent's <c>ErrorInfo</c> text.</summary>
    public string? ErrorInfo { get; }

    /// <summary>The endpoint path (<c>openim/sendmsg</c>).</summary>
    public string Endpoint { get; }

    /// <summary>The request id Tencent returned, if any.</summary>
    public string? RequestId { get; }

    /// <summary>What the code means, from Tencent's documentation.</summary>
    public string Meaning { get; }

    /// <summary>Whether a retry may succeed.</summary>
    public bool IsRetryable { get; }

    /// <summary>Tencent's <c>ErrorDisplay</c> text, when it sent one.</summary>
    public string? ErrorDisplay { get; init; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>How many HTTP attempts the call made before giving up (1 when it was not retried).</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>
    /// The de-duplication keys the call sent on every attempt (null for endpoints without a rule). After an
    /// unknown outcome, repeating the call with these keys within the endpoint's window cannot store twice.
    /// </summary>
    public ImCsGen.Idempotency.ImDeduplicationKeys? DeduplicationKeys { get; internal set; }

    /// <summary>The broad class of the failure, from <see cref="ImErrorCodes"/>.</summary>
    public ImErrorCategory Category => ImErrorCodes.Describe(ErrorCode).Category;

    /// <summary>When a retry is allowed, from <see cref="ImErrorCodes"/>.</summary>
    public virtual ImRetryClass RetryClass => ImErrorCodes.Describe(ErrorCode).Retry;

    /// <summary>Whether Tencent throttled the call (60007, 60011, 60018, 60019, 70050, HTTP 429).</summary>
    public bool IsRateLimited => Category == ImErrorCategory.RateLimited;

    /// <summary>Creates the exception for an IM error code, taking meaning and retryability from <see cref="ImErrorCodes"/>.</summary>
    public static ImException FromCode(int errorCode, string? errorInfo, string endpoint, string? requestId)
    {
        var description = ImErrorCodes.Describe(errorCode);
        return new ImException(errorCode, errorInfo, endpoint, requestId, description.Meaning, description.Retry != ImRetryClass.Never);
    }

    private static string BuildMessage(int errorCode, string? errorInfo, string endpoint, string? requestId, string meaning)
    {
        var message = "IM call " + endpoint + " failed with " + errorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + meaning + ")";
        if (!string.IsNullOrEmpty(errorInfo))
        {
            message += ": " + errorInfo;
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            message += " [RequestId " + requestId + "]";
        }

        return message;
    }
}
