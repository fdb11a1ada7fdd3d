using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using ImCsGen;
using ImCsGen.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Tencent IM client: options (validated on start), the HTTP transport and the generated client.</summary>
public static partial class ImServiceCollectionExtensions
{
    /// <summary>Registers the client with options set in code.</summary>
    public static IServiceCollection AddTencentIm(this IServiceCollection services, Action<ImClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ImClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers the client with options bound from <paramref name="section"/>, normally
    /// <c>configuration.GetSection("TencentIm")</c> (see <see cref="ImClientOptions.SectionName"/>).
    /// Binding uses the configuration-binding source generator, so it is trimming and AOT safe.
    /// </summary>
    public static IServiceCollection AddTencentIm(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        // UserSigProvider is an interface that configuration cannot create; the binding generator reports that
        // property (SYSLIB1100/1101, silenced in the csproj) and skips it: it is set in code only.
        services.AddOptions<ImClientOptions>().Bind(section).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImClientOptions>, ImClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The transport applies its own per-attempt and overall timeouts, so HttpClient's must not cut in.
        // The factory's default request logging is removed: it logs the request URL, and the URL carries
        // the UserSig. The transport logs the same events with the UserSig redacted.
        services.AddHttpClient(ImHttpTransport.HttpClientName, static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton<IImTransport>(static provider => new ImHttpTransport(
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptions<ImClientOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IMeterFactory>()));
        AddGeneratedClient(services);
        return services;
    }

    /// <summary>Registers <c>ImClient</c> and <c>IImClient</c>; implemented next to the generated client.</summary>
    static partial void AddGeneratedClient(IServiceCollection services);
}
