using System;
using System.Threading;

namespace ImCsGen.Transport;

/// <summary>Which domain a call's next attempt uses, decided by <see cref="ImFailoverPolicy"/>.</summary>
internal enum ImRoute
{
    /// <summary>Whatever the process uses (the primary, or the standby while every call is switched).</summary>
    Shared = 0,

    /// <summary>This call met a connect failure on the primary: its next attempts use the standby.</summary>
    Standby = 1,

    /// <summary>This call met a connect failure on the standby too: its next attempts use the primary.</summary>
    Primary = 2,
}

/// <summary>What a connect failure changed (for the log).</summary>
internal enum ImFailoverChange
{
    None = 0,
    CallMoved = 1,
    AllCallsSwitched = 2,
    FailedBack = 3,
}

/// <summary>
/// Failover between the primary and the standby domain. A connect failure (the request certainly did not
/// leave) moves only the failing call to the other domain; every call switches to the standby only after
/// <see cref="ImClientOptions.FailoverThreshold"/> connect failures of the primary within
/// <see cref="ImClientOptions.FailoverWindow"/>, for <see cref="ImClientOptions.FailoverDuration"/>. A connect
/// failure on the standby ends the switch at once and sends the call back to the primary, so an unreachable
/// standby can never strand the process.
/// </summary>
internal sealed class ImFailoverPolicy
{
    private readonly TimeProvider _time;
    private readonly int _threshold;
    private readonly TimeSpan _window;
    private readonly TimeSpan _duration;
    private readonly long[] _recentFailures; // ring of the last _threshold primary connect failures (UTC ticks)
    private int _next;
    private long _switchedUntilUtcTicks;

    public ImFailoverPolicy(Uri primary, Uri? standby, ImClientOptions options, TimeProvider time)
    {
        Primary = primary;
        Standby = standby;
        _time = time;
        _threshold = options.FailoverThreshold;
        _window = options.FailoverWindow;
        _duration = options.FailoverDuration;
        _recentFailures = new long[_threshold];
    }

    public Uri Primary { get; }

    public Uri? Standby { get; }

    /// <summary>Connect failures of the primary counted within the window (for the log).</summary>
    public int RecentFailures
    {
        get
        {
            var since = (_time.GetUtcNow() - _window).UtcTicks;
            lock (_recentFailures)
            {
                var count = 0;
                foreach (var ticks in _recentFailures)
                {
                    if (ticks != 0 && ticks > since)
                    {
                        count++;
                    }
                }

                return count;
            }
        }
    }

    public int Threshold => _threshold;

    public TimeSpan Duration => _duration;

    /// <summary>The base address for a call's next attempt, and whether it is the standby.</summary>
    public (Uri BaseAddress, bool Standby) Choose(ImRoute route)
    {
        if (Standby is null)
        {
            return (Primary, false);
        }

        var standby = route switch
        {
            ImRoute.Standby => true,
            ImRoute.Primary => false,
            _ => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _switchedUntilUtcTicks),
        };
        return standby ? (Standby, true) : (Primary, false);
    }

    /// <summary>Records a connect failure of an attempt on <paramref name="onStandby"/>'s domain; returns the call's next route.</summary>
    public (ImRoute Route, ImFailoverChange Change) OnConnectFailure(bool onStandby)
    {
        if (Standby is null)
        {
            return (ImRoute.Shared, ImFailoverChange.None);
        }

        if (onStandby)
        {
            // Both domains failed to connect: the standby is no refuge. Every call goes back to the primary.
            Interlocked.Exchange(ref _switchedUntilUtcTicks, 0);
            lock (_recentFailures)
            {
                Array.Clear(_recentFailures);
            }

            return (ImRoute.Primary, ImFailoverChange.FailedBack);
        }

        var now = _time.GetUtcNow();
        bool switchAll;
        lock (_recentFailures)
        {
            _recentFailures[_next] = now.UtcTicks;
            _next = (_next + 1) % _threshold;

            // The oldest of the last _threshold failures (the slot written next) decides: all within the window?
            var oldest = _recentFailures[_next];
            switchAll = oldest != 0 && now.UtcTicks - oldest < _window.Ticks;
            if (switchAll)
            {
                Array.Clear(_recentFailures);
            }
        }

        if (switchAll && now.UtcTicks >= Interlocked.Read(ref _switchedUntilUtcTicks))
        {
            Interlocked.Exchange(ref _switchedUntilUtcTicks, (now + _duration).UtcTicks);
            return (ImRoute.Standby, ImFailoverChange.AllCallsSwitched);
        }

        return (ImRoute.Standby, ImFailoverChange.CallMoved);
    }
}
