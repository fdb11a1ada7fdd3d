using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace ImCsGen;

/// <summary>
/// Checks <see cref="ImClientOptions"/>; each failure names the option (<c>TencentIm:SdkAppId</c> style
/// names match the configuration keys). Used by <c>AddTencentIm</c> (validated on start) and by
/// <see cref="ImClientOptions.Validate"/>. Messages never contain the secret key.
/// </summary>
public sealed class ImClientOptionsValidator : IValidateOptions<ImClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns one message per bad option; empty when all are valid.</summary>
    public static IReadOnlyList<string> Check(ImClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Fail(string option, string rule) => failures.Add(ImClientOptions.SectionName + ":" + option + " " + rule);

        if (options.SdkAppId <= 0)
        {
            Fail(nameof(options.SdkAppId), "must be the application's SDKAppID (a positive number).");
        }

        if (string.IsNullOrWhiteSpace(options.Identifier))
        {
            Fail(nameof(options.Identifier), "must name an App administrator account (for example 'administrator').");
        }
        else if (Encoding.UTF8.GetByteCount(options.Identifier) > 32)
        {
            Fail(nameof(options.Identifier), "is at most 32 UTF-8 bytes (a Tencent UserID).");
        }

        var hasKey = !string.IsNullOrEmpty(options.SecretKey);
        if (hasKey && string.IsNullOrWhiteSpace(options.SecretKey))
        {
            Fail(nameof(options.SecretKey), "must not be white space.");
        }

        if (!hasKey && options.UserSigProvider is null)
        {
            Fail(nameof(options.SecretKey), "or UserSigProvider must be set (the key signs UserSigs).");
        }
        else if (hasKey && options.UserSigProvider is not null)
        {
            Fail(nameof(options.SecretKey), "and UserSigProvider are both set; set only one.");
        }

        if (!Enum.IsDefined(options.Region))
        {
            Fail(nameof(options.Region), "must be one of China, Singapore, Seoul, Frankfurt, Mumbai, SiliconValley, Jakarta, Tokyo.");
        }

        if (options.BaseAddress is { } baseAddress)
        {
            if (!baseAddress.IsAbsoluteUri)
            {
                Fail(nameof(options.BaseAddress), "must be an absolute URI.");
            }
            else if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
            {
                Fail(nameof(options.BaseAddress), "must not have a query or fragment.");
            }
            else if (string.Equals(baseAddress.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsLoopback(baseAddress))
                {
                    Fail(nameof(options.BaseAddress), "may use plain http only for a loopback address (127.0.0.1, ::1, localhost); use https.");
                }
            }
            else if (!string.Equals(baseAddress.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                Fail(nameof(options.BaseAddress), "must use https.");
            }
        }

        CheckPositive(options.Timeout, nameof(options.Timeout), Fail);
        CheckPositive(options.TotalTimeout, nameof(options.TotalTimeout), Fail);
        if (options.TotalTimeout > TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan && options.Timeout > options.TotalTimeout)
        {
            Fail(nameof(options.TotalTimeout), "must be at least Timeout (it bounds all attempts of a call).");
        }

        if (options.UserSigLifetime < TimeSpan.FromMinutes(5) || options.UserSigLifetime > TimeSpan.FromDays(180))
        {
            Fail(nameof(options.UserSigLifetime), "must be between 5 minutes and 180 days.");
        }

        if (options.MaxRetryAttempts < 0 || options.MaxRetryAttempts > 10)
        {
            Fail(nameof(options.MaxRetryAttempts), "must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            Fail(nameof(options.RetryBaseDelay), "must not be negative.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > TimeSpan.FromDays(1))
        {
            Fail(nameof(options.RetryMaxDelay), "must be at least RetryBaseDelay and at most 1 day.");
        }

        if (options.RateLimitQueueLimit <= 0)
        {
            Fail(nameof(options.RateLimitQueueLimit), "must be positive.");
        }

        if (options.FailoverDuration < TimeSpan.Zero)
        {
            Fail(nameof(options.FailoverDuration), "must not be negative.");
        }

        if (options.ConnectTimeout != System.Threading.Timeout.InfiniteTimeSpan && (options.ConnectTimeout < TimeSpan.FromMilliseconds(10) || options.ConnectTimeout > TimeSpan.FromMinutes(5)))
        {
            Fail(nameof(options.ConnectTimeout), "must be between 10 ms and 5 minutes (or Timeout.InfiniteTimeSpan to turn it off).");
        }

        if (options.MaxResponseBytes < 1024)
        {
            Fail(nameof(options.MaxResponseBytes), "must be at least 1024 bytes.");
        }

        if (options.FailoverThreshold < 1 || options.FailoverThreshold > 100)
        {
            Fail(nameof(options.FailoverThreshold), "must be between 1 and 100 connect failures.");
        }

        if (options.FailoverWindow <= TimeSpan.Zero)
        {
            Fail(nameof(options.FailoverWindow), "must be positive.");
        }

        if (options.QuotaLimits is { } quotas)
        {
            foreach (var pair in quotas)
            {
                if (string.IsNullOrWhiteSpace(pair.Key))
                {
                    Fail(nameof(options.QuotaLimits), "has an empty endpoint name.");
                }
                else if (pair.Value <= 0)
                {
                    Fail(nameof(options.QuotaLimits) + ":" + pair.Key, "must be a positive number of items per quota window; got " + pair.Value.ToString(CultureInfo.InvariantCulture) + ".");
                }
            }
        }

        if (options.RateLimits is { } limits)
        {
            foreach (var pair in limits)
            {
                if (string.IsNullOrWhiteSpace(pair.Key))
                {
                    Fail(nameof(options.RateLimits), "has an empty endpoint name.");
                }
                else if (pair.Value <= 0)
                {
                    Fail(nameof(options.RateLimits) + ":" + pair.Key, "must be a positive number of calls per second; got " + pair.Value.ToString(CultureInfo.InvariantCulture) + ".");
                }
            }
        }

        return failures;
    }

    // The bounds Polly's timeout strategy accepts; Timeout.InfiniteTimeSpan turns the timeout off.
    private static void CheckPositive(TimeSpan value, string option, Action<string, string> fail)
    {
        if (value != System.Threading.Timeout.InfiniteTimeSpan && (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1)))
        {
            fail(option, "must be between 10 ms and 1 day (or Timeout.InfiniteTimeSpan to turn it off).");
        }
    }

    private static bool IsLoopback(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>The client options are invalid; <see cref="Failures"/> names each bad option.</summary>
public sealed class ImOptionsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ImOptionsException(IReadOnlyList<string> failures)
        : base("Invalid Tencent IM client options: " + string.Join(" ", failures))
    {
        Failures = failures;
    }

    /// <summary>One message per bad option, each starting with the option's configuration key.</summary>
    public IReadOnlyList<string> Failures { get; }
}
