using ImCsGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Transport;

/// <summary>
/// The transport's side of failover: asks <see cref="ImFailoverPolicy"/> which domain an attempt uses, and on
/// a connect failure records it, moves the call and says so in the log and the failover counter. The policy
/// itself stays free of logging so that its rules can be tested on their own.
/// </summary>
internal sealed class ImFailoverRouter
{
    private readonly ImFailoverPolicy _policy;
    private readonly ILogger _logger;
    private readonly ImTelemetry _telemetry;

    public ImFailoverRouter(ImFailoverPolicy policy, ILogger logger, ImTelemetry telemetry)
    {
        _policy = policy;
        _logger = logger;
        _telemetry = telemetry;
    }

    /// <summary>The base address for the call's next attempt, and whether it is the standby.</summary>
    public (System.Uri BaseAddress, bool Standby) Choose(ImCallState state) => _policy.Choose(state.Route);

    // A connect failure sent nothing: the call's next attempt tries the other domain (see ImFailoverPolicy).
    public void OnConnectFailure(ImCallState state, bool standby, string reason)
    {
        var (route, change) = _policy.OnConnectFailure(standby);
        state.Route = route;
        var primary = _policy.Primary.Host;
        var standbyHost = _policy.Standby?.Host ?? string.Empty;
        switch (change)
        {
            case ImFailoverChange.CallMoved:
                ImTransportLog.CallFailingOver(_logger, primary, reason, standbyHost, _policy.RecentFailures, _policy.Threshold);
                break;
            case ImFailoverChange.AllCallsSwitched:
                _telemetry.RecordFailover(standbyHost);
                ImLog.FailingOver(_logger, primary, reason, standbyHost, _policy.Duration.TotalSeconds);
                break;
            case ImFailoverChange.FailedBack:
                ImTransportLog.FailingBack(_logger, standbyHost, reason, primary);
                break;
        }
    }
}
