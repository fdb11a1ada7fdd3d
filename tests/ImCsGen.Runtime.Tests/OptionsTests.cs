using System;
using System.Linq;
using ImCsGen.Auth;
using ImCsGen.Runtime.Tests.Support;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class OptionsTests
{
    private sealed class NullProvider : IUserSigProvider
    {
        public System.Threading.Tasks.ValueTask<string> GetUserSigAsync(string identifier, System.Threading.CancellationToken cancellationToken) => new("sig");

        public void Invalidate(string identifier, string rejectedUserSig)
        {
        }
    }

    [Fact]
    public void The_defaults_plus_app_id_identifier_and_key_are_valid()
    {
        TestTransport.DefaultOptions().Validate();
        var options = new ImClientOptions { SdkAppId = 1, Identifier = "administrator", SecretKey = "k" };

        Assert.Empty(ImClientOptionsValidator.Check(options));
        Assert.Equal(TimeSpan.FromDays(1), options.UserSigLifetime);
        Assert.Equal(new Uri("https://console.tim.qq.com/"), options.GetPrimaryBaseAddress());
        Assert.Equal(new Uri("https://adminapi.my-imcloud.com/"), options.GetStandbyBaseAddress());
    }

    [Theory]
    [InlineData(nameof(ImClientOptions.SdkAppId))]
    [InlineData(nameof(ImClientOptions.Identifier))]
    [InlineData(nameof(ImClientOptions.SecretKey))]
    [InlineData(nameof(ImClientOptions.Region))]
    [InlineData(nameof(ImClientOptions.BaseAddress))]
    [InlineData(nameof(ImClientOptions.Timeout))]
    [InlineData(nameof(ImClientOptions.TotalTimeout))]
    [InlineData(nameof(ImClientOptions.UserSigLifetime))]
    [InlineData(nameof(ImClientOptions.MaxRetryAttempts))]
    [InlineData(nameof(ImClientOptions.RetryMaxDelay))]
    [InlineData(nameof(ImClientOptions.RateLimitQueueLimit))]
    [InlineData("RateLimits:SendC2CMessage")]
    [InlineData(nameof(ImClientOptions.ConnectTimeout))]
    [InlineData(nameof(ImClientOptions.MaxResponseBytes))]
    [InlineData(nameof(ImClientOptions.FailoverThreshold))]
    [InlineData(nameof(ImClientOptions.FailoverWindow))]
    [InlineData("QuotaLimits:BatchSendC2CMessage")]
    public void Each_bad_option_is_named(string option)
    {
        var options = TestTransport.DefaultOptions();
        switch (option)
        {
            case nameof(ImClientOptions.SdkAppId): options.SdkAppId = 0; break;
            case nameof(ImClientOptions.Identifier): options.Identifier = " "; break;
            case nameof(ImClientOptions.SecretKey): options.SecretKey = null; break;
            case nameof(ImClientOptions.Region): options.Region = (ImRegion)42; break;
            case nameof(ImClientOptions.BaseAddress): options.BaseAddress = new Uri("http://im.example.com"); break;
            case nameof(ImClientOptions.Timeout): options.Timeout = TimeSpan.Zero; break;
            case nameof(ImClientOptions.TotalTimeout): options.TotalTimeout = TimeSpan.FromSeconds(1); break;
            case nameof(ImClientOptions.UserSigLifetime): options.UserSigLifetime = TimeSpan.FromSeconds(30); break;
            case nameof(ImClientOptions.MaxRetryAttempts): options.MaxRetryAttempts = -1; break;
            case nameof(ImClientOptions.RetryMaxDelay): options.RetryBaseDelay = TimeSpan.FromSeconds(5); options.RetryMaxDelay = TimeSpan.FromSeconds(1); break;
            case nameof(ImClientOptions.RateLimitQueueLimit): options.RateLimitQueueLimit = 0; break;
            case nameof(ImClientOptions.ConnectTimeout): options.ConnectTimeout = TimeSpan.FromMilliseconds(1); break;
            case nameof(ImClientOptions.MaxResponseBytes): options.MaxResponseBytes = 100; break;
            case nameof(ImClientOptions.FailoverThreshold): options.FailoverThreshold = 0; break;
            case nameof(ImClientOptions.FailoverWindow): options.FailoverWindow = TimeSpan.Zero; break;
            case "QuotaLimits:BatchSendC2CMessage": options.QuotaLimits["BatchSendC2CMessage"] = 0; break;
            default: options.RateLimits["SendC2CMessage"] = 0; break;
        }

        var error = Assert.Throws<ImOptionsException>(options.Validate);

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("TencentIm:" + option + " ", failure, StringComparison.Ordinal);
        Assert.Contains("TencentIm:" + option, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTransport.SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://im.example.com", true)]
    [InlineData("http://10.0.0.5:5000", false)]
    [InlineData("ftp://127.0.0.1", false)]
    [InlineData("https://im.example.com/?x=1", false)]
    public void Plain_http_is_allowed_only_for_loopback(string address, bool valid)
    {
        var options = TestTransport.DefaultOptions();
        options.BaseAddress = new Uri(address);

        Assert.Equal(valid, ImClientOptionsValidator.Check(options).Count == 0);
    }

    [Fact]
    public void Timeouts_can_be_turned_off_but_not_set_beyond_a_day()
    {
        var off = TestTransport.DefaultOptions();
        off.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        off.TotalTimeout = System.Threading.Timeout.InfiniteTimeSpan;
        Assert.Empty(ImClientOptionsValidator.Check(off));

        var huge = TestTransport.DefaultOptions();
        huge.TotalTimeout = TimeSpan.FromDays(2);
        Assert.StartsWith("TencentIm:TotalTimeout ", Assert.Single(ImClientOptionsValidator.Check(huge)), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_and_provider_are_mutually_exclusive_and_a_provider_alone_is_enough()
    {
        var both = TestTransport.DefaultOptions();
        both.UserSigProvider = new NullProvider();
        Assert.Contains("TencentIm:SecretKey and UserSigProvider", Assert.Single(ImClientOptionsValidator.Check(both)), StringComparison.Ordinal);

        var providerOnly = TestTransport.DefaultOptions();
        providerOnly.SecretKey = null;
        providerOnly.UserSigProvider = new NullProvider();
        Assert.Empty(ImClientOptionsValidator.Check(providerOnly));
    }

    [Fact]
    public void Rate_limit_overrides_match_name_or_path()
    {
        var options = TestTransport.DefaultOptions();
        options.RateLimits["sendc2cmessage"] = 7;
        options.RateLimits["openim/batchsendmsg"] = 9;

        Assert.Equal(7, options.GetRateLimit("SendC2CMessage", "openim/sendmsg", 200));
        Assert.Equal(9, options.GetRateLimit("BatchSendC2CMessage", "openim/batchsendmsg", 200));
        Assert.Equal(200, options.GetRateLimit("Other", "x/y", 200));
    }

    [Fact]
    public void ToString_does_not_show_the_secret_key()
    {
        var text = TestTransport.DefaultOptions().ToString();

        Assert.Contains("1400000000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTransport.SecretKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transport_validates_its_options()
    {
        var options = TestTransport.DefaultOptions();
        options.SdkAppId = -5;

        var error = Assert.Throws<ImOptionsException>(() => new ImCsGen.Transport.ImHttpTransport(new System.Net.Http.HttpClient(), options));
        Assert.Contains("TencentIm:SdkAppId", error.Failures.Single(), StringComparison.Ordinal);
    }
}
