using System;

namespace ImCsGen.Emulator.Faults;

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>Answer with an HTTP error status (default 503) without processing the call.</summary>
    HttpError,

    /// <summary>Wait <see cref="FaultRule.Delay"/> (past the client's timeout), then process and answer normally.</summary>
    Delay,

    /// <summary>Answer <c>ActionStatus: FAIL</c> with <see cref="FaultRule.ErrorCode"/> (default 60008) without processing the call.</summary>
    ErrorCode,

    /// <summary>Process the call (store the message), then drop the connection so the reply is lost.</summary>
    ReplyLost,

    /// <summary>Drop the connection without processing the call (a reset before the request is handled).</summary>
    ConnectionReset,
}

/// <summary>A fault to inject into calls of one endpoint (or all, with path <c>*</c>).</summary>
public sealed class FaultRule
{
    /// <summary><c>service/command</c> or <c>*</c>.</summary>
    public string Path { get; set; } = "*";

    /// <summary>What happens.</summary>
    public FaultKind Kind { get; set; }

    /// <summary>Chance per call, 0..1. Rules share one draw per call, so their probabilities add up.</summary>
    public double Probability { get; set; } = 1.0;

    /// <summary>How many more times the rule may fire; null = unlimited.</summary>
    public int? Remaining { get; set; }

    /// <summary>HTTP status for <see cref="FaultKind.HttpError"/>.</summary>
    public int HttpStatus { get; set; } = 503;

    /// <summary>Tencent code for <see cref="FaultKind.ErrorCode"/>.</summary>
    public int ErrorCode { get; set; } = 60008;

    /// <summary>Wait for <see cref="FaultKind.Delay"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times it fired.</summary>
    public int Fired { get; internal set; }

    internal bool Matches(string path) => Path == "*" || string.Equals(Path, path, StringComparison.Ordinal);
}
