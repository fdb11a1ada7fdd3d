using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Diagnostics;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class TelemetryTests
{
    private static readonly ImEndpoint Probe = new("TelemetryProbe", "probe", "telemetry", "probe", 200, true, ImIdempotency.Idempotent);

    [Fact]
    public async Task Calls_errors_retries_and_latency_are_measured()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var calls = new MetricCollector<long>(meterFactory, ImTelemetry.Name, ImTelemetry.CallsInstrument);
        using var errors = new MetricCollector<long>(meterFactory, ImTelemetry.Name, ImTelemetry.ErrorsInstrument);
        using var retries = new MetricCollector<long>(meterFactory, ImTelemetry.Name, ImTelemetry.RetriesInstrument);
        using var duration = new MetricCollector<double>(meterFactory, ImTelemetry.Name, ImTelemetry.DurationInstrument);
        using var t = new TestTransport(
            FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok(), _ => FakeHttpHandler.Fail(60010)),
            meterFactory: meterFactory);

        await t.SendAsync(new FakeRequest(Probe));
        await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(Probe)));

        Assert.Equal(new[] { "success", "error" }, calls.GetMeasurementSnapshot().Select(m => (string)m.Tags["im.outcome"]!));
        Assert.All(calls.GetMeasurementSnapshot(), m => Assert.Equal("probe/telemetry", m.Tags["im.endpoint"]));
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(60010, error.Tags["im.error_code"]);
        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal(60008, retry.Tags["im.error_code"]);
        Assert.Equal(2, duration.GetMeasurementSnapshot().Count);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task Each_logical_call_is_one_client_activity()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ImTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok(), _ => FakeHttpHandler.Fail(60010)));

        await t.SendAsync(new FakeRequest(Probe));
        await Assert.ThrowsAsync<ImException>(() => t.SendAsync(new FakeRequest(Probe)));

        var mine = stopped.Where(a => Equals(a.GetTagItem("im.endpoint"), "probe/telemetry")).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal("IM probe/telemetry", mine[0].DisplayName);
        Assert.Equal(2, mine[0].GetTagItem("im.attempts"));
        Assert.Contains(mine[0].Events, e => e.Name == "retry");
        Assert.Equal(ActivityStatusCode.Error, mine[1].Status);
        Assert.Equal(60010, mine[1].GetTagItem("im.error_code"));
    }
}
