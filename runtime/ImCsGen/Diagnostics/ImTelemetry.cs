using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImCsGen.Diagnostics;

/// <summary>
/// The runtime's tracing and metrics. ActivitySource and Meter are both named <c>ImCsGen</c>; listen with
/// OpenTelemetry (<c>AddSource("ImCsGen")</c>, <c>AddMeter("ImCsGen")</c>) or any listener.
/// </summary>
public sealed class ImTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "ImCsGen";

    /// <summary>Counter of logical calls, tagged <c>im.endpoint</c> and <c>im.outcome</c> (success, partial, error).</summary>
    public const string CallsInstrument = "imcsgen.client.calls";

    /// <summary>Counter of failed calls, tagged <c>im.endpoint</c> and <c>im.error_code</c>.</summary>
    public const string ErrorsInstrument = "imcsgen.client.errors";

    /// <summary>Counter of retries, tagged <c>im.endpoint</c> and <c>im.error_code</c> (the failure that caused it).</summary>
    public const string RetriesInstrument = "imcsgen.client.retries";

    /// <summary>Histogram of logical call duration in seconds (waits and retries included), tagged <c>im.endpoint</c> and <c>im.outcome</c>.</summary>
    public const string DurationInstrument = "imcsgen.client.call.duration";

    /// <summary>Counter of switches to a standby domain, tagged <c>server.address</c> (the standby).</summary>
    public const string FailoversInstrument = "imcsgen.client.failovers";

    /// <summary>The ActivitySource: one Client activity per logical call, named <c>IM {service}/{command}</c>.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, ImCsGenAssemblyVersion.Value);

    private static readonly Meter SharedMeter = new(Name, ImCsGenAssemblyVersion.Value);

    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failovers;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (DI) or on a shared meter.</summary>
    public ImTelemetry(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(new MeterOptions(Name)) ?? SharedMeter;
        _calls = meter.CreateCounter<long>(CallsInstrument, "{call}", "Logical IM REST calls.");
        _errors = meter.CreateCounter<long>(ErrorsInstrument, "{call}", "IM REST calls that failed, by error code.");
        _retries = meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Retried IM REST attempts.");
        _failovers = meter.CreateCounter<long>(FailoversInstrument, "{failover}", "Switches to a standby domain.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of logical IM REST calls, retries included.");
    }

    // Every Record method returns at once when nobody listens to its instrument (Enabled is false until a
    // MeterListener or OpenTelemetry subscribes): no tag is built and no error code is boxed, so telemetry
    // costs a call nothing without a listener.
    internal void RecordCall(string endpoint, string outcome, double seconds)
    {
        if (!_calls.Enabled && !_duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "im.endpoint", endpoint }, { "im.outcome", outcome } };
        _calls.Add(1, tags);
        _duration.Record(seconds, tags);
    }

    internal void RecordError(string endpoint, int code)
    {
        if (_errors.Enabled)
        {
            _errors.Add(1, new KeyValuePair<string, object?>("im.endpoint", endpoint), new KeyValuePair<string, object?>("im.error_code", code));
        }
    }

    internal void RecordRetry(string endpoint, int code)
    {
        if (_retries.Enabled)
        {
            _retries.Add(1, new KeyValuePair<string, object?>("im.endpoint", endpoint), new KeyValuePair<string, object?>("im.error_code", code));
        }
    }

    internal void RecordFailover(string host)
    {
        if (_failovers.Enabled)
        {
            _failovers.Add(1, new KeyValuePair<string, object?>("server.address", host));
        }
    }
}
