using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using ImCsGen.TencentCloud;
using ImCsGen.Tccc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the TCCC (Tencent Cloud Contact Center, cloud API <c>ccc</c>) client: options validated on start,
/// the TC3-signing transport and the generated <see cref="TcccClient"/> / <see cref="ITcccClient"/>.
/// </summary>
public static class TencentCccServiceCollectionExtensions
{
    /// <summary>Registers the client with options set in code.</summary>
    public static IServiceCollection AddTencentCccClient(this IServiceCollection services, Action<TencentCloudClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TencentCloudClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers the client with options bound from <paramref name="section"/>, normally
    /// <c>configuration.GetSection("TencentCcc")</c>. Binding uses the configuration-binding source generator
    /// (no reflection). Keep <c>SecretKey</c> in a secret store or the environment, never in appsettings.json.
    /// </summary>
    public static IServiceCollection AddTencentCccClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        // CredentialProvider is an interface configuration cannot create: the binding generator skips it
        // (SYSLIB1100/1101, silenced in the csproj); it is set in code only.
        services.AddOptions<TencentCloudClientOptions>().Bind(section).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TencentCloudClientOptions>, TencentCloudClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The transport applies its own timeouts; the factory's request logging is removed so no header
        // (Authorization, X-TC-Token) can reach a log through it.
        services.AddHttpClient(TencentCloudHttpTransport.HttpClientName, static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.TryAddSingleton<ITencentCloudTransport>(static provider => new TencentCloudHttpTransport(
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptions<TencentCloudClientOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new TcccClient(provider.GetRequiredService<ITencentCloudTransport>()));
        services.TryAddSingleton<ITcccClient>(static provider => provider.GetRequiredService<TcccClient>());
        return services;
    }
}
