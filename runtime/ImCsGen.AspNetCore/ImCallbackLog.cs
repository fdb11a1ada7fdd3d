using System;
using Microsoft.Extensions.Logging;

namespace ImCsGen.AspNetCore;

/// <summary>Every log line of the callback endpoint. None of them receives a token or a signature.</summary>
internal static partial class ImCallbackLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "IM callback {Command} refused with {Status}: {Reason} ({Detail})")]
    public static partial void Refused(ILogger logger, string? command, int status, string reason, string detail);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "IM callback {Command} is a repeated delivery of event {EventKey}; answered from the cache, handler not run")]
    public static partial void Duplicate(ILogger logger, string command, string eventKey);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "IM before-callback {Command} handler overran its {BudgetMs} ms budget (Tencent waits 2 s); sent the fallback reply (ErrorCode {ErrorCode})")]
    public static partial void Overran(ILogger logger, string command, long budgetMs, int errorCode);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "IM callback {Command} handler failed; answered {Answer}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string command, string answer);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "IM callback {Command} has no handler; answered the default reply")]
    public static partial void Unhandled(ILogger logger, string command);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "IM before-callback {Command} handler asked for {Outcome}, which this callback does not accept (spec outcomes: {Allowed}); sent as is")]
    public static partial void UnsupportedOutcome(ILogger logger, string command, string outcome, string allowed);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "IM callback {Command} event {EventKey} is still being handled by another delivery (this instance or another); answered ErrorCode {ErrorCode} without running the handler")]
    public static partial void InProgressElsewhere(ILogger logger, string command, string eventKey, int errorCode);
}
