using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Benchmarks.Rows;
using ImCsGen.Generator;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Benchmarks.Generation;

/// <summary>
/// Row 3's second measurement: the generators' own time from GeneratorDriver.GetTimingInfo (driver overhead
/// excluded), as medians of several warm runs, and the reasons of every tracked step after an edit.
/// </summary>
public sealed record GeneratorTiming(int SpecFiles, double OursColdNs, double StjColdNs, double OursEditNs, double StjEditNs, bool AllCached, string CachedSummary)
{
    public static GeneratorTiming Measure(int runs)
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        var oursCold = new List<double>();
        var stjCold = new List<double>();
        var oursEdit = new List<double>();
        var stjEdit = new List<double>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var allCached = true;
        for (var i = 0; i < runs + 1; i++)
        {
            var cold = bench.Ours_Cold();
            var stj = bench.Stj_Cold();
            var edit = bench.Ours_Incremental();
            var stjAfter = bench.Stj_Incremental();
            if (i == 0)
            {
                // The first round only warms the JIT.
                continue;
            }

            oursCold.Add(Ns(cold));
            stjCold.Add(Ns(stj));
            oursEdit.Add(Ns(edit));
            stjEdit.Add(Ns(stjAfter));
            foreach (var step in new[] { StepNames.SpecFiles, StepNames.ParseSpec, StepNames.BuildModules, StepNames.Module, StepNames.Diagnostics })
            {
                var result = edit.GetRunResult().Results.Single();
                if (!result.TrackedSteps.TryGetValue(step, out var runsOfStep))
                {
                    continue;
                }

                foreach (var output in runsOfStep.SelectMany(s => s.Outputs))
                {
                    var key = step.Replace("ImCsGen.", "", StringComparison.Ordinal) + ":" + output.Reason;
                    reasons[key] = reasons.GetValueOrDefault(key) + (i == 1 ? 1 : 0);
                    allCached &= output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;
                }
            }
        }

        var oursRun = bench.Ours_Cold().GetRunResult();
        var stjRun = bench.Stj_Cold().GetRunResult();
        var outputs = string.Create(CultureInfo.InvariantCulture, $"; generated: ours {oursRun.GeneratedTrees.Length} files ({oursRun.GeneratedTrees.Sum(t => t.Length) / 1024} KB), STJ {stjRun.GeneratedTrees.Length} files ({stjRun.GeneratedTrees.Sum(t => t.Length) / 1024} KB); generator errors: ours {oursRun.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)}, STJ {stjRun.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)}");
        var summary = "step outputs after the edit: " + string.Join(", ", reasons.Where(p => p.Value > 0).Select(p => p.Key + " ×" + p.Value.ToString(CultureInfo.InvariantCulture))) + outputs;
        return new GeneratorTiming(GeneratorInputs.FullSpec().Count, Median(oursCold), Median(stjCold), Median(oursEdit), Median(stjEdit), allCached, summary);
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"GetTimingInfo medians: cold ours {OursColdNs / 1e6:F2} ms, STJ {StjColdNs / 1e6:F2} ms; edit ours {OursEditNs / 1e6:F3} ms, STJ {StjEditNs / 1e6:F3} ms; all cached: {AllCached} ({CachedSummary})");

    private static double Ns(GeneratorDriver driver) => driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime.Ticks * 100.0;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
