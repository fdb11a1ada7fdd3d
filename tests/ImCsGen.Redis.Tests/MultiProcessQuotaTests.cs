using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// The proof of issue 16: several client PROCESSES share one App quota of 200 calls/s for one endpoint through a
/// real Redis, against the emulator (its own process, 127.0.0.1), which answers 60007 over 200 calls in a second.
/// Redis is killed in the middle of the run and restarted: calls go on at each instance's share, none fails.
/// The short profile (CI) is 4 processes x 10 s with a 1 s outage. The long profile of the issue (4 x 20 s, 5 s outage):
///   IMCSGEN_REDIS_PROOF_SECONDS=20 IMCSGEN_REDIS_PROOF_OUTAGE=5 dotnet test tests/ImCsGen.Redis.Tests -c Release --filter MultiProcessQuotaTests
/// </summary>
public sealed class MultiProcessQuotaTests
{
    private const string Path = "ConfigSvc/GetIPList";
    private const int Quota = 200;
    private const int Processes = 4;

    // Calls in flight per process: enough that the processes together keep the quota busy even when a loaded
    // machine makes a loopback call take 100 ms; the limiter, not the loops, sets the pace.
    private const int Concurrency = 24;

    // After Redis answers again, how long the processes may take to switch back: each tries Redis again after its
    // RetryInterval on the share (1 s, the load client's default), and one more second for every process's retry to
    // come round. The share starts late on purpose at the first switch (see ImRedisSharedLimiter), so the quota
    // share is judged outside the outage and these switches.
    private static readonly TimeSpan SwitchBack = TimeSpan.FromSeconds(2);

    private readonly ITestOutputHelper _output;

    public MultiProcessQuotaTests(ITestOutputHelper output) => _output = output;

    private static string ClientDll => System.IO.Path.Combine(AppContext.BaseDirectory, "ImCsGen.Redis.LoadClient.dll");

    // History: session 5 fixed the 60007 at the switch to the shares (each instance now holds a bounded number of
    // places ahead and its share starts after the bound). The short profile still failed 2 runs in 7 then: once the
    // emulator, which ran inside this test host, read 95 calls of one second late and counted 252 in the next while
    // the limiters never let more than 200 go in any 1 s span; once the judged seconds included the deliberate late
    // start of the shares. Session 6: the emulator runs in its own process, and the quota share is judged over the
    // seconds without a switch.
    [Fact]
    public async Task Four_processes_share_one_App_quota_without_60007_and_survive_a_Redis_outage()
    {
        var seconds = Setting("IMCSGEN_REDIS_PROOF_SECONDS", 10);
        var outage = Setting("IMCSGEN_REDIS_PROOF_OUTAGE", 1);
        await using var redis = await RedisServer.StartNewAsync();
        await using var emulator = await EmulatorProcess.StartAsync(Path, Quota);

        var traces = Enumerable.Range(0, Processes).Select(_ => System.IO.Path.GetTempFileName()).ToList();
        var processes = traces.Select(trace => Launch(emulator, redis, seconds, trace)).ToList();
        try
        {
            // Every process starts its measured span at the same moment, once all are warmed up (connected to Redis
            // and the emulator): on a busy machine start-up takes anything from 1 to 30 s.
            using (var ready = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                foreach (var (process, _) in processes)
                {
                    string? line;
                    while ((line = await process.StandardOutput.ReadLineAsync(ready.Token)) != "READY")
                    {
                        Assert.True(line is not null, "a load client exited before it was ready: " + await process.StandardError.ReadToEndAsync(ready.Token));
                    }
                }
            }

            // The warm-up calls are not part of the span.
            var warmUp60007 = await emulator.ResponsesAsync(60007);
            var start = DateTimeOffset.UtcNow.AddMilliseconds(500);
            foreach (var (process, _) in processes)
            {
                await process.StandardInput.WriteLineAsync(start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                await process.StandardInput.FlushAsync();
            }

            // Redis goes away in the middle of the span and comes back, empty, as after a crash.
            var outageAt = start + TimeSpan.FromSeconds((seconds - outage) / 2.0);
            await DelayUntil(outageAt);
            var before60007 = await emulator.ResponsesAsync(60007) - warmUp60007;
            await redis.StopAsync();
            var killed = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(outage));
            await redis.StartAsync();
            var restarted = DateTimeOffset.UtcNow;

            var results = new List<Dictionary<string, long>>();
            var exits = new List<string>();
            foreach (var (process, errors) in processes)
            {
                using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
                var text = await process.StandardOutput.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                var stderr = await errors;
                _output.WriteLine(text.Trim() + (stderr.Length > 0 ? " | " + stderr.Trim().Replace('\n', ' ') : string.Empty));
                exits.Add(process.ExitCode == 0 ? string.Empty : "a load client failed (exit " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + text + stderr);
                results.Add(Parse(text));
            }

            var ok = results.Sum(r => r["ok"]);
            var share = ok / (double)(Quota * seconds);
            var limited = await emulator.ResponsesAsync(60007) - warmUp60007;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Processes} processes x {seconds} s, {outage} s outage: {ok} calls answered OK in the span = {share:P1} of {Quota}/s; 60007 answers: {limited} ({before60007} before the outage); fallback permits {results.Sum(r => r["fallback_permits"])}, warnings {results.Sum(r => r["fallback_warnings"])}"));

            var outageStart = outageAt.ToUnixTimeMilliseconds() / 1000;
            string Relative(long second) => (second - outageStart).ToString(CultureInfo.InvariantCulture) + (second >= outageStart && second <= outageStart + outage ? "*" : string.Empty);
            var windows = await emulator.RateWindowsAsync(Path);
            _output.WriteLine("calls the emulator counted per second of its windows (* = Redis down in that second; /N = N of them refused): " + string.Join(", ", windows.Where(w => w.Second >= start.ToUnixTimeSeconds()).Select(w => Relative(w.Second) + ":" + w.Calls.ToString(CultureInfo.InvariantCulture) + (w.Refused > 0 ? "/" + w.Refused.ToString(CultureInfo.InvariantCulture) : string.Empty))));
            var grants = traces.SelectMany(File.ReadAllLines).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToList();
            var granted = GrantSpans.MostInAnySpan(grants, start, 1000);
            _output.WriteLine("calls the limiters let go per second: " + string.Join(", ", grants.Where(ms => ms >= start.ToUnixTimeMilliseconds()).GroupBy(ms => ms / 1000).OrderBy(g => g.Key).Select(g => Relative(g.Key) + ":" + g.Count().ToString(CultureInfo.InvariantCulture))));
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"most calls the limiters let go in any 1000 ms span: {granted.Count}, from {granted.At - outageAt.ToUnixTimeMilliseconds()} ms after the outage began; per 50 ms: {string.Join(' ', GrantSpans.Histogram(grants, granted.At, 1000, 50))}"));
            var lastRedis = new List<long>();
            var firstShare = new List<long>();
            foreach (var trace in traces)
            {
                var own = File.ReadAllLines(trace).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToList();
                var shared = File.Exists(trace + ".share") ? File.ReadAllLines(trace + ".share").Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToList() : [];
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one process in that span: {own.Count(ms => ms >= granted.At && ms < granted.At + 1000)} let go, {shared.Count(ms => ms >= granted.At && ms < granted.At + 1000)} of them from its share; share permits per second: {string.Join(", ", shared.GroupBy(ms => ms / 1000).OrderBy(g => g.Key).Select(g => Relative(g.Key) + ":" + g.Count().ToString(CultureInfo.InvariantCulture)))}"));
                var fromRedis = WithoutShare(own, shared).Where(ms => ms >= outageAt.ToUnixTimeMilliseconds() && ms < outageAt.ToUnixTimeMilliseconds() + (outage * 1000)).ToList();
                lastRedis.Add(fromRedis.Count > 0 ? fromRedis.Max() - outageAt.ToUnixTimeMilliseconds() : -1);
                firstShare.Add(shared.Count > 0 ? shared.Min() - outageAt.ToUnixTimeMilliseconds() : -1);
            }

            // The switch: every share should start after the last call any process had a place for on Redis.
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the outage began at {outageAt.ToUnixTimeMilliseconds()} (Unix ms; Redis dead from +{(killed - outageAt).TotalMilliseconds:F0} ms, answering again from +{(restarted - outageAt).TotalMilliseconds:F0} ms): last call on a Redis place per process +{string.Join("/+", lastRedis)} ms; first call from the share per process +{string.Join("/+", firstShare)} ms"));

            // The quota share where the limiters were what held the calls back: the whole seconds of the span outside
            // the outage and its switches, in which every process had calls waiting in its limiter at every sample
            // (every 5 ms) and never went more than 30 ms without the CPU (a stalled process cannot let its calls go
            // at their places). On a starved machine the share over the whole span measures the machine; over these
            // seconds it measures the limiters.
            var samples = traces.Select(t => File.ReadAllLines(t + ".waiting").Select(l => l.Split(' ')).Select(p => (At: long.Parse(p[0], CultureInfo.InvariantCulture), Waiting: p[1] == "1")).OrderBy(p => p.At).ToList()).ToList();
            var spanStart = start.ToUnixTimeMilliseconds();
            var switchFrom = killed.ToUnixTimeMilliseconds();
            var switchUntil = (restarted + SwitchBack).ToUnixTimeMilliseconds();
            var judged = Enumerable.Range(0, seconds + 1).Select(i => (spanStart / 1000) + i)
                .Where(second => second * 1000 >= spanStart && (second + 1) * 1000 <= spanStart + (seconds * 1000L))
                .Where(second => (second + 1) * 1000 <= switchFrom || second * 1000 >= switchUntil)
                .ToList();
            var busySeconds = judged.Where(second => samples.All(p => HeldBack(p, second))).ToList();
            var busyGrants = grants.Count(ms => busySeconds.Contains(ms / 1000));
            var busyShare = busySeconds.Count == 0 ? double.NaN : busyGrants / (double)(Quota * busySeconds.Count);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds outside the outage and its switches: {judged.Count} ({string.Join(", ", judged.Select(Relative))}); of them, every limiter held calls back and every process ran in {busySeconds.Count} ({string.Join(", ", busySeconds.Select(Relative))}); the limiters let go {busyGrants} calls in those = {busyShare:P1} of {Quota}/s"));

            Assert.All(exits, e => Assert.True(e.Length == 0, e));
            Assert.Equal(0, limited);
            Assert.All(results, r => Assert.Equal(0, r["failed"]));

            // At least 90% of the quota used, where the limiters were what held the calls back (on a quiet machine,
            // every second outside the outage). A machine too busy for any such second cannot show it: the output says so.
            Assert.True(busySeconds.Count == 0 || busyShare >= 0.90, string.Create(CultureInfo.InvariantCulture, $"the limiters let go {busyShare:P1} of the App's quota in the seconds in which they held calls back, less than 90%"));
            if (busySeconds.Count == 0)
            {
                _output.WriteLine("the quota share was not judged: no whole second outside the outage in which every process ran and had calls waiting in its limiter (the machine was too busy)");
            }

            // Degraded as documented: every process ran on its share during the outage, said so once per outage, and came back.
            Assert.All(results, r => Assert.True(r["fallback_permits"] > 0, "a process used its share during the outage"));
            Assert.All(results, r => Assert.Equal(1, r["fallback_warnings"]));
            Assert.All(results, r => Assert.True(r["recovered"] >= 1, "a process went back to Redis after the outage"));

            // Each process got a fair part of the App's quota.
            Assert.All(results, r => Assert.True(r["ok"] > ok / Processes / 2, "one process was starved: " + r["ok"]));
        }
        finally
        {
            foreach (var (process, _) in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }

            foreach (var trace in traces)
            {
                File.Delete(trace);
                File.Delete(trace + ".share");
                File.Delete(trace + ".waiting");
            }
        }
    }

    private static (Process Process, Task<string> Errors) Launch(EmulatorProcess emulator, RedisServer redis, int seconds, string trace)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     ClientDll, "--emulator", emulator.BaseAddress.ToString().TrimEnd('/'), "--redis", redis.Configuration, "--instances", Processes.ToString(CultureInfo.InvariantCulture),
                     "--limit", Quota.ToString(CultureInfo.InvariantCulture), "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture),
                     "--start", "stdin", "--sdkappid", emulator.SdkAppId.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--trace");
        info.ArgumentList.Add(trace);

        // The secret goes by argument only to this loopback child process; it is a key made for this run.
        info.ArgumentList.Add("--secret");
        info.ArgumentList.Add(emulator.SecretKey);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the load client");
        return (process, process.StandardError.ReadToEndAsync());
    }

    // The grant times that are not share permits: each share permit is matched with the nearest grant within 50 ms
    // (the two are noted a moment apart, and a busy machine can stall a process in between).
    private static List<long> WithoutShare(List<long> grants, List<long> shared)
    {
        var rest = grants.OrderBy(ms => ms).ToList();
        foreach (var ms in shared)
        {
            var index = -1;
            for (var i = 0; i < rest.Count; i++)
            {
                if (Math.Abs(rest[i] - ms) <= 50 && (index < 0 || Math.Abs(rest[i] - ms) < Math.Abs(rest[index] - ms)))
                {
                    index = i;
                }
            }

            if (index >= 0)
            {
                rest.RemoveAt(index);
            }
        }

        return rest;
    }

    // Whether a process had calls waiting in its limiter throughout a second (every sample in it) and ran all of it
    // (samples no more than 30 ms apart from just before it to just after it).
    private static bool HeldBack(List<(long At, bool Waiting)> samples, long second)
    {
        var from = second * 1000;
        var around = samples.Where(p => p.At >= from - 30 && p.At < from + 1030).ToList();
        if (around.Count == 0 || around[0].At > from || around[^1].At < from + 999)
        {
            return false;
        }

        for (var i = 1; i < around.Count; i++)
        {
            if (around[i].At - around[i - 1].At > 30)
            {
                return false;
            }
        }

        return around.Where(p => p.At >= from && p.At < from + 1000).All(p => p.Waiting);
    }

    private static Dictionary<string, long> Parse(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("no RESULT line in: " + output);
        return Regex.Matches(line, @"(\w+)=(\d+)").ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static async Task DelayUntil(DateTimeOffset when)
    {
        var delay = when - DateTimeOffset.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }
    }
}
