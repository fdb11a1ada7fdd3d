using ImCsGen.Im;
using ImCsGen.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the generated client on top of the transport.</summary>
public static partial class ImServiceCollectionExtensions
{
    static partial void AddGeneratedClient(IServiceCollection services)
    {
        services.TryAddSingleton(static provider => new ImClient(provider.GetRequiredService<IImTransport>()));
        services.TryAddSingleton<IImClient>(static provider => provider.GetRequiredService<ImClient>());
    }
}
