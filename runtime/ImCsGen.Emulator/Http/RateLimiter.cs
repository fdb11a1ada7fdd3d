using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.Http;

/// <summary>
/// Per-endpoint fixed one-second windows: the N+1th call within a second gets 60007. The windows it counted are kept
/// (the last hour per path) so that tests and the control API can see where calls bunched.
/// </summary>
internal sealed class RateLimiter
{
    // An hour of windows per path: enough for any test or soak run to read back, small enough for a host left running.
    private const int WindowsKept = 3600;

    private readonly object _sync = new();
    private readonly Dictionary<string, List<RateWindow>> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string path, int limit, DateTimeOffset now)
    {
        if (limit <= 0)
        {
            return true;
        }

        var second = now.ToUnixTimeMilliseconds() / 1000;
        lock (_sync)
        {
            if (!_windows.TryGetValue(path, out var windows))
            {
                _windows[path] = windows = [];
            }

            if (windows.Count == 0 || windows[^1].Second != second)
            {
                if (windows.Count >= WindowsKept + (WindowsKept / 10))
                {
                    windows.RemoveRange(0, windows.Count - WindowsKept);
                }

                windows.Add(new RateWindow(second, 0, 0));
            }

            var current = windows[^1];
            var admitted = current.Calls - current.Refused < limit;
            windows[^1] = new RateWindow(second, current.Calls + 1, current.Refused + (admitted ? 0 : 1));
            return admitted;
        }
    }

    /// <summary>The windows counted for one path, oldest first.</summary>
    public IReadOnlyList<RateWindow> Windows(string path)
    {
        lock (_sync)
        {
            return _windows.TryGetValue(path, out var windows) ? windows.ToArray() : [];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _windows.Clear();
        }
    }
}
