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
