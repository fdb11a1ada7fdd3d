using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Runtime.Tests;

/// <summary>
/// The first-attempt fast path (ImFastPath) against the Polly pipeline: every retry, timeout, cancellation,
/// limiter and failover case runs once on each path (ForcePipeline), and both must give the same observable
/// outcome: result or error (type, code, message, attempts, not-processed flag, inner exception), the requests
/// sent (count and hosts) and the log events with their retry delays.
/// </summary>
public class TransportFastPathTests
{
    public static TheoryData<string> Scenarios => new()
    {
        "success", "transient-then-ok", "outcome-unknown-unsafe", "retries-exhausted", "http-429", "http-503-unsafe",
        "attempt-timeout-then-ok", "attempt-timeout-unsafe", "deadline-before-attempt-timeout", "deadline-ends-retries",
        "caller-cancels", "usersig-renewed", "code-70050", "connect-failure-fails-over", "invalid-answer",
        "rate-limit-off", "queued-behind-limit",
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Fast_path_and_pipeline_give_the_same_outcome(string scenario)
    {
        var fast = await RunAsync(scenario, forcePipeline: false);
        var pipeline = await RunAsync(scenario, forcePipeline: true);

        Assert.Equal(pipeline.Outcome, fast.Outcome);
        Assert.Equal(pipeline.Hosts, fast.Hosts);
        Assert.Equal(pipeline.Logs, fast.Logs);

        // The switch really chose the path: no call took the fast path when forced through the pipeline.
        Assert.Equal(0, pipeline.FastPathCalls);
        Assert.True(fast.FastPathCalls >= 1, scenario + " took the fast path");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_transient_failure_is_retried_from_the_same_attempt_count(bool forcePipeline)
    {
        var run = await RunAsync("transient-then-ok", forcePipeline);

        Assert.Equal("ok attempts=2 keys=True", run.Outcome);
        Assert.Equal(2, run.Hosts.Count);
        Assert.Equal(new[] { "1", "4:attempt=1,code=60007,delay=0", "1", "2:attempts=2" }, run.Logs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_attempt_timeout_is_retried_where_safe_and_reported_where_not(bool forcePipeline)
    {
        var retried = await RunAsync("attempt-timeout-then-ok", forcePipeline);
        Assert.Equal("ok attempts=2 keys=True", retried.Outcome);

        var unsafeCall = await RunAsync("attempt-timeout-unsafe", forcePipeline);
        Assert.StartsWith("ImTransportException code=" + ImErrorCodes.Timeout, unsafeCall.Outcome, StringComparison.Ordinal);
        Assert.Contains("Timeout (10 s)", unsafeCall.Outcome, StringComparison.Ordinal);
        Assert.Contains("inner=TimeoutRejectedException", unsafeCall.Outcome, StringComparison.Ordinal);
        Assert.Single(unsafeCall.Hosts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deadline_shorter_than_the_attempt_timeout_ends_the_call_as_a_deadline(bool forcePipeline)
    {
        var run = await RunAsync("deadline-before-attempt-timeout", forcePipeline);

        Assert.StartsWith("ImTransportException code=" + ImErrorCodes.Timeout, run.Outcome, StringComparison.Ordinal);
        Assert.Contains("deadline (TotalTimeout 5 s) passed", run.Outcome, StringComparison.Ordinal);

        // The attempt was sent, so it may have been processed.
        Assert.Contains("notProcessed=False", run.Outcome, StringComparison.Ordinal);
        Assert.Single(run.Hosts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_deadline_ends_retries_after_a_fast_first_attempt(bool forcePipeline)
    {
        var run = await RunAsync("deadline-ends-retries", forcePipeline);

        Assert.StartsWith("ImTransportException code=" + ImErrorCodes.Timeout + " attempts=3", run.Outcome, StringComparison.Ordinal);
        Assert.Contains("deadline (TotalTimeout 10 s) passed", run.Outcome, StringComparison.Ordinal);
        Assert.Contains("inner=ImException", run.Outcome, StringComparison.Ordinal);
        Assert.Equal(3, run.Hosts.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_cancellation_passes_through_unwrapped(bool forcePipeline)
    {
        var run = await RunAsync("caller-cancels", forcePipeline);

        Assert.Equal("OperationCanceledException", run.Outcome);
        Assert.Single(run.Hosts);
        Assert.DoesNotContain(run.Logs, l => l.StartsWith("4:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_that_must_queue_takes_the_pipeline_and_keeps_its_place()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.RateLimits["SendC2CMessage"] = 1);

        var calls = Enumerable.Range(0, 3).Select(_ => t.SendAsync(TestTransport.SendMsg())).ToArray();
        await Task.WhenAll(calls);

        // One permit was free: the first call went straight out, the other two waited in the limiter's queue.
        Assert.Equal(1, t.Transport.FastPathCalls);
        Assert.Equal(3, t.Handler.Count);
    }

    [Fact]
    public async Task Timeout_sources_are_reused_across_calls()
    {
        // A limit no loop reaches: every call finds a permit and takes the fast path.
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()), o => o.RateLimits["SendC2CMessage"] = 1_000_000);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await t.SendAsync(TestTransport.SendMsg())).IsSuccess);
        }

        // A pooled source that was reset must not carry a cancellation or a running timer into the next call:
        // moving the clock far past every timeout after the calls cancels nothing that a new call then uses.
        t.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await t.SendAsync(TestTransport.SendMsg())).IsSuccess);
        Assert.Equal(21, t.Transport.FastPathCalls);
    }

    private static async Task<Run> RunAsync(string scenario, bool forcePipeline)
    {
        Action<ImClientOptions>? configure = null;
        FakeHttpHandler handler;
        Func<TestTransport, Task<FakeResponse>> call = t => t.SendAsync(TestTransport.SendMsg());
        Func<TestTransport, Task<FakeResponse>, Task>? drive = null;
        using var cancel = new CancellationTokenSource();

        static FakeHttpHandler Hanging() => new(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return FakeHttpHandler.Ok();
        });

        switch (scenario)
        {
            case "success":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok());
                break;
            case "transient-then-ok":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60007), _ => FakeHttpHandler.Ok());
                break;
            case "outcome-unknown-unsafe":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok());
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                break;
            case "retries-exhausted":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60007));
                break;
            case "http-429":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("{}", (HttpStatusCode)429), _ => FakeHttpHandler.Ok());
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                break;
            case "http-503-unsafe":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("{}", HttpStatusCode.ServiceUnavailable), _ => FakeHttpHandler.Ok());
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                break;
            case "attempt-timeout-then-ok":
            {
                var first = true;
                handler = new FakeHttpHandler(async (_, token) =>
                {
                    if (first)
                    {
                        first = false;
                        await Task.Delay(Timeout.Infinite, token);
                    }

                    return FakeHttpHandler.Ok();
                });
                configure = o => o.Timeout = TimeSpan.FromSeconds(10);
                drive = async (t, task) =>
                {
                    await TestTransport.WaitUntil(() => t.Handler.Count == 1, "first attempt sent");
                    t.Time.Advance(TimeSpan.FromSeconds(11));
                };
                break;
            }

            case "attempt-timeout-unsafe":
                handler = Hanging();
                configure = o => o.Timeout = TimeSpan.FromSeconds(10);
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                drive = async (t, task) =>
                {
                    await TestTransport.WaitUntil(() => t.Handler.Count == 1, "first attempt sent");
                    t.Time.Advance(TimeSpan.FromSeconds(11));
                };
                break;
            case "deadline-before-attempt-timeout":
                handler = Hanging();
                // TotalTimeout may not be shorter than Timeout; with no attempt timeout the deadline is the one that fires.
                configure = o => (o.Timeout, o.TotalTimeout) = (Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(5));
                drive = async (t, task) =>
                {
                    await TestTransport.WaitUntil(() => t.Handler.Count == 1, "first attempt sent");
                    t.Time.Advance(TimeSpan.FromSeconds(6));
                };
                break;
            case "deadline-ends-retries":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008));
                configure = o =>
                {
                    o.MaxRetryAttempts = 10;
                    o.RetryBaseDelay = TimeSpan.FromSeconds(4);
                    o.RetryMaxDelay = TimeSpan.FromSeconds(4);
                    o.Timeout = TimeSpan.FromSeconds(5);
                    o.TotalTimeout = TimeSpan.FromSeconds(10);
                };

                // Attempts at 0, 4 and 8 s; the deadline (10 s) ends the third backoff. The clock moves only after
                // each request was seen and the transport had time to start its backoff timer, so both runs see
                // the same clock at every attempt.
                drive = async (t, task) =>
                {
                    for (var sent = 1; sent <= 3 && !task.IsCompleted; sent++)
                    {
                        await TestTransport.WaitUntil(() => t.Handler.Count >= sent, "attempt " + sent + " sent");
                        await Task.Delay(100);
                        t.Time.Advance(TimeSpan.FromSeconds(4));
                    }
                };
                break;
            case "caller-cancels":
                handler = new FakeHttpHandler(async (_, token) =>
                {
                    await cancel.CancelAsync();
                    await Task.Delay(Timeout.Infinite, token);
                    return FakeHttpHandler.Ok();
                });
                call = t => t.Transport.SendAsync<FakeSendMsgRequest, FakeResponse>(TestTransport.SendMsg(), cancel.Token);
                break;
            case "usersig-renewed":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70001), _ => FakeHttpHandler.Ok());
                break;
            case "code-70050":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(70050), _ => FakeHttpHandler.Ok());
                configure = o => (o.Timeout, o.TotalTimeout) = (Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(100));
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                drive = async (t, task) =>
                {
                    await TestTransport.WaitUntil(() => t.Handler.Count == 1, "first attempt sent");
                    for (var i = 0; i < 200 && !task.IsCompleted; i++)
                    {
                        await Task.Delay(5);
                        t.Time.Advance(TimeSpan.FromSeconds(1));
                    }
                };
                break;
            case "connect-failure-fails-over":
                handler = new FakeHttpHandler(request => string.Equals(request.Uri.Host, "console.tim.qq.com", StringComparison.Ordinal)
                    ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (console.tim.qq.com:443)")
                    : FakeHttpHandler.Ok());
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                break;
            case "invalid-answer":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Json("<html>proxy</html>"));
                call = t => t.SendAsync(new FakeRequest(FakeRequest.Unsafe));
                break;
            case "rate-limit-off":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60007), _ => FakeHttpHandler.Ok());
                configure = o => o.EnableRateLimiting = false;
                break;
            case "queued-behind-limit":
                handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok());
                configure = o => o.RateLimits["SendC2CMessage"] = 1;
                call = async t =>
                {
                    var calls = Enumerable.Range(0, 3).Select(_ => t.SendAsync(TestTransport.SendMsg())).ToArray();
                    await Task.WhenAll(calls);
                    return calls[^1].Result;
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }

        using var t = new TestTransport(handler, configure);
        t.Transport.ForcePipeline = forcePipeline;
        string outcome;
        try
        {
            var task = call(t);
            if (drive is not null)
            {
                await drive(t, task);
            }

            var response = await task;
            outcome = "ok attempts=" + LastAttempts(t) + " keys=" + (response.DeduplicationKeys is not null);
        }
        catch (ImException error)
        {
            outcome = error.GetType().Name + " code=" + error.ErrorCode + " attempts=" + error.Attempts + " notProcessed=" + (error as ImTransportException)?.CertainlyNotProcessed
                + " message=" + error.Message + " inner=" + error.InnerException?.GetType().Name + " keys=" + (error.DeduplicationKeys is not null);
        }
        catch (OperationCanceledException canceled)
        {
            outcome = canceled.GetType().Name;
        }

        return new Run(outcome, t.Handler.Requests.Select(r => r.Uri.Host).ToList(), Logs(t), t.Transport.FastPathCalls);
    }

    // The attempts of the last successful call, from its "succeeded after N attempt(s)" event.
    private static string LastAttempts(TestTransport t)
        => t.LogProvider.Collector.GetSnapshot().Last(r => r.Id.Id == 2).StructuredState!.Single(p => p.Key == "Attempts").Value!;

    // Event id with the fields that do not depend on wall-clock time (durations are left out).
    private static List<string> Logs(TestTransport t)
        => t.LogProvider.Collector.GetSnapshot()
            .Select(r => r.Id.Id == 4
                ? "4:attempt=" + Field(r, "Attempt") + ",code=" + Field(r, "ErrorCode") + ",delay=" + Field(r, "DelayMs")
                : r.Id.Id == 2 ? "2:attempts=" + Field(r, "Attempts") : r.Id.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static string? Field(Microsoft.Extensions.Logging.Testing.FakeLogRecord record, string key)
        => record.StructuredState!.Single(p => p.Key == key).Value;

    private sealed record Run(string Outcome, IReadOnlyList<string> Hosts, IReadOnlyList<string> Logs, long FastPathCalls);
}
