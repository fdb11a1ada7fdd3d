using System;
using ImCsGen.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the Tencent IM callback endpoint.</summary>
public static class ImCallbackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the callback endpoint's services: options (SdkAppid and token are required), the handler registry
    /// and an <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> for de-duplication
    /// (in-memory unless the app registered another, e.g. Redis, so several instances agree).
    /// </summary>
    public static ImCallbackBuilder AddTencentImCallbacks(this IServiceCollection services, Action<ImCallbackOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ImCallbackOptions();
        configure(options);
        options.Validate();
        var handlers = new ImCallbackHandlers();
        services.AddSingleton(options);
        services.AddSingleton(handlers);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDistributedMemoryCache();
        services.AddLogging();
        return new ImCallbackBuilder(handlers);
    }
}
