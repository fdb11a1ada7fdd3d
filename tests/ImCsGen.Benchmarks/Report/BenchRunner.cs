using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ImCsGen.Benchmarks.Generation;
using ImCsGen.Benchmarks.Rows;

namespace ImCsGen.Benchmarks.Report;

/// <summary>Runs the selected rows in one process and collects the ratio table.</summary>
public sealed class BenchRunner
{
    private readonly string _profile;
    private readonly string _output;

    public BenchRunner(string profile, string output)
    {
        _profile = profile;
        _output = output;
    }

    public async Task<RatioTable> RunAsync(ISet<int> rows)
    {
        var table = new RatioTable(_profile);
        if (rows.Contains(1))
        {
            // Loopback calls are the noisiest row (two processes on two shared cores): more iterations.
            Row1(table, Run<CallCostBenchmarks>(iterations: 15), Run<InMemoryCallBenchmarks>(), await PairedRow1Async().ConfigureAwait(false));
        }

        if (rows.Contains(2))
        {
            Row2(table, Run<SerializationBenchmarks>(), Run<EmitterWhatIfBenchmarks>(), PairedRow2());
        }

        if (rows.Contains(3))
        {
            Row3(table, Run<GeneratorBenchmarks>());
        }

        if (rows.Contains(4))
        {
            var result = AnalyzerCost.Run(_profile == "smoke" ? 100 : 1000, "Release", _profile == "smoke" ? 1 : 3, Log);
            table.Add("4", "Analyzer cost: ImCsGen.Analyzers share of a " + result.CallSites.ToString(CultureInfo.InvariantCulture) + "-call-site consumer build",
                Fmt.Seconds(result.OurAnalyzersSeconds), "build " + Fmt.Seconds(result.BuildSeconds) + " (Csc " + Fmt.Seconds(result.CscSeconds) + ")",
                result.ShareOfBuild, "≤ 1%", result.ShareOfBuild <= 0.01, Fmt.Percent,
                "median of " + result.Builds.ToString(CultureInfo.InvariantCulture) + " builds (ReportAnalyzer); per analyzer type: " + result.PerAnalyzerText + "; of Csc alone: " + Fmt.Percent(result.ShareOfCsc) + "; A/B without our analyzers: Csc " + Fmt.Seconds(result.CscWithoutOursSeconds) + " vs " + Fmt.Seconds(result.CscSeconds) + " = " + Fmt.Percent(result.AbShareOfBuild) + " of the build; all analyzers " + Fmt.Seconds(result.AllAnalyzersSeconds) + "; ImCsGen.Generator " + Fmt.Seconds(result.OurGeneratorSeconds));
        }

        if (rows.Contains(5))
        {
            Row5(table, Run<UserSigBenchmarks>());
        }

        if (rows.Contains(6))
        {
            var users = _profile == "smoke" ? 400 : 10_000;
            foreach (var limit in new[] { 200, 1000 })
            {
                Log("row 6: bulk send to " + users.ToString(CultureInfo.InvariantCulture) + " users at " + limit.ToString(CultureInfo.InvariantCulture) + "/s ...");
                var result = await BulkSend.RunAsync(limit, users).ConfigureAwait(false);
                Log(result.ToString());
                table.Add("6", "Bulk: " + users.ToString(CultureInfo.InvariantCulture) + " sends, emulator limit " + limit.ToString(CultureInfo.InvariantCulture) + "/s",
                    Fmt.Number(result.Throughput) + "/s in " + Fmt.Seconds(result.Elapsed.TotalSeconds), limit.ToString(CultureInfo.InvariantCulture) + "/s",
                    result.ShareOfLimit, "≥ 95%, zero 60007", result.ShareOfLimit >= 0.95 && result.Failed60007 == 0 && result.Server60007 == 0, Fmt.Percent,
                    "60007: " + result.Server60007.ToString(CultureInfo.InvariantCulture) + " answered by the emulator (retried), " + result.Failed60007.ToString(CultureInfo.InvariantCulture)
                    + " calls failed with it; other failures " + result.FailedOther.ToString(CultureInfo.InvariantCulture) + "; sendmsg requests " + result.ServerRequests.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (rows.Contains(7))
        {
            var cold = ColdStart.Run(_profile == "smoke" ? 2 : 15, Log);
            table.Add("7", "Cold start: first SendC2CMessage in a new process (JIT; client creation + call), generated / hand-written", Fmt.Ratio(cold.GeneratedMs) + " ms", Fmt.Ratio(cold.HandWrittenMs) + " ms",
                cold.Ratio, "≤ 1.2", cold.Ratio <= 1.2, Fmt.Ratio, "medians of " + cold.Rounds.ToString(CultureInfo.InvariantCulture) + " child processes each, alternating order");
            var aot = ColdStart.RunAot(_profile == "smoke" ? 2 : 15, Log);
            table.Add("7", "Cold start: first SendC2CMessage in a new Native AOT process (client creation + call), generated / hand-written", Fmt.Ratio(aot.GeneratedMs) + " ms", Fmt.Ratio(aot.HandWrittenMs) + " ms",
                aot.Ratio, "≤ 1.1", aot.Ratio <= 1.1, Fmt.Ratio, "medians of " + aot.Rounds.ToString(CultureInfo.InvariantCulture) + " child processes each, alternating order; tests/ImCsGen.ColdStart published with PublishAot, the same code as the JIT row");
        }

        if (rows.Contains(8))
        {
            var summary = Run<QuotaLimiterBenchmarks>();
            var off = Stat.Of(summary, "BatchSend_RateLimitingOff");
            var quota = Stat.Of(summary, "BatchSend_WithQuota");
            var ratio = quota.MeanNs / off.MeanNs;
            table.Add("8", "Batch-send quota limiter: 500-recipient BatchSendC2CMessage (in-memory handler), with the 200/s limiter and the per-recipient quota / rate limiting off",
                Fmt.Time(quota.MeanNs) + ", " + Fmt.Bytes(quota.Bytes), Fmt.Time(off.MeanNs) + ", " + Fmt.Bytes(off.Bytes), ratio, "≤ 1.10", ratio <= 1.10, Fmt.Ratio,
                "quota + limiter cost per batch " + Fmt.Time(quota.MeanNs - off.MeanNs) + " (" + Fmt.Time((quota.MeanNs - off.MeanNs) / 500) + " per recipient); alloc ratio " + Fmt.Ratio(quota.Bytes / off.Bytes));
        }

        if (rows.Contains(9))
        {
            var smoke = _profile == "smoke";
            var result = await CallbackThroughput.RunAsync(smoke ? 1 : 5, TimeSpan.FromSeconds(smoke ? 1 : 4), 16, Log).ConfigureAwait(false);
            table.Add("9", "Callback verification throughput: signed C2C.CallbackAfterSendMsg through MapTencentImCallbacks / a minimal endpoint with no checks (requests/s, loopback, 16 concurrent)",
                Fmt.Number(result.OursPerSecond) + "/s", Fmt.Number(result.MinimalPerSecond) + "/s", result.Ratio, "≥ 0.50", result.Ratio >= 0.50, Fmt.Ratio,
                "means of " + result.Rounds.ToString(CultureInfo.InvariantCulture) + " alternating rounds; ours verifies Sign/RequestTime/SdkAppid, reads the typed payload, de-duplicates (in-memory IDistributedCache) and ran the handler " + result.OursHandled.ToString(CultureInfo.InvariantCulture) + " times");
        }

        if (rows.Contains(10))
        {
            var result = await RedisLimiterCost.RunAsync(_profile switch { "smoke" => 3, "long" => 90, _ => 30 }, Log).ConfigureAwait(false);
            table.Add("10", "Shared (Redis) limiter: GetServerIpList per call through ImCsGen.Redis / through the in-process limiter (one caller, canned HTTP answer, redis-server on loopback)",
                Fmt.Time(result.RedisMicroseconds * 1000) + "/call", Fmt.Time(result.InProcessMicroseconds * 1000) + "/call", result.Ratio, "report (issue 16)", null, Fmt.Ratio,
                "added per call " + Fmt.Time(result.AddedMicroseconds * 1000) + " (one Redis round trip); medians of " + result.Rounds.ToString(CultureInfo.InvariantCulture) + " alternating rounds; 32 callers through one instance's Redis limiter: " + Fmt.Number(result.RedisCallsPerSecond) + " calls/s");
        }

        return table;
    }

    private int Rounds => _profile == "smoke" ? 3 : 41;

    // Interleaved a/b/c time ratios of the loopback calls: [send a/b, send a/c, profile a/b, profile a/c].
    private async Task<double[]> PairedRow1Async()
    {
        var bench = new CallCostBenchmarks();
        bench.Setup();
        try
        {
            var send = await Paired.MedianRatiosAsync(Rounds, bench.HandWritten_SendC2CMessage, bench.Generated_SendC2CMessage, bench.Refit_SendC2CMessage).ConfigureAwait(false);
            var profile = await Paired.MedianRatiosAsync(Rounds, bench.HandWritten_GetProfile, bench.Generated_GetProfile, bench.Refit_GetProfile).ConfigureAwait(false);
            Log("row 1 interleaved medians: send a/b " + Fmt.Ratio(send[1]) + ", c/b " + Fmt.Ratio(send[2]) + "; profile a/b " + Fmt.Ratio(profile[1]) + ", c/b " + Fmt.Ratio(profile[2]));
            return new[] { send[1], send[1] / send[2], profile[1], profile[1] / profile[2] };
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static void Row1(RatioTable table, Summary summary, Summary inMemory, double[] paired)
    {
        foreach (var (endpoint, suffix) in new[] { ("SendC2CMessage", "Send"), ("GetProfile", "Profile") })
        {
            var production = Stat.Of(inMemory, "Production_InMemory_" + suffix);
            var bare = Stat.Of(inMemory, "Bare_InMemory_" + suffix);
            var hand = Stat.Of(inMemory, "HandWritten_InMemory_" + suffix);
            table.Add("1*", endpoint + " without a socket (in-memory handler), a/b time (BenchmarkDotNet); diagnostic", Fmt.Time(production.MeanNs) + ", " + Fmt.Bytes(production.Bytes), Fmt.Time(hand.MeanNs) + ", " + Fmt.Bytes(hand.Bytes),
                production.MeanNs / hand.MeanNs, "(≤ 1.03)", null, Fmt.Ratio,
                "alloc a/b " + Fmt.Ratio(production.Bytes / hand.Bytes) + "; generated without limiter/retries/timeouts: " + Fmt.Time(bare.MeanNs) + ", " + Fmt.Bytes(bare.Bytes) + " (a/b " + Fmt.Ratio(bare.MeanNs / hand.MeanNs) + " time, " + Fmt.Ratio(bare.Bytes / hand.Bytes) + " alloc)");
        }

        var index = 0;
        foreach (var endpoint in new[] { "SendC2CMessage", "GetProfile" })
        {
            var a = Stat.Of(summary, "Generated_" + endpoint);
            var b = Stat.Of(summary, "HandWritten_" + endpoint);
            var c = Stat.Of(summary, "Refit_" + endpoint);
            var ab = paired[index++];
            var ac = paired[index++];
            table.Add("1", endpoint + " call time, a/b (generated / hand-written)", Fmt.Time(a.MeanNs), Fmt.Time(b.MeanNs), ab, "≤ 1.03", ab <= 1.03, Fmt.Ratio, "BenchmarkDotNet means ± 99% CI: " + Fmt.Time(a.ErrorNs) + " / " + Fmt.Time(b.ErrorNs) + ", their ratio " + Fmt.Ratio(a.MeanNs / b.MeanNs));
            table.Add("1", endpoint + " call allocations, a/b", Fmt.Bytes(a.Bytes), Fmt.Bytes(b.Bytes), a.Bytes / b.Bytes, "≤ 1.00", a.Bytes <= b.Bytes, Fmt.Ratio, "");
            table.Add("1", endpoint + " call time, a/c (generated / Refit)", Fmt.Time(a.MeanNs), Fmt.Time(c.MeanNs), ac, "≤ 0.95", ac <= 0.95, Fmt.Ratio, "Refit mean " + Fmt.Time(c.MeanNs) + "; BenchmarkDotNet ratio " + Fmt.Ratio(a.MeanNs / c.MeanNs));
            table.Add("1", endpoint + " call allocations, a/c (generated / Refit)", Fmt.Bytes(a.Bytes), Fmt.Bytes(c.Bytes), a.Bytes / c.Bytes, "≤ 0.70", a.Bytes <= 0.70 * c.Bytes, Fmt.Ratio, "");
        }
    }

    // Interleaved STJ/generated time ratios, keyed "Write_Small" etc.
    private Dictionary<string, double> PairedRow2()
    {
        var bench = new SerializationBenchmarks();
        bench.Setup();
        Log("row 2 payload sizes: " + bench.Sizes);
        var pairs = new (string Key, Action Stj, Action Ours)[]
        {
            ("Write_Small", () => bench.Stj_Write_Small(), () => bench.Generated_Write_Small()),
            ("Read_Small", () => bench.Stj_Read_Small(), () => bench.Generated_Read_Small()),
            ("Write_Batch", () => bench.Stj_Write_Batch(), () => bench.Generated_Write_Batch()),
            ("Read_Batch", () => bench.Stj_Read_Batch(), () => bench.Generated_Read_Batch()),
            ("Write_Page", () => bench.Stj_Write_Page(), () => bench.Generated_Write_Page()),
            ("Read_Page", () => bench.Stj_Read_Page(), () => bench.Generated_Read_Page()),
        };
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, stj, ours) in pairs)
        {
            // ours/STJ per round; the table shows STJ/ours (speed-up).
            result[key] = 1 / Paired.MedianRatios(Rounds, stj, ours)[1];
        }

        return result;
    }

    private static void Row2(RatioTable table, Summary summary, Summary whatIf, Dictionary<string, double> paired)
    {
        var foreachOverIList = Stat.Of(whatIf, "ForeachOverIList");
        var listFastPath = Stat.Of(whatIf, "ListFastPath");
        var indexOverIList = Stat.Of(whatIf, "IndexOverIList");
        foreach (var (shape, label) in new[] { ("Small", "small text message"), ("Batch", "500-recipient batch"), ("Page", "roaming page, 100 messages") })
        {
            foreach (var direction in new[] { "Write", "Read" })
            {
                var ours = Stat.Of(summary, "Generated_" + direction + "_" + shape);
                var stj = Stat.Of(summary, "Stj_" + direction + "_" + shape);
                var speedup = paired[direction + "_" + shape];
                var notes = "alloc " + Fmt.Bytes(ours.Bytes) + " vs " + Fmt.Bytes(stj.Bytes) + "; BenchmarkDotNet ratio " + Fmt.Times(stj.MeanNs / ours.MeanNs);
                if (shape == "Batch" && direction == "Write")
                {
                    notes += "; the 500-string loop alone: foreach over IList " + Fmt.Time(foreachOverIList.MeanNs) + ", List<T> fast path " + Fmt.Time(listFastPath.MeanNs) + ", indexed IList " + Fmt.Time(indexOverIList.MeanNs);
                }

                table.Add("2", direction + " " + label + ": STJ time / generated time", Fmt.Time(ours.MeanNs), Fmt.Time(stj.MeanNs), speedup, "≥ 1.0×", speedup >= 1.0, Fmt.Times, notes);
            }
        }
    }

    private void Row3(RatioTable table, Summary summary)
    {
        var oursCold = Stat.Of(summary, "Ours_Cold");
        var stjCold = Stat.Of(summary, "Stj_Cold");
        var oursEdit = Stat.Of(summary, "Ours_Incremental");
        var stjEdit = Stat.Of(summary, "Stj_Incremental");
        var timing = GeneratorTiming.Measure(_profile == "smoke" ? 2 : 10);
        Log(timing.ToString());
        var dtos = StjDtos.Get();
        table.Add("3", "Generator cold run, ours / STJ (full spec/: " + timing.SpecFiles.ToString(CultureInfo.InvariantCulture) + " files vs a context of " + dtos.Roots.ToString(CultureInfo.InvariantCulture) + " roots, " + dtos.Types.ToString(CultureInfo.InvariantCulture) + " types)",
            Fmt.Time(oursCold.MeanNs), Fmt.Time(stjCold.MeanNs), oursCold.MeanNs / stjCold.MeanNs, "≤ 0.5", oursCold.MeanNs / stjCold.MeanNs <= 0.5, Fmt.Ratio,
            "GetTimingInfo medians: ours " + Fmt.Time(timing.OursColdNs) + ", STJ " + Fmt.Time(timing.StjColdNs) + "; alloc " + Fmt.Bytes(oursCold.Bytes) + " vs " + Fmt.Bytes(stjCold.Bytes));
        table.Add("3", "Generator per-edit run, ours / STJ; every tracked step cached",
            Fmt.Time(oursEdit.MeanNs), Fmt.Time(stjEdit.MeanNs), oursEdit.MeanNs / stjEdit.MeanNs, "all steps cached", timing.AllCached, Fmt.Ratio,
            timing.CachedSummary + "; GetTimingInfo medians: ours " + Fmt.Time(timing.OursEditNs) + ", STJ " + Fmt.Time(timing.StjEditNs));
    }

    private static void Row5(RatioTable table, Summary summary)
    {
        var generate = Stat.Of(summary, "Generate");
        var cached = Stat.Of(summary, "Cached");
        table.Add("5", "UserSig: generate (HMAC-SHA256 + zlib + base64) vs cached path per call",
            Fmt.Time(cached.MeanNs) + " cached, " + Fmt.Bytes(cached.Bytes), Fmt.Time(generate.MeanNs) + " generate = " + Fmt.Number(1e9 / generate.MeanNs) + " sigs/s, " + Fmt.Bytes(generate.Bytes),
            cached.MeanNs / generate.MeanNs, "no goal (report)", null, Fmt.Ratio, "cached path: " + Fmt.Number(1e9 / cached.MeanNs) + " lookups/s");
    }

    private Summary Run<T>(int iterations = 8)
    {
        var job = _profile switch
        {
            "long" => Job.Default,
            "smoke" => Job.Dry,
            _ => Job.Default.WithWarmupCount(3).WithIterationCount(iterations).WithLaunchCount(1),
        };
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(_profile))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(_output, "BenchmarkDotNet"));
        if (_profile == "smoke")
        {
            // The smoke profile checks that every benchmark runs; it may be given a Debug build.
            config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }

        var summary = BenchmarkRunner.Run<T>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
        {
            throw new InvalidOperationException(typeof(T).Name + ": some benchmarks did not run; see the log above.");
        }

        return summary;
    }

    private static void Log(string line) => Console.WriteLine("[bench] " + line);
}
