using System;
using System.Net;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ImCsGen.Runtime.Tests;

// Issue 10, item 6: host-wide HttpClient handlers, keyed registrations for several apps.
public class DependencyInjectionFaultTests
{
    private static void Configure(ImClientOptions options, long sdkAppId = TestTransport.SdkAppId)
    {
        options.SdkAppId = sdkAppId;
        options.Identifier = TestTransport.Admin;
        options.SecretKey = TestTransport.SecretKey;
        options.BaseAddress = new Uri("http://127.0.0.1:5000");
        options.MaxRetryAttempts = 3;
        options.RetryBaseDelay = TimeSpan.Zero;
        options.RetryMaxDelay = TimeSpan.Zero;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_host_wide_resilience_handler_is_kept_off_the_IM_client(bool defaultsFirst)
    {
        // HTTP 500 on an unsafe call: the outcome is unknown, so the transport must not repeat it. The standard
        // resilience handler would retry it three times behind the transport's back.
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json("oops", HttpStatusCode.InternalServerError));
        var services = new ServiceCollection();
        if (defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddTencentIm(o => Configure(o));
        if (!defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddHttpClient(ImHttpTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var transport = provider.GetRequiredService<IImTransport>();

        var error = await Assert.ThrowsAsync<ImTransportException>(() => transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Unsafe), default));

        Assert.Equal(500, error.HttpStatusCode);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public void The_IM_clients_primary_handler_carries_ConnectTimeout()
    {
        var services = new ServiceCollection().AddTencentIm(o =>
        {
            Configure(o);
            o.ConnectTimeout = TimeSpan.FromMilliseconds(1234);
        });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<System.Net.Http.IHttpMessageHandlerFactory>();

        System.Net.Http.HttpMessageHandler? current = factory.CreateHandler(ImHttpTransport.HttpClientName);
        while (current is System.Net.Http.DelegatingHandler delegating)
        {
            current = delegating.InnerHandler;
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1234), Assert.IsType<System.Net.Http.SocketsHttpHandler>(current).ConnectTimeout);
    }

    private sealed class ShopService
    {
        public ShopService([FromKeyedServices("shop")] ImClient client) => Client = client;

        public ImClient Client { get; }
    }

    [Fact]
    public async Task Two_apps_register_under_names_with_their_own_options_limiters_and_usersig_caches()
    {
        var shopHandler = new FakeHttpHandler(_ => FakeHttpHandler.Ok());
        var supportHandler = new FakeHttpHandler(_ => FakeHttpHandler.Ok());
        var services = new ServiceCollection()
            .AddTencentIm("shop", o => Configure(o, 1400000001))
            .AddTencentIm("support", o => Configure(o, 1400000002))
            .AddSingleton<ShopService>();
        services.AddHttpClient(ImServiceCollectionExtensions.GetImHttpClientName("shop")).ConfigurePrimaryHttpMessageHandler(() => shopHandler);
        services.AddHttpClient(ImServiceCollectionExtensions.GetImHttpClientName("support")).ConfigurePrimaryHttpMessageHandler(() => supportHandler);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var shop = provider.GetRequiredService<ShopService>().Client;
        var support = provider.GetRequiredKeyedService<IImClient>("support");
        await shop.Transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Idempotent), default);
        await ((ImClient)support).Transport.SendAsync<FakeRequest, FakeResponse>(new FakeRequest(FakeRequest.Idempotent), default);

        Assert.Same(shop, provider.GetRequiredKeyedService<ImClient>("shop"));
        Assert.Equal("1400000001", Assert.Single(shopHandler.Requests).Query["sdkappid"]);
        Assert.Equal("1400000002", Assert.Single(supportHandler.Requests).Query["sdkappid"]);
        var shopTransport = Assert.IsType<ImHttpTransport>(shop.Transport);
        var supportTransport = Assert.IsType<ImHttpTransport>(((ImClient)support).Transport);
        Assert.NotSame(shopTransport, supportTransport);
        Assert.NotSame(shopTransport.UserSigProvider, supportTransport.UserSigProvider);
        Assert.NotSame(shopTransport.GetRateLimiter(FakeRequest.Idempotent), supportTransport.GetRateLimiter(FakeRequest.Idempotent));
        Assert.Null(provider.GetService<IImClient>()); // no unnamed app was registered
    }

    [Fact]
    public void A_named_app_with_bad_options_fails_at_start()
    {
        var services = new ServiceCollection().AddTencentIm("shop", o => o.SdkAppId = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SdkAppId", error.Message, StringComparison.Ordinal);
    }
}
