using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace ImCsGen.TencentCloud;

/// <summary>
/// Options of the Tencent Cloud API 3.0 transport (used for TCCC, service <c>ccc</c>). Credentials come from
/// <see cref="SecretId"/>/<see cref="SecretKey"/> (+ <see cref="Token"/> for temporary keys) or from
/// <see cref="CredentialProvider"/>. <see cref="ToString"/> never shows the key or the token.
/// </summary>
public sealed class TencentCloudClientOptions
{
    /// <summary>The configuration section <c>AddTencentCccClient(configuration.GetSection(...))</c> reads by convention.</summary>
    public const string SectionName = "TencentCcc";

    /// <summary>The API key's SecretId (console: 访问管理 > API 密钥).</summary>
    public string? SecretId { get; set; }

    /// <summary>The API key's SecretKey; signs requests, never sent or logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Session token of temporary credentials, sent as <c>X-TC-Token</c>.</summary>
    public string? Token { get; set; }

    /// <summary>A credential source (temporary credentials that renew); when set, the three fields above are ignored. Set in code only.</summary>
    public ITencentCloudCredentialProvider? CredentialProvider { get; set; }

    /// <summary>Where to send: null = <c>https://{the action's host}/</c> (ccc.tencentcloudapi.com); the emulator's address in tests. http is allowed for loopback only.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>X-TC-Region</c>; omitted when null (ccc does not need a region).</summary>
    public string? Region { get; set; }

    /// <summary><c>X-TC-Language</c>: <c>zh-CN</c> or <c>en-US</c>; omitted when null.</summary>
    public string? Language { get; set; }

    /// <summary>Also sign <c>x-tc-action</c> (newer doc revisions do; the SDKs sign content-type and host only). Default false.</summary>
    public bool SignActionHeader { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a logical call, retries and waits included (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> = none).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt (0 = none).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the jittered exponential backoff.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of one backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throttle each action to its documented frequency limit (the spec's <c>rateLimit</c>) before sending.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>Per-action overrides of the limit, keyed by action name (<c>DescribeIMCdrs</c>).</summary>
    public IDictionary<string, int> RateLimits { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Calls that may wait for one action's limiter before new ones fail with <c>ImCsGen.ClientRateLimited</c>.</summary>
    public int RateLimitQueueLimit { get; set; } = 10_000;

    /// <summary>The limit for <paramref name="action"/>: an override, else the spec's.</summary>
    public int GetRateLimit(TencentCloudAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var pair in RateLimits ?? new Dictionary<string, int>())
        {
            if (string.Equals(pair.Key, action.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.Key, action.Key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return action.RateLimitPerSecond;
    }

    /// <summary>The address for <paramref name="action"/>.</summary>
    public Uri GetEndpoint(TencentCloudAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Endpoint ?? new Uri("https://" + action.Host + "/", UriKind.Absolute);
    }

    /// <summary>The credential provider these options describe.</summary>
    public ITencentCloudCredentialProvider GetCredentialProvider()
        => CredentialProvider ?? new StaticTencentCloudCredentialProvider(new TencentCloudCredential(SecretId!, SecretKey!, Token));

    /// <summary>Throws <see cref="ImOptionsException"/> naming each bad option.</summary>
    public void Validate()
    {
        var failures = TencentCloudClientOptionsValidator.Check(this);
        if (failures.Count > 0)
        {
            throw new ImOptionsException(failures);
        }
    }

    /// <inheritdoc />
    public override string ToString()
        => "TencentCloudClientOptions { SecretId = " + (SecretId ?? "(none)") + ", SecretKey = " + (string.IsNullOrEmpty(SecretKey) ? "(none)" : "(set)")
           + ", Token = " + (string.IsNullOrEmpty(Token) ? "(none)" : "(set)") + ", Endpoint = " + (Endpoint?.ToString() ?? "(action host)") + " }";
}

/// <summary>Checks <see cref="TencentCloudClientOptions"/>; each message starts with the configuration key and never quotes a secret.</summary>
public sealed class TencentCloudClientOptionsValidator : IValidateOptions<TencentCloudClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TencentCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>One message per bad option; empty when valid.</summary>
    public static IReadOnlyList<string> Check(TencentCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Fail(string option, string rule) => failures.Add(TencentCloudClientOptions.SectionName + ":" + option + " " + rule);
        if (options.CredentialProvider is null)
        {
            if (string.IsNullOrWhiteSpace(options.SecretId))
            {
                Fail("SecretId", "is required (or set CredentialProvider in code).");
            }

            if (string.IsNullOrWhiteSpace(options.SecretKey))
            {
                Fail("SecretKey", "is required (or set CredentialProvider in code); read it from a secret store, never from source.");
            }
        }

        if (options.Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                Fail("Endpoint", "must be an absolute https:// URL.");
            }
            else if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
            {
                Fail("Endpoint", "must use https (plain http is allowed for a loopback emulator only).");
            }
        }

        if (options.Language is not null and not "zh-CN" and not "en-US")
        {
            Fail("Language", "must be zh-CN or en-US.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            Fail("Timeout", "must be positive.");
        }

        if (options.TotalTimeout <= TimeSpan.Zero && options.TotalTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            Fail("TotalTimeout", "must be positive.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            Fail("MaxRetryAttempts", "must be between 0 and 10 (was " + options.MaxRetryAttempts.ToString(CultureInfo.InvariantCulture) + ").");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            Fail("RetryBaseDelay", "must be non-negative and at most RetryMaxDelay.");
        }

        if (options.RateLimitQueueLimit < 0)
        {
            Fail("RateLimitQueueLimit", "must not be negative.");
        }

        foreach (var pair in options.RateLimits ?? new Dictionary<string, int>())
        {
            if (pair.Value <= 0)
            {
                Fail("RateLimits:" + pair.Key, "must be a positive number of calls per second.");
            }
        }

        return failures;
    }

    private static bool IsLoopback(Uri uri)
        => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
           || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
