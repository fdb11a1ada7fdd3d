using ImCsGen.Im;
using ImCsGen.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the generated client on top of the transport.</summary>
public static partial class ImServiceCollectionExtensions
{
    static partial void AddGeneratedClient(IServiceCollection services, string? name)
    {
        if (name is null)
        {
            services.TryAddSingleton(static provider => new ImClient(provider.GetRequiredService<IImTransport>()));
            services.TryAddSingleton<IImClient>(static provider => provider.GetRequiredService<ImClient>());
            return;
        }

        // The container disposes the keyed transport; the client built over it never does.
        services.TryAddKeyedSingleton(name, static (provider, key) => new ImClient(provider.GetRequiredKeyedService<IImTransport>(key)));
        services.TryAddKeyedSingleton<IImClient>(name, static (provider, key) => provider.GetRequiredKeyedService<ImClient>(key));
    }
}
