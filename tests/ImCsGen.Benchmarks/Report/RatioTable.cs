using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;

namespace ImCsGen.Benchmarks.Report;

/// <summary>One line of the table: a measured ratio against its goal.</summary>
public sealed record RatioRow(string Row, string Measure, string Ours, string Baseline, double Ratio, string Goal, bool? Met, Func<double, string> Format, string Notes);

/// <summary>The ratio table eng/bench.sh prints and PERFORMANCE.md keeps.</summary>
public sealed class RatioTable
{
    private readonly List<RatioRow> _rows = new();
    private readonly string _profile;

    public RatioTable(string profile) => _profile = profile;

    public void Add(string row, string measure, string ours, string baseline, double ratio, string goal, bool? met, Func<double, string> format, string notes)
        => _rows.Add(new RatioRow(row, measure, ours, baseline, ratio, goal, met, format, notes));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("Profile `").Append(_profile).Append("`, ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(", ").Append(RuntimeInformation.FrameworkDescription).Append(", ").Append(RuntimeInformation.OSDescription)
            .Append(", ").Append(Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)).Append(" logical cores\n\n");
        text.Append("| Row | Measure | Ours | Baseline | Ratio | Goal | Met | Notes |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var r in _rows)
        {
            text.Append("| ").Append(r.Row).Append(" | ").Append(r.Measure).Append(" | ").Append(r.Ours).Append(" | ").Append(r.Baseline)
                .Append(" | **").Append(r.Format(r.Ratio)).Append("** | ").Append(r.Goal).Append(" | ")
                .Append(r.Met switch { true => "yes", false => "**no**", null => "–" }).Append(" | ").Append(r.Notes).Append(" |\n");
        }

        return text.ToString();
    }
}

/// <summary>Mean, error and allocation of one benchmark method in a summary.</summary>
public readonly record struct Stat(double MeanNs, double ErrorNs, double Bytes)
{
    public static Stat Of(Summary summary, string method)
    {
        var report = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
                     ?? throw new InvalidOperationException("no result for " + method);
        var stats = report.ResultStatistics ?? throw new InvalidOperationException("no statistics for " + method);
        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
        return new Stat(stats.Mean, stats.StandardError * 2.576, bytes);
    }
}

/// <summary>Invariant formatting of the table's cells.</summary>
public static class Fmt
{
    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Times(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";

    public static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Number(double value) => double.IsFinite(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : "n/a";

    public static string Seconds(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "n/a";

    public static string Bytes(double value) => value >= 1024 * 1024
        ? (value / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : value >= 10 * 1024 ? (value / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB" : value.ToString("0", CultureInfo.InvariantCulture) + " B";

    public static string Time(double ns) => !double.IsFinite(ns) ? "n/a"
        : ns >= 1e6 ? (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
        : ns >= 1e3 ? (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs"
        : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns";
}
