using System;
using System.Net.Http;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Im;

/// <summary>Hand-written part of the generated client: construction without dependency injection.</summary>
public sealed partial class ImClient
{
    /// <summary>
    /// Creates a client over <see cref="ImHttpTransport"/>. Validates <paramref name="options"/> first
    /// (<see cref="ImOptionsException"/> names each bad option). Without <paramref name="httpClient"/> the client
    /// owns a pooled HttpClient of its own; create one client and reuse it (it is thread-safe).
    /// </summary>
    public static ImClient Create(ImClientOptions options, HttpClient? httpClient = null)
        => Create(options, httpClient, null);

    /// <summary>As <see cref="Create(ImClientOptions, HttpClient?)"/>, logging through <paramref name="loggerFactory"/>.</summary>
    public static ImClient Create(ImClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = httpClient is null
            ? ImHttpTransport.CreateOwning(options, loggerFactory)
            : new ImHttpTransport(httpClient, options, loggerFactory);
        return new ImClient(transport);
    }
}
