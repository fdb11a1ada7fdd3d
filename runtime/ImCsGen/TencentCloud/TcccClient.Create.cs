using System;
using System.Net.Http;
using ImCsGen.TencentCloud;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Tccc;

/// <summary>Hand-written part of the generated TCCC client: construction without dependency injection.</summary>
public sealed partial class TcccClient
{
    /// <summary>
    /// Creates a client over <see cref="TencentCloudHttpTransport"/> (validates <paramref name="options"/> first).
    /// Without <paramref name="httpClient"/> the client owns a pooled HttpClient; create one client and reuse it.
    /// </summary>
    public static TcccClient Create(TencentCloudClientOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = httpClient is null
            ? TencentCloudHttpTransport.CreateOwning(options, loggerFactory)
            : new TencentCloudHttpTransport(httpClient, options, loggerFactory);
        return new TcccClient(transport);
    }
}
