using Microsoft.Extensions.Logging;

namespace ImCsGen.Transport;

/// <summary>Log events of the transport's failover and limiter rules (event ids 20-29; ImLog holds 1-19).</summary>
internal static partial class ImTransportLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "IM host {PrimaryHost} could not be reached ({Reason}); failing over to standby domain {StandbyHost} for this call ({Failures} of {Threshold} connect failures before every call switches)")]
    public static partial void CallFailingOver(ILogger logger, string primaryHost, string reason, string standbyHost, int failures, int threshold);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "IM standby domain {StandbyHost} could not be reached either ({Reason}); failing back to {PrimaryHost}")]
    public static partial void FailingBack(ILogger logger, string standbyHost, string reason, string primaryHost);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "IM call {Endpoint} refused by the client-side rate limiter: {Reason}")]
    public static partial void LimiterRefused(ILogger logger, string endpoint, string reason);
}
