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
        return AddCore(services, null);
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
        return AddCore(services, null);
    }

    /// <summary>
    /// Registers a second (third, ...) IM application under <paramref name="name"/>, with options set in code:
    /// resolve it as a keyed service (<c>[FromKeyedServices("shop")] ImClient</c>, or
    /// <c>GetRequiredKeyedService&lt;ImClient&gt;("shop")</c>). Each name has its own named options, HttpClient,
    /// rate limiters and UserSig cache.
    /// </summary>
    public static IServiceCollection AddTencentIm(this IServiceCollection services, string name, Action<ImClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ImClientOptions>(name).Configure(configure).ValidateOnStart();
        return AddCore(services, name);
    }

    /// <summary>As <see cref="AddTencentIm(IServiceCollection, string, Action{ImClientOptions})"/>, with options bound from <paramref name="section"/> (for example <c>configuration.GetSection("TencentIm:Shop")</c>).</summary>
    public static IServiceCollection AddTencentIm(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ImClientOptions>(name).Bind(section).ValidateOnStart();
        return AddCore(services, name);
    }

    /// <summary>The name of the IHttpClientFactory client of the registration <paramref name="name"/> (null: the unnamed one).</summary>
    public static string GetImHttpClientName(string? name)
        => name is null ? ImHttpTransport.HttpClientName : ImHttpTransport.HttpClientName + ":" + name;

    private static IServiceCollection AddCore(IServiceCollection services, string? name)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImClientOptions>, ImClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var optionsName = name ?? Options.Options.DefaultName;
        var httpClientName = GetImHttpClientName(name);

        // The transport applies its own per-attempt and overall timeouts, so HttpClient's must not cut in.
        // The factory's default request logging is removed: it logs the request URL, and the URL carries
        // the UserSig. The transport logs the same events with the UserSig redacted.
        // Handlers added to every client (ConfigureHttpClientDefaults, e.g. AddStandardResilienceHandler) are
        // removed from this one: they would retry POSTs the transport must not repeat (an unsafe call whose
        // outcome is unknown) and time out behind its back. The factory applies those defaults before any
        // named client's own configuration, whatever the registration order, so clearing here removes them;
        // handlers added to this client by name afterwards are kept (the caller chose them for IM).
        // The primary handler is the runtime's (ConnectTimeout from the options).
        services.AddHttpClient(httpClientName, static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear())
            .ConfigurePrimaryHttpMessageHandler(provider => ImHttpHandlers.CreatePrimary(provider.GetRequiredService<IOptionsMonitor<ImClientOptions>>().Get(optionsName)));

        if (name is null)
        {
            services.TryAddSingleton<IImTransport>(static provider => new ImHttpTransport(
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptions<ImClientOptions>>().Value,
                provider.GetService<ILoggerFactory>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<IMeterFactory>()));
        }
        else
        {
            services.TryAddKeyedSingleton<IImTransport>(name, (provider, _) => new ImHttpTransport(
                provider.GetRequiredService<IHttpClientFactory>(),
                httpClientName,
                provider.GetRequiredService<IOptionsMonitor<ImClientOptions>>().Get(name),
                provider.GetService<ILoggerFactory>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<IMeterFactory>()));
        }

        AddGeneratedClient(services, name);
        return services;
    }

    /// <summary>Registers <c>ImClient</c> and <c>IImClient</c> (keyed by <paramref name="name"/> when set); implemented next to the generated client.</summary>
    static partial void AddGeneratedClient(IServiceCollection services, string? name);
}
