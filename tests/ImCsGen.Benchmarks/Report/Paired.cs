using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace ImCsGen.Benchmarks.Report;

/// <summary>
/// Ratios measured in interleaved rounds. BenchmarkDotNet measures one method after the other, so on a
/// machine shared with other workers a change of load between two methods shows up as a ratio; here every
/// round times each variant once (order reversed every other round) and the median of the per-round ratios
/// is reported, so load that drifts over seconds cancels out.
/// </summary>
public static class Paired
{
    public static double[] MedianRatios(int rounds, params Action[] variants)
        => MedianRatiosAsync(rounds, variants.Select(v => (Func<Task>)(() => { v(); return Task.CompletedTask; })).ToArray(), sync: variants).GetAwaiter().GetResult();

    public static Task<double[]> MedianRatiosAsync(int rounds, params Func<Task>[] variants) => MedianRatiosAsync(rounds, variants, sync: null);

    private static async Task<double[]> MedianRatiosAsync(int rounds, Func<Task>[] variants, Action[]? sync)
    {
        // Calibrate each variant to batches of about 20 ms.
        var counts = new int[variants.Length];
        for (var v = 0; v < variants.Length; v++)
        {
            var n = 1;
            while (await TimeAsync(variants[v], sync?[v], n).ConfigureAwait(false) < TimeSpan.FromMilliseconds(20) && n < 1 << 24)
            {
                n *= 2;
            }

            counts[v] = n;
        }

        var perRound = new List<double[]>();
        for (var r = 0; r < rounds; r++)
        {
            var times = new double[variants.Length];
            var order = Enumerable.Range(0, variants.Length).ToArray();
            if (r % 2 == 1)
            {
                Array.Reverse(order);
            }

            foreach (var v in order)
            {
                times[v] = (await TimeAsync(variants[v], sync?[v], counts[v]).ConfigureAwait(false)).Ticks / (double)counts[v];
            }

            perRound.Add(times);
        }

        return Enumerable.Range(0, variants.Length).Select(v => Median(perRound.Select(t => t[v] / t[0]))).ToArray();
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> variant, Action? sync, int count)
    {
        var watch = Stopwatch.StartNew();
        if (sync is not null)
        {
            for (var i = 0; i < count; i++)
            {
                sync();
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                await variant().ConfigureAwait(false);
            }
        }

        return watch.Elapsed;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
