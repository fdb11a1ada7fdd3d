using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.Http;

/// <summary>Per-endpoint fixed one-second windows: the N+1th call within a second gets 60007.</summary>
internal sealed class RateLimiter
{
    private readonly object _sync = new();
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string path, int limit, DateTimeOffset now)
    {
        if (limit <= 0)
        {
            return true;
        }

        var window = now.ToUnixTimeMilliseconds() / 1000;
        lock (_sync)
        {
            _windows.TryGetValue(path, out var current);
            if (current.Window != window)
            {
                current = (window, 0);
            }

            if (current.Count >= limit)
            {
                _windows[path] = current;
                return false;
            }

            _windows[path] = (window, current.Count + 1);
            return true;
        }
    }
}
