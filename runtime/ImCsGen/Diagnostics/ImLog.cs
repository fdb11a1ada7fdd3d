using System;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Diagnostics;

/// <summary>
/// Every log line the runtime writes. URLs are logged with <c>usersig=[redacted]</c>; nothing here ever
/// receives the secret key or a UserSig (source-generated, so no reflection and no boxing).
/// </summary>
internal static partial class ImLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "IM call {Endpoint} attempt {Attempt}: POST {RedactedUrl}")]
    public static partial void Sending(ILogger logger, string endpoint, int attempt, string redactedUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "IM call {Endpoint} succeeded after {Attempts} attempt(s) in {ElapsedMs} ms")]
    public static partial void Succeeded(ILogger logger, string endpoint, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "IM call {Endpoint} succeeded with per-item failures (RequestId {RequestId})")]
    public static partial void ItemErrors(ILogger logger, string endpoint, string? requestId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "IM call {Endpoint} attempt {Attempt} failed with {ErrorCode} ({Meaning}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, int errorCode, string meaning, long delayMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "IM call {Endpoint} failed with {ErrorCode} ({Meaning}) after {Attempts} attempt(s): {ErrorInfo}")]
    public static partial void Failed(ILogger logger, string endpoint, int errorCode, string meaning, int attempts, string? errorInfo);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "IM host {PrimaryHost} could not be reached ({Reason}); failing over to standby domain {StandbyHost} for {FailoverSeconds} s")]
    public static partial void FailingOver(ILogger logger, string primaryHost, string reason, string standbyHost, double failoverSeconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "IM UserSig for {Identifier} was rejected as expired (70001); renewing it and repeating the call once")]
    public static partial void RenewingUserSig(ILogger logger, string identifier);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "IM call {Endpoint} waited {WaitMs} ms for the client-side rate limiter")]
    public static partial void RateLimitWait(ILogger logger, string endpoint, long waitMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "IM call {Endpoint} failed without an IM answer after {Attempts} attempt(s)")]
    public static partial void TransportFailed(ILogger logger, Exception exception, string endpoint, int attempts);
}
