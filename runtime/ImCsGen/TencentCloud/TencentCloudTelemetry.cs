using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImCsGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImCsGen.TencentCloud;

/// <summary>
/// Metrics of the API 3.0 transport, on the same <c>ImCsGen</c> meter as the IM transport (so one
/// <c>AddMeter("ImCsGen")</c> collects both). Tags: <c>tc.action</c> (<c>ccc:DescribeIMCdrs</c>),
/// <c>tc.outcome</c>, <c>tc.error_code</c> (Tencent's string code). Activities come from
/// <see cref="ImTelemetry.ActivitySource"/>, named <c>TencentCloud {service}:{action}</c>.
/// </summary>
public sealed class TencentCloudTelemetry
{
    /// <summary>Counter of logical calls.</summary>
    public const string CallsInstrument = "imcsgen.tencentcloud.calls";

    /// <summary>Counter of failed calls by error code.</summary>
    public const string ErrorsInstrument = "imcsgen.tencentcloud.errors";

    /// <summary>Counter of retries by the error code that caused them.</summary>
    public const string RetriesInstrument = "imcsgen.tencentcloud.retries";

    /// <summary>Histogram of logical call duration, seconds.</summary>
    public const string DurationInstrument = "imcsgen.tencentcloud.call.duration";

    private static readonly Meter SharedMeter = new(ImTelemetry.Name, ImCsGenAssemblyVersion.Value);

    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> or on a shared meter.</summary>
    public TencentCloudTelemetry(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(new MeterOptions(ImTelemetry.Name)) ?? SharedMeter;
        _calls = meter.CreateCounter<long>(CallsInstrument, "{call}", "Logical Tencent Cloud API 3.0 calls.");
        _errors = meter.CreateCounter<long>(ErrorsInstrument, "{call}", "Tencent Cloud API 3.0 calls that failed, by error code.");
        _retries = meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Retried Tencent Cloud API 3.0 attempts.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of logical Tencent Cloud API 3.0 calls, retries included.");
    }

    internal void RecordCall(string action, string outcome, double seconds)
    {
        var tags = new TagList { { "tc.action", action }, { "tc.outcome", outcome } };
        _calls.Add(1, tags);
        _duration.Record(seconds, tags);
    }

    internal void RecordError(string action, string code)
        => _errors.Add(1, new KeyValuePair<string, object?>("tc.action", action), new KeyValuePair<string, object?>("tc.error_code", code));

    internal void RecordRetry(string action, string code)
        => _retries.Add(1, new KeyValuePair<string, object?>("tc.action", action), new KeyValuePair<string, object?>("tc.error_code", code));
}

/// <summary>The API 3.0 transport's log lines. None receives the secret key, the token or the Authorization header.</summary>
internal static partial class TencentCloudLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Tencent Cloud call {Action} attempt {Attempt}: POST {Endpoint} (SecretId {SecretId})")]
    public static partial void Sending(ILogger logger, string action, int attempt, string endpoint, string secretId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Tencent Cloud call {Action} succeeded after {Attempts} attempt(s) in {ElapsedMs} ms (RequestId {RequestId})")]
    public static partial void Succeeded(ILogger logger, string action, int attempts, long elapsedMs, string? requestId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Tencent Cloud call {Action} attempt {Attempt} failed with {Code}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string action, int attempt, string code, long delayMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Tencent Cloud call {Action} failed with {Code} after {Attempts} attempt(s): {ErrorMessage} (RequestId {RequestId})")]
    public static partial void Failed(ILogger logger, string action, string code, int attempts, string? errorMessage, string? requestId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Tencent Cloud credential {SecretId} was rejected ({Code}); asking the provider for a new one and repeating once")]
    public static partial void RenewingCredential(ILogger logger, string secretId, string code);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Tencent Cloud call {Action} succeeded with per-item failures (RequestId {RequestId})")]
    public static partial void ItemErrors(ILogger logger, string action, string? requestId);
}
