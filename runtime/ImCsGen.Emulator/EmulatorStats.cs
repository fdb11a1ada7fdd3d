using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator;

/// <summary>Counters of what the emulator answered (for tests and the control API).</summary>
public sealed class EmulatorStats
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _codes = new();
    private readonly Dictionary<string, int> _successes = new(StringComparer.Ordinal);

    /// <summary>Calls per endpoint path (every call, failed ones included).</summary>
    public IReadOnlyDictionary<string, int> RequestsByPath
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<string, int>(_requests, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Answers per Tencent error code (0 = success).</summary>
    public IReadOnlyDictionary<int, int> ResponsesByCode
    {
        get
        {
            lock (_sync)
            {
                return _codes.ToDictionary(p => p.Key, p => p.Value);
            }
        }
    }

    /// <summary>Calls of one path.</summary>
    public int Requests(string path)
    {
        lock (_sync)
        {
            return _requests.TryGetValue(path, out var n) ? n : 0;
        }
    }

    /// <summary>Calls of one path its handler processed with ErrorCode 0 (the answer may still have been lost by a fault).</summary>
    public int Successes(string path)
    {
        lock (_sync)
        {
            return _successes.TryGetValue(path, out var n) ? n : 0;
        }
    }

    /// <summary>Answers with one code.</summary>
    public int Responses(int code)
    {
        lock (_sync)
        {
            return _codes.TryGetValue(code, out var n) ? n : 0;
        }
    }

    internal void Request(string path)
    {
        lock (_sync)
        {
            _requests[path] = (_requests.TryGetValue(path, out var n) ? n : 0) + 1;
        }
    }

    internal void Response(int code)
    {
        lock (_sync)
        {
            _codes[code] = (_codes.TryGetValue(code, out var n) ? n : 0) + 1;
        }
    }

    /// <summary>
    /// The calls of one rate-limited path per one-second window, as the emulator counted them for its limit (its
    /// own clock, Unix seconds), oldest first; the last hour at most. Empty for a path without a limit.
    /// </summary>
    public IReadOnlyList<RateWindow> RateWindows(string path) => Rates.Windows(path);

    /// <summary>The REST calls' per-endpoint windows: the limiter counts them, and its count is what these stats show.</summary>
    internal Http.RateLimiter Rates { get; } = new();

    internal void Success(string path)
    {
        lock (_sync)
        {
            _successes[path] = (_successes.TryGetValue(path, out var n) ? n : 0) + 1;
        }
    }

    internal void Clear()
    {
        lock (_sync)
        {
            _successes.Clear();
            _requests.Clear();
            _codes.Clear();
        }

        Rates.Clear();
    }
}

/// <summary>One second of a rate-limited path: the calls that arrived in it and how many of them got 60007.</summary>
/// <param name="Second">The window (Unix seconds, the emulator's clock).</param>
/// <param name="Calls">Calls counted in the window, refused ones included.</param>
/// <param name="Refused">Calls answered 60007 because the window was full.</param>
public readonly record struct RateWindow(long Second, int Calls, int Refused);
