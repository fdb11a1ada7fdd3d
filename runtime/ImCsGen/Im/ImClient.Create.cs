using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Im;

/// <summary>Hand-written part of the generated client: construction without dependency injection, and disposal.</summary>
public sealed partial class ImClient : IDisposable, IAsyncDisposable
{
    // Set only by Create: the transport (its limiter timers, and without a caller's HttpClient its own
    // HttpClient and handler) belongs to this client. A client built over a given transport never disposes it.
    private IDisposable? _ownedTransport;

    /// <summary>
    /// Creates a client over <see cref="ImHttpTransport"/>. Validates <paramref name="options"/> first
    /// (<see cref="ImOptionsException"/> names each bad option). Without <paramref name="httpClient"/> the client
    /// owns a pooled HttpClient of its own; create one client and reuse it (it is thread-safe), and dispose it
    /// when done: that releases the HttpClient, its connections and the rate limiters' timers. A given
    /// <paramref name="httpClient"/> stays the caller's and is not disposed.
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
        return new ImClient(transport) { _ownedTransport = transport };
    }

    /// <summary>Releases what <see cref="Create(ImClientOptions, HttpClient?)"/> created; a no-op for a client over a given transport.</summary>
    public void Dispose() => Interlocked.Exchange(ref _ownedTransport, null)?.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
