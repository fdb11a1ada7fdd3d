using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// The emulator's clock, recording when its request pipeline reads it to count a REST call in its one-second
/// window (the read made directly by ImRequestPipeline.HandleAsync; the other reads, for UserSig checks and the
/// handlers, come from other methods). The recorded times show how many calls each of the emulator's windows saw.
/// Test diagnostics only: it looks at the caller's stack frame.
/// </summary>
internal sealed class ArrivalClock : TimeProvider
{
    private readonly ConcurrentQueue<long> _reads = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        var caller = new System.Diagnostics.StackFrame(1, false).GetMethod()?.DeclaringType?.FullName ?? string.Empty;
        if (caller.Contains("ImRequestPipeline", StringComparison.Ordinal) && caller.Contains("<HandleAsync>", StringComparison.Ordinal))
        {
            _reads.Enqueue(now.ToUnixTimeMilliseconds());
        }

        return now;
    }

    /// <summary>Reads per Unix second (the emulator's windows) from <paramref name="from"/> on.</summary>
    public IReadOnlyList<(long Second, int Count)> PerSecond(DateTimeOffset from)
    {
        var first = from.ToUnixTimeMilliseconds();
        return _reads.Where(ms => ms >= first).GroupBy(ms => ms / 1000).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
    }

    /// <summary>
    /// The most reads in any span of <paramref name="span"/> milliseconds, wherever it starts (a sliding window),
    /// and where that span starts (Unix ms).
    /// </summary>
    public (int Count, long At) MostInAnySpan(DateTimeOffset from, long span) => MostInAnySpan(_reads, from, span);

    /// <summary>As the instance method, for any times (Unix ms).</summary>
    public static (int Count, long At) MostInAnySpan(IEnumerable<long> reads, DateTimeOffset from, long span)
    {
        var first = from.ToUnixTimeMilliseconds();
        var times = reads.Where(ms => ms >= first).OrderBy(ms => ms).ToArray();
        (int Count, long At) most = (0, first);
        for (int head = 0, tail = 0; head < times.Length; head++)
        {
            while (times[head] - times[tail] >= span)
            {
                tail++;
            }

            if (head - tail + 1 > most.Count)
            {
                most = (head - tail + 1, times[tail]);
            }
        }

        return most;
    }

    /// <summary>The reads per <paramref name="step"/> ms from <paramref name="from"/> for <paramref name="length"/> ms (where calls bunched).</summary>
    public IReadOnlyList<int> Histogram(long from, long length, long step) => Histogram(_reads, from, length, step);

    /// <summary>As the instance method, for any times (Unix ms).</summary>
    public static IReadOnlyList<int> Histogram(IEnumerable<long> reads, long from, long length, long step)
        => Enumerable.Range(0, (int)(length / step)).Select(i => reads.Count(ms => ms >= from + (i * step) && ms < from + ((i + 1) * step))).ToList();
}
