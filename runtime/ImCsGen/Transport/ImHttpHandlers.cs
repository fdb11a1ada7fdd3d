using System;
using System.Net.Http;

namespace ImCsGen.Transport;

/// <summary>
/// The primary HTTP handler the runtime creates (for <c>ImClient.Create</c> without an HttpClient and for
/// <c>AddTencentIm</c>): pooled connections recycled every 5 minutes, <see cref="ImClientOptions.ConnectTimeout"/>.
/// </summary>
internal static class ImHttpHandlers
{
    public static SocketsHttpHandler CreatePrimary(ImClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Pooled connections are recycled so DNS changes (and a recovered primary domain) are picked up.
        // ConnectTimeout: a blackholed host (SYN dropped) must fail in seconds, not after the attempt's Timeout,
        // so the call fails over; nothing was sent, so the transport retries it on every endpoint.
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.GetConnectTimeout(),
        };
    }
}
