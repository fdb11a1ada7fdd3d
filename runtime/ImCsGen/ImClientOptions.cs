using System;
using System.Collections.Generic;
using ImCsGen.Auth;

namespace ImCsGen;

/// <summary>
/// Settings of the IM REST client. Bound from the <c>TencentIm</c> configuration section by
/// <c>services.AddTencentIm(...)</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class ImClientOptions
{
    /// <summary>The configuration section name, <c>TencentIm</c>.</summary>
    public const string SectionName = "TencentIm";

    /// <summary>The application's SDKAppID.</summary>
    public long SdkAppId { get; set; }

    /// <summary>The App administrator account used as <c>identifier</c> (60010 if it is not an admin).</summary>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>The secret key from the console, used to sign UserSigs. Never logged. Set this or <see cref="UserSigProvider"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>A custom UserSig source (for example a signing service). Set this or <see cref="SecretKey"/>; not bindable from configuration.</summary>
    public IUserSigProvider? UserSigProvider { get; set; }

    /// <summary>The data centre of the SDKAppID. Ignored when <see cref="BaseAddress"/> is set.</summary>
    public ImRegion Region { get; set; } = ImRegion.China;

    /// <summary>
    /// An explicit base address (for example the emulator at <c>http://127.0.0.1:5000</c>). Must be https,
    /// except for loopback addresses. When set there is no standby domain and no failover.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Timeout of one HTTP attempt. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deadline of a whole call: rate-limit waits, every attempt and every backoff. Default 100 seconds,
    /// long enough to honour a 70050 one-minute wait once.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Validity of generated UserSigs (renewed at half-life). Default 1 day.</summary>
    public TimeSpan UserSigLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Retries after the first attempt (0 disables retries). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; later ones grow exponentially with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one backoff delay (a 70050 wait of one minute is not capped). Default 10 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether business codes 10002, 20004 and 20005 are retried (idempotent or de-duplicated endpoints only). Default true.</summary>
    public bool RetryBusinessErrors { get; set; } = true;

    /// <summary>Whether calls are throttled on the client per endpoint. Default true.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>
    /// Per-endpoint limits in calls per second, keyed by endpoint name (<c>SendC2CMessage</c>) or path
    /// (<c>openim/sendmsg</c>). Endpoints not listed use the spec's limit (usually 200).
    /// </summary>
    public IDictionary<string, int> RateLimits { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many calls may wait for one endpoint's limiter before further calls are rejected. Default 100000.</summary>
    public int RateLimitQueueLimit { get; set; } = 100_000;

    /// <summary>
    /// Creates the per-endpoint limiters instead of the in-process ones (null: in-process), for example
    /// ImCsGen.Redis's App-wide limits shared by several instances. Set in code; not bindable from configuration.
    /// </summary>
    public ImCsGen.Transport.IImRateLimiterFactory? RateLimiterFactory { get; set; }

    /// <summary>After a failover, how long calls keep using the standby domain before trying the primary again. Default 5 minutes.</summary>
    public TimeSpan FailoverDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Per-endpoint message quotas (Tencent's per-minute counts, such as openim/batchsendmsg's 12,000
    /// messages a minute counted per recipient), keyed by endpoint name or path: the number of permits per
    /// the spec's quota window. Endpoints not listed use the spec's quota.
    /// </summary>
    public IDictionary<string, int> QuotaLimits { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Timeout of opening one connection (DNS, TCP, TLS). A connect that does not finish in time sent nothing,
    /// so it is retried (on every endpoint) and may fail over to the standby domain. Applies to the HttpClient
    /// the runtime creates (<c>ImClient.Create</c> without an HttpClient, and <c>AddTencentIm</c>), capped at
    /// half of <see cref="Timeout"/> (see <see cref="GetConnectTimeout"/>) so that a hanging connect always ends
    /// before the attempt does. Default 3 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The largest answer body read, in bytes; a larger answer is refused as unreadable. Default 4 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How many connect failures of the primary domain within <see cref="FailoverWindow"/> switch every call to the
    /// standby domain for <see cref="FailoverDuration"/>. Fewer move only the failing call. Default 3.
    /// </summary>
    public int FailoverThreshold { get; set; } = 3;

    /// <summary>The window in which <see cref="FailoverThreshold"/> connect failures are counted. Default 30 seconds.</summary>
    public TimeSpan FailoverWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ImOptionsException"/> listing every bad option by name.</summary>
    public void Validate()
    {
        var failures = ImClientOptionsValidator.Check(this);
        if (failures.Count > 0)
        {
            throw new ImOptionsException(failures);
        }
    }

    /// <summary>
    /// A copy of these options (the dictionaries copied too, <see cref="UserSigProvider"/> shared). The transport
    /// keeps a copy made when it is built, so later changes to this object do not reach calls in flight.
    /// </summary>
    public ImClientOptions Copy()
    {
        var copy = (ImClientOptions)MemberwiseClone();
        copy.RateLimits = new Dictionary<string, int>(RateLimits ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
        copy.QuotaLimits = new Dictionary<string, int>(QuotaLimits ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <summary>The connect timeout in use: <see cref="ConnectTimeout"/>, at most half of a finite <see cref="Timeout"/>.</summary>
    public TimeSpan GetConnectTimeout()
    {
        if (Timeout == System.Threading.Timeout.InfiniteTimeSpan || Timeout <= TimeSpan.Zero)
        {
            return ConnectTimeout;
        }

        var half = Timeout / 2;
        return ConnectTimeout == System.Threading.Timeout.InfiniteTimeSpan || ConnectTimeout > half ? half : ConnectTimeout;
    }

    /// <summary>The quota for <paramref name="name"/>/<paramref name="path"/>: an override, else <paramref name="specDefault"/>.</summary>
    public int GetQuotaLimit(string name, string path, int specDefault)
    {
        if (QuotaLimits is { Count: > 0 } limits)
        {
            foreach (var pair in limits)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.Key, path, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }
        }

        return specDefault;
    }

    /// <summary>The base address calls go to: <see cref="BaseAddress"/> or the region's primary domain.</summary>
    public Uri GetPrimaryBaseAddress()
        => BaseAddress ?? new Uri("https://" + ImRegions.GetPrimaryHost(Region) + "/", UriKind.Absolute);

    /// <summary>The standby base address, or null when <see cref="BaseAddress"/> is set or the region has none.</summary>
    public Uri? GetStandbyBaseAddress()
    {
        if (BaseAddress is not null)
        {
            return null;
        }

        var host = ImRegions.GetStandbyHost(Region);
        return host is null ? null : new Uri("https://" + host + "/", UriKind.Absolute);
    }

    /// <summary>The rate limit for <paramref name="name"/>/<paramref name="path"/>: an override, else <paramref name="specDefault"/>.</summary>
    public int GetRateLimit(string name, string path, int specDefault)
    {
        if (RateLimits is { Count: > 0 } limits)
        {
            foreach (var pair in limits)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.Key, path, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }
        }

        return specDefault;
    }

    /// <summary>Describes the options without the secret key.</summary>
    public override string ToString()
        => "ImClientOptions { SdkAppId = " + SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", Identifier = " + Identifier
           + ", SecretKey = " + (string.IsNullOrEmpty(SecretKey) ? "(none)" : "(set)") + ", Region = " + Region.ToString()
           + ", BaseAddress = " + (BaseAddress?.ToString() ?? "(region)") + " }";
}
