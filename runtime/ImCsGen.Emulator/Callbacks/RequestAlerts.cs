using System;
using System.Collections.Generic;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// Alert.RequestOverLimit (spec/callbacks_state.json): Tencent calls the app back when a REST API's request rate passes
/// 80 % of its limit (https://cloud.tencent.com/document/product/269/105418, 2024-04-25), with the service, the command,
/// the rate and the limit. The emulator counts calls per endpoint in the same fixed one-second windows as its rate
/// limiter (refused calls included) and alerts once per endpoint and window, at the first call past 80 %.
/// </summary>
internal sealed class RequestAlerts
{
    /// <summary>The share of the limit past which Tencent alerts (the page's 80 %).</summary>
    public const double AlertShare = 0.8;

    private readonly Dictionary<string, (long Second, int Count, bool Alerted)> _windows = new(StringComparer.Ordinal);

    private readonly object _sync = new();

    /// <summary>Counts one call to <paramref name="service"/>/<paramref name="command"/>; returns the alert to send, or null.</summary>
    public AlertRequestOverLimit? Count(string service, string command, int limit, DateTimeOffset now)
    {
        if (limit <= 0)
        {
            // Unlimited: nothing to alert about.
            return null;
        }

        var second = now.ToUnixTimeSeconds();
        var key = service + "/" + command;
        lock (_sync)
        {
            (long Second, int Count, bool Alerted) window = _windows.TryGetValue(key, out var w) && w.Second == second ? w : (second, 0, false);
            window.Count++;
            AlertRequestOverLimit? alert = null;
            if (!window.Alerted && window.Count > limit * AlertShare)
            {
                window.Alerted = true;
                alert = new AlertRequestOverLimit { ServiceName = service, RequestCommand = command, Request = window.Count, Limit = limit };
            }

            _windows[key] = window;
            return alert;
        }
    }
}
