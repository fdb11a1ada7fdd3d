using System;
using System.Collections.Generic;

namespace ImCsGen.Redis;

/// <summary>
/// What one instance may use of a limit while Redis is unreachable: 1/InstanceCount of it, and no more than that
/// minus what the App already used in the current window. The App's use is known from the last answers Redis
/// gave (<see cref="Seed"/>): the shared limiter hands them over when it switches to the share, so that the calls
/// Redis admitted in this window and the share's calls together stay within the limit. Times are
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps; every method is called under the limiter's lock.
/// </summary>
internal abstract class ImLocalShare
{
    /// <summary>Permits the share can give to one call (a larger call takes all of them).</summary>
    public abstract int Capacity { get; }

    /// <summary>
    /// Takes the earliest place, no earlier than <paramref name="now"/>, where <paramref name="permits"/> fit the
    /// share, and returns it; or -1 (nothing taken) when that place is more than <paramref name="longest"/> ahead.
    /// </summary>
    public abstract long Reserve(long now, int permits, long longest);

    /// <summary>
    /// The App's use as Redis last reported it: its schedule is taken up to <paramref name="latest"/> (where a call
    /// bucket would admit its next call, a quota's latest admission), and <paramref name="used"/> items are in the
    /// quota's window (quotas only).
    /// </summary>
    public abstract void Seed(long latest, long used);
}

/// <summary>
/// A call limit's share: one call every InstanceCount intervals of the App's bucket, without a burst, so that the
/// instances together keep the App's pace. When the share takes over, it starts after every place the App's bucket
/// may already have given out (<see cref="Seed"/>: the limiter hands over how far ahead the instances together can
/// have taken the App's schedule) plus a margin: the App's burst, which Redis may have granted in the same second,
/// and the first place of each instance's share. So the calls Redis admitted in the current second are counted, not
/// granted again: with N instances, burst b and interval i, a second that holds calls of Redis and of the shares
/// holds no more than 1 s / i of them (b + 1 s / i at most from Redis up to the seed, N + 1 s / i at most from the
/// shares after it, less the margin's b + N intervals).
/// </summary>
internal sealed class ImCallShare : ImLocalShare
{
    private readonly long _interval;
    private readonly long _margin;
    private long _next = long.MinValue;

    /// <param name="interval">Time between two of this instance's calls (the App's interval times InstanceCount), in timestamp ticks.</param>
    /// <param name="margin">How long after the App's schedule the share starts, in timestamp ticks.</param>
    public ImCallShare(long interval, long margin)
    {
        _interval = Math.Max(1, interval);
        _margin = Math.Max(0, margin);
    }

    public override int Capacity => int.MaxValue;

    /// <summary>Where the share's next place is (no earlier than the time it is asked for), for diagnostics.</summary>
    public long Next => _next;

    public override long Reserve(long now, int permits, long longest)
    {
        var at = Math.Max(now, _next);
        if (at - now > longest)
        {
            return -1;
        }

        _next = at + (_interval * permits);
        return at;
    }

    public override void Seed(long latest, long used)
    {
        // Never earlier than the share's own schedule (an earlier outage may have taken places still ahead).
        _next = Math.Max(_next, latest + _margin);
    }
}

/// <summary>
/// A quota's share: a sliding window log of this instance's admissions (time, items), at most
/// quota / InstanceCount items in any window. When the share takes over, the App's items still in the window
/// (as Redis last counted them) are entered as this instance's part of them, ceil(used / InstanceCount) items at
/// the App's latest admission: the most pessimistic time, so that the instances together never pass the quota.
/// </summary>
internal sealed class ImQuotaShare : ImLocalShare
{
    private readonly int _capacity;
    private readonly long _window;
    private readonly int _instances;
    private readonly LinkedList<(long At, int Items)> _log = new();

    /// <param name="capacity">Items one instance may use in a window.</param>
    /// <param name="window">The window, in timestamp ticks.</param>
    /// <param name="instances">How many instances share the quota.</param>
    public ImQuotaShare(int capacity, long window, int instances)
    {
        _capacity = Math.Max(1, capacity);
        _window = window;
        _instances = Math.Max(1, instances);
    }

    public override int Capacity => _capacity;

    public override long Reserve(long now, int permits, long longest)
    {
        Prune(now);
        permits = Math.Min(permits, _capacity);

        // Places are taken in time order, so a new one only has to fit the window that ends at it.
        var at = _log.Last is { } last ? Math.Max(now, last.Value.At) : now;
        var used = 0L;
        foreach (var entry in _log)
        {
            if (entry.At > at - _window)
            {
                used += entry.Items;
            }
        }

        for (var node = _log.First; used + permits > _capacity && node is not null; node = node.Next)
        {
            if (node.Value.At > at - _window)
            {
                used -= node.Value.Items;
                at = Math.Max(at, node.Value.At + _window);
            }
        }

        if (at - now > longest)
        {
            return -1;
        }

        _log.AddLast((at, permits));
        return at;
    }

    public override void Seed(long latest, long used)
    {
        if (used <= 0)
        {
            return;
        }

        var part = (int)Math.Min(_capacity, (used + _instances - 1) / _instances);
        var at = _log.Last is { } last ? Math.Max(latest, last.Value.At) : latest;
        _log.AddLast((at, part));
    }

    // Entries that left the window before now cannot count in any window that ends at a place still to be taken.
    private void Prune(long now)
    {
        while (_log.First is { } first && first.Value.At <= now - _window)
        {
            _log.RemoveFirst();
        }
    }
}
