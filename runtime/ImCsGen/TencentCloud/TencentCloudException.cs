using System;
using System.Globalization;

namespace ImCsGen.TencentCloud;

/// <summary>
/// A Tencent Cloud API 3.0 call failed: Tencent answered <c>Response.Error</c> (<see cref="Code"/> is its dotted
/// string code), or no answer came (<see cref="Code"/> is one of <see cref="TencentCloudErrorCodes"/>' client
/// codes). The message names the action and the code; it never holds the secret key or a session token.
/// </summary>
public class TencentCloudException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TencentCloudException(string code, string? errorMessage, string action, string? requestId, int? httpStatusCode = null, Exception? innerException = null, ImRetryClass? retryClass = null)
        : base(Compose(code, errorMessage, action, requestId, httpStatusCode), innerException)
    {
        Code = code;
        ErrorMessage = errorMessage;
        Action = action;
        RequestId = requestId;
        HttpStatusCode = httpStatusCode;
        RetryClass = retryClass ?? TencentCloudErrorCodes.Classify(code);
    }

    /// <summary>Tencent's code (<c>AuthFailure.SignatureFailure</c>, <c>RequestLimitExceeded</c>...) or a client code.</summary>
    public string Code { get; }

    /// <summary>Tencent's <c>Error.Message</c> (redacted), or the client's detail.</summary>
    public string? ErrorMessage { get; }

    /// <summary><c>{service}:{action}</c>.</summary>
    public string Action { get; }

    /// <summary>Tencent's RequestId, when the call reached Tencent.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status, when one was received.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>How the transport treated the failure for retries.</summary>
    public ImRetryClass RetryClass { get; }

    /// <summary>Attempts made (1 when not retried).</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>Whether the code says the request was not processed and a later attempt may succeed.</summary>
    public bool IsTransient => RetryClass is ImRetryClass.NotProcessed or ImRetryClass.OutcomeUnknown;

    private static string Compose(string code, string? message, string action, string? requestId, int? status)
        => "Tencent Cloud call " + action + " failed with " + code
            + (status is { } s && s != 200 ? " (HTTP " + s.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty)
            + (string.IsNullOrEmpty(message) ? string.Empty : ": " + message)
            + (requestId is null ? string.Empty : " [RequestId " + requestId + "]");
}

/// <summary>
/// How API 3.0's string error codes are treated. The common codes are Tencent's "公共错误码" list (same on every
/// product's API page); ccc's own codes (FailedOperation.*, InvalidParameterValue.*) are final.
/// </summary>
public static class TencentCloudErrorCodes
{
    /// <summary>Client code: no answer within the attempt timeout or the call's deadline.</summary>
    public const string Timeout = "ImCsGen.Timeout";

    /// <summary>Client code: the network failed (connection refused, reset, DNS).</summary>
    public const string NetworkError = "ImCsGen.NetworkError";

    /// <summary>Client code: a non-2xx HTTP status without an API 3.0 error body.</summary>
    public const string HttpError = "ImCsGen.HttpError";

    /// <summary>Client code: the body was not the <c>{"Response": ...}</c> envelope.</summary>
    public const string InvalidResponse = "ImCsGen.InvalidResponse";

    /// <summary>Client code: too many calls were waiting for the client-side rate limiter.</summary>
    public const string ClientRateLimited = "ImCsGen.ClientRateLimited";

    /// <summary>
    /// The retry class of <paramref name="code"/>: frequency limits were rejected before processing
    /// (<see cref="ImRetryClass.NotProcessed"/>); internal errors and an unavailable service leave the outcome
    /// unknown (retried for idempotent actions only); authentication, parameter, permission and business
    /// errors will not change on a repeat (<see cref="ImRetryClass.Never"/>).
    /// </summary>
    public static ImRetryClass Classify(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Is(code, "RequestLimitExceeded") || code == ClientRateLimited)
        {
            return ImRetryClass.NotProcessed;
        }

        if (Is(code, "InternalError") || Is(code, "ServiceUnavailable") || Is(code, "ResourceUnavailable") || code is Timeout or NetworkError)
        {
            return ImRetryClass.OutcomeUnknown;
        }

        // AuthFailure.*, InvalidParameter*, MissingParameter, UnknownParameter, UnauthorizedOperation,
        // OperationDenied.*, LimitExceeded.* (a quota, not a frequency), FailedOperation.*, ResourceNotFound.* ...
        return ImRetryClass.Never;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="family"/> or one of its dotted sub-codes.</summary>
    public static bool Is(string code, string family)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(family);
        return code.StartsWith(family, StringComparison.Ordinal) && (code.Length == family.Length || code[family.Length] == '.');
    }
}
