using System;
using System.Collections.Generic;
using System.Globalization;
using ImCsGen.Emulator.Desk;

namespace ImCsGen.Emulator;

/// <summary>How the emulated App is set up.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The SDKAppID of the emulated App.</summary>
    public long SdkAppId { get; set; } = 1400000000;

    /// <summary>The App's secret key; UserSigs are verified with it. Never printed.</summary>
    public string SecretKey { get; set; } = "imcsgen-emulator-secret-key-0123456789abcdef";

    /// <summary>The App administrators (valid <c>identifier</c> values). They exist as accounts without import.</summary>
    public IList<string> Administrators { get; set; } = new List<string> { "administrator" };

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; set; }

    /// <summary>Calls per second each endpoint accepts before answering 60007 (Tencent's documented default: 200). 0 = unlimited.</summary>
    public int DefaultRateLimitPerSecond { get; set; } = 200;

    /// <summary>Per-endpoint limits by path (<c>openim/sendmsg</c>), overriding <see cref="DefaultRateLimitPerSecond"/>.</summary>
    public IDictionary<string, int> RateLimits { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The clock (UserSig expiry, message times, session times, de-duplication windows).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Seed of the fault injector's random draws, so a faulty run can be replayed.</summary>
    public int FaultSeed { get; set; } = 20260101;

    /// <summary>The customer-service set-up (flows, skill groups, agents); null uses <see cref="ServiceDeskConfig.CreateDefault"/>.</summary>
    public ServiceDeskConfig? ServiceDesk { get; set; }

    /// <summary>The TCCC side (cloud API keys accepted, TCCC application id, seats); see Tccc/TcccEmulatorOptions.cs.</summary>
    public ImCsGen.Emulator.Tccc.TcccEmulatorOptions Tccc { get; set; } = new();

    /// <summary>Third-party callbacks to the app (URL and token); null sends none. See Callbacks/EmulatorCallbacks.cs.</summary>
    public ImCsGen.Emulator.Callbacks.EmulatorCallbackOptions? Callbacks { get; set; }

    /// <summary>
    /// Whether an endpoint without an entry in <see cref="RateLimits"/> gets the spec's rate limit (its
    /// <c>rateLimit</c>, emitted on the generated endpoint) rather than <see cref="DefaultRateLimitPerSecond"/>.
    /// </summary>
    public bool UseSpecRateLimits { get; set; } = true;

    /// <summary>
    /// The limit for <paramref name="path"/>: <see cref="RateLimits"/>, else the spec's limit (when
    /// <see cref="UseSpecRateLimits"/>), else <see cref="DefaultRateLimitPerSecond"/>. 0 disables the limit.
    /// </summary>
    public int GetRateLimit(string path)
    {
        if (RateLimits.TryGetValue(path, out var limit))
        {
            return limit;
        }

        if (DefaultRateLimitPerSecond == 0)
        {
            return 0;
        }

        return UseSpecRateLimits && Handlers.SpecRules.RateLimitOf(path) is { } spec and > 0 ? spec : DefaultRateLimitPerSecond;
    }

    /// <inheritdoc />
    public override string ToString()
        => "SdkAppId=" + SdkAppId.ToString(CultureInfo.InvariantCulture) + ", Administrators=" + string.Join(",", Administrators) + ", SecretKey=***";
}
