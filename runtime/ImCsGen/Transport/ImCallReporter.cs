using System;
using System.Diagnostics;
using ImCsGen.Diagnostics;
using ImCsGen.Serialization;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Transport;

/// <summary>
/// What the outside world learns about a call: metrics, the Activity's tags and events, and log events, for
/// success, retry and failure. Kept apart from the rules so that turning telemetry on or off never changes a
/// decision, and so that the cost of each signal when nobody listens can be read in one place (every tag and
/// event is behind a null Activity or a disabled log level).
/// </summary>
internal sealed class ImCallReporter
{
    private readonly ImClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ImTelemetry _telemetry;

    public ImCallReporter(ImClientOptions options, TimeProvider time, ILogger logger, ImTelemetry telemetry)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _telemetry = telemetry;
    }

    public Activity? Start(ImEndpoint endpoint)
    {
        // HasListeners first: without a listener StartActivity returns null anyway, but the name would be built.
        if (!ImTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ImTelemetry.ActivitySource.StartActivity("IM " + endpoint.Path, ActivityKind.Client);
        activity?.SetTag("im.endpoint", endpoint.Path);
        activity?.SetTag("im.sdkappid", _options.SdkAppId);
        activity?.SetTag("rpc.system", "tencent_im");
        return activity;
    }

    public void Succeeded(ImCallState state, ImResponse response, Activity? activity, long started)
    {
        var path = state.Endpoint.Path;
        var outcome = "success";
        if (response.HasItemErrors)
        {
            // The call succeeded but some items failed: the typed response carries them; say so in the log.
            outcome = "partial";
            ImLog.ItemErrors(_logger, path, response.RequestId);
            activity?.SetTag("im.item_errors", true);
        }

        var elapsed = _time.GetElapsedTime(started);
        _telemetry.RecordCall(path, outcome, elapsed.TotalSeconds);
        activity?.SetTag("im.attempts", state.Attempts);
        ImLog.Succeeded(_logger, path, state.Attempts, (long)elapsed.TotalMilliseconds);
    }

    public void Retrying(ImCallState state, Exception? exception, int attemptNumber, TimeSpan delay)
    {
        state.LastError = exception;
        var code = exception is ImException error ? error.ErrorCode : ImErrorCodes.Timeout;
        var meaning = ImErrorCodes.Describe(code).Meaning;
        _telemetry.RecordRetry(state.Endpoint.Path, code);
        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { { "im.error_code", code }, { "im.attempt", attemptNumber + 1 } }));
        ImLog.Retrying(_logger, state.Endpoint.Path, attemptNumber + 1, code, meaning, (long)delay.TotalMilliseconds);
    }

    public void Failed(ImCallState state, ImException error, Activity? activity, long started)
    {
        var path = state.Endpoint.Path;
        error.DeduplicationKeys = state.Keys;
        _telemetry.RecordError(path, error.ErrorCode);
        _telemetry.RecordCall(path, "error", _time.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("im.attempts", state.Attempts);
        activity?.SetTag("im.error_code", error.ErrorCode);
        activity?.SetStatus(ActivityStatusCode.Error, error.Meaning);
        if (error is ImTransportException)
        {
            ImLog.TransportFailed(_logger, error, path, state.Attempts);
        }
        else
        {
            ImLog.Failed(_logger, path, error.ErrorCode, error.Meaning, state.Attempts, error.ErrorInfo);
        }
    }
}
