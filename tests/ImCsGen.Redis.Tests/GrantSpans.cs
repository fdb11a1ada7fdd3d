using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// Where times (Unix ms: when the load clients' limiters let calls go) bunched: the most in any span, wherever it
/// starts, and a histogram. Test diagnostics for the multi-process proof.
/// </summary>
internal static class GrantSpans
{
    /// <summary>The most times in any span of <paramref name="span"/> ms from <paramref name="from"/> on (a sliding window), and where that span starts.</summary>
    public static (int Count, long At) MostInAnySpan(IEnumerable<long> times, DateTimeOffset from, long span)
    {
        var first = from.ToUnixTimeMilliseconds();
        var sorted = times.Where(ms => ms >= first).OrderBy(ms => ms).ToArray();
        (int Count, long At) most = (0, first);
        for (int head = 0, tail = 0; head < sorted.Length; head++)
        {
            while (sorted[head] - sorted[tail] >= span)
            {
                tail++;
            }

            if (head - tail + 1 > most.Count)
            {
                most = (head - tail + 1, sorted[tail]);
            }
        }

        return most;
    }

    /// <summary>The times per <paramref name="step"/> ms from <paramref name="from"/> for <paramref name="length"/> ms.</summary>
    public static IReadOnlyList<int> Histogram(IEnumerable<long> times, long from, long length, long step)
        => Enumerable.Range(0, (int)(length / step)).Select(i => times.Count(ms => ms >= from + (i * step) && ms < from + ((i + 1) * step))).ToList();
}
