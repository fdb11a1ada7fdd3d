using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Im;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace ImCsGen.Runtime.Tests;

public class DependencyInjectionTests
{
    private const string AppSettings = """
        {
          "TencentIm": {
            "SdkAppId": 1400000001,
            "Identifier": "administrator",
            "SecretKey": "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
            "Region": "Singapore",
            "BaseAddress": "http://127.0.0.1:5000",
            "Timeout": "00:00:05",
            "TotalTimeout": "00:01:00",
            "UserSigLifetime": "2.00:00:00",
            "MaxRetryAttempts": 2,
            "RetryBaseDelay": "00:00:00",
            "RetryMaxDelay": "00:00:00",
            "RetryBusinessErrors": false,
            "RateLimits": { "SendC2CMessage": 50, "openim/batchsendmsg": 20 },
            "RateLimitQueueLimit": 1000,
            "FailoverDuration": "00:02:00"
          }
        }
        """;

    private static IConfiguration Configuration(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Every_option_binds_from_appsettings_json()
    {
        using var provider = new ServiceCollection().AddTencentIm(Configuration(AppSettings).GetSection(ImClientOptions.SectionName)).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImClientOptions>>().Value;

        Assert.Equal(1400000001, options.SdkAppId);
        Assert.Equal("administrator", options.Identifier);
        Assert.Equal(TestTransport.SecretKey, options.SecretKey);
        Assert.Equal(ImRegion.Singapore, options.Region);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.TotalTimeout);
        Assert.Equal(TimeSpan.FromDays(2), options.UserSigLifetime);
        Assert.Equal(2, options.MaxRetryAttempts);
        Assert.False(options.RetryBusinessErrors);
        Assert.Equal(50, options.GetRateLimit("SendC2CMessage", "openim/sendmsg", 200));
        Assert.Equal(20, options.GetRateLimit("BatchSendC2CMessage", "openim/batchsendmsg", 200));
        Assert.Equal(1000, options.RateLimitQueueLimit);
        Assert.Equal(TimeSpan.FromMinutes(2), options.FailoverDuration);
        Assert.Null(options.UserSigProvider);
    }

    [Fact]
    public void The_transport_and_the_generated_client_are_registered_as_singletons()
    {
        using var provider = new ServiceCollection().AddTencentIm(Configuration(AppSettings).GetSection("TencentIm")).BuildServiceProvider();

        Assert.IsType<ImHttpTransport>(provider.GetRequiredService<IImTransport>());
        var client = provider.GetRequiredService<ImClient>();
        Assert.Same(client, provider.GetRequiredService<IImClient>());
        Assert.Same(provider.GetRequiredService<IImTransport>(), client.Transport);
    }

    [Fact]
    public void Invalid_configuration_fails_at_start_naming_each_option_without_the_key()
    {
        var json = """{ "TencentIm": { "SecretKey": "top-secret-key", "BaseAddress": "http://im.example.com", "RateLimits": { "SendC2CMessage": 0 } } }""";
        using var provider = new ServiceCollection().AddTencentIm(Configuration(json).GetSection("TencentIm")).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Contains("TencentIm:SdkAppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("TencentIm:Identifier", error.Message, StringComparison.Ordinal);
        Assert.Contains("TencentIm:BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("TencentIm:RateLimits:SendC2CMessage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_through_the_container_uses_the_factory_client_and_logs_nothing_secret()
    {
        var handler = FakeHttpHandler.Sequence(_ => FakeHttpHandler.Fail(60008), _ => FakeHttpHandler.Ok());
        var logs = new FakeLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddTencentIm(options =>
            {
                options.SdkAppId = TestTransport.SdkAppId;
                options.Identifier = TestTransport.Admin;
                options.SecretKey = TestTransport.SecretKey;
                options.BaseAddress = new Uri("http://127.0.0.1:5000");
                options.RetryBaseDelay = TimeSpan.Zero;
                options.RetryMaxDelay = TimeSpan.Zero;
            });
        services.AddHttpClient(ImHttpTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

        var client = provider.GetRequiredService<IImClient>();
        var response = await client.SendC2CMessageAsync(new SendC2CMessageRequest
        {
            ToAccount = "user1",
            MsgBody = new System.Collections.Generic.List<MsgBodyElement> { new TIMTextElem { Text = "hi" } },
        });

        Assert.True(response.IsSuccess);
        Assert.Equal(2, handler.Count);
        Assert.All(handler.Requests, r => Assert.Equal("http://127.0.0.1:5000/v4/openim/sendmsg", r.Uri.GetLeftPart(UriPartial.Path)));
        var sig = handler.Requests[0].UserSig;
        Assert.Equal(UserSigCheck.Valid, UserSig.Verify(sig, TestTransport.SdkAppId, TestTransport.SecretKey, TestTransport.Admin, DateTimeOffset.UtcNow));
        var lines = logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception).ToList();
        Assert.Contains(lines, l => l.Contains("retrying", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(sig, StringComparison.Ordinal) || l.Contains(TestTransport.SecretKey, StringComparison.Ordinal));
    }

    [Fact]
    public void ImClient_Create_validates_and_builds_a_working_client()
    {
        var bad = new ImClientOptions { SdkAppId = 1, SecretKey = "k" };
        Assert.Contains("TencentIm:Identifier", Assert.Throws<ImOptionsException>(() => ImClient.Create(bad)).Message, StringComparison.Ordinal);

        var client = ImClient.Create(TestTransport.DefaultOptions(), new System.Net.Http.HttpClient(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok())));
        Assert.IsType<ImHttpTransport>(client.Transport);
    }
}
