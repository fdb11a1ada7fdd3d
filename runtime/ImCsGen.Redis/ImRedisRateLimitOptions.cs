using System;
using System.Collections.Generic;
using System.Globalization;
using StackExchange.Redis;

namespace ImCsGen.Redis;

/// <summary>
/// Where the App-wide limits live and what each instance does while Redis is unreachable. The limits
/// themselves are the client's (<c>RateLimits</c>, <c>QuotaLimits</c>, the spec's defaults).
/// </summary>
public sealed class ImRedisRateLimitOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>, <c>redis:6379,password=...</c>). Never
    /// logged. Not needed when <see cref="ConnectionMultiplexer"/> is set.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// An existing connection to use instead of <see cref="Configuration"/> (not disposed by this package). Its
    /// own settings then apply; give it <c>AbortOnConnectFail=false</c> and <c>BacklogPolicy.FailFast</c>, or a call
    /// made while Redis is down waits for its command timeout before falling back.
    /// </summary>
    public IConnectionMultiplexer? ConnectionMultiplexer { get; set; }

    /// <summary>
    /// Start of every key. The SDKAppID follows in braces, so the keys of one App share a Redis Cluster slot:
    /// <c>imcsgen:{1400000000}:call:openim/sendmsg</c>. Default <c>imcsgen:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "imcsgen:";

    /// <summary>
    /// How many instances share the App's quota. Required: while Redis is unreachable each instance allows itself
    /// 1/InstanceCount of every limit, so that together they stay within it.
    /// </summary>
    public int InstanceCount { get; set; }

    /// <summary>
    /// How long one Redis command may take before the call falls back to the instance's share (connect and
    /// command timeout of the connection this package creates). Default 500 ms.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After Redis failed, how long an endpoint uses the instance's share before it tries Redis again. After Redis
    /// answers again, calls keep to the share as well for 2 x RetryInterval plus the limit's window (1 s for calls,
    /// the quota's window), until no other instance can still be on its own share. Default 1 second.
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming every bad option and the rule it breaks.</summary>
    public void Validate() => Validate(connectionFromContainer: false);

    /// <summary>As <see cref="Validate()"/>; with <paramref name="connectionFromContainer"/>, a missing connection may still come from DI.</summary>
    internal void Validate(bool connectionFromContainer)
    {
        var failures = new List<string>();
        if (!connectionFromContainer && ConnectionMultiplexer is null && string.IsNullOrWhiteSpace(Configuration))
        {
            failures.Add("Configuration: set a StackExchange.Redis configuration string (for example 127.0.0.1:6379) or ConnectionMultiplexer");
        }

        if (InstanceCount < 1)
        {
            failures.Add("InstanceCount: must be 1 or more, the number of instances sharing the App's quota (each takes 1/InstanceCount of it while Redis is unreachable); was " + InstanceCount.ToString(CultureInfo.InvariantCulture));
        }

        if (KeyPrefix is null)
        {
            failures.Add("KeyPrefix: must not be null (may be empty)");
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("OperationTimeout: must be above zero and at most 1 minute");
        }

        if (RetryInterval <= TimeSpan.Zero || RetryInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("RetryInterval: must be above zero and at most 10 minutes");
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid Redis rate-limit options: " + string.Join("; ", failures) + ".");
        }
    }

    /// <summary>The settings without the configuration string (it may hold a password).</summary>
    public override string ToString()
        => "KeyPrefix=" + KeyPrefix + ", InstanceCount=" + InstanceCount.ToString(CultureInfo.InvariantCulture)
           + ", OperationTimeout=" + OperationTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
           + ", RetryInterval=" + RetryInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
           + ", Configuration=" + (Configuration is null ? "(none)" : "***");
}
