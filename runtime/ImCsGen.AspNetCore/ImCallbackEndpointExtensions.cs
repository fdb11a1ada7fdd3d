using System;
using ImCsGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Tencent IM callback endpoint.</summary>
public static class ImCallbackEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> as the IM callback URL (configure it in the IM console, with the callback
    /// token). Requires <c>services.AddTencentImCallbacks(...)</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapTencentImCallbacks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var endpoint = new ImCallbackEndpoint(endpoints.ServiceProvider);
        RequestDelegate handle = endpoint.HandleAsync;
        return endpoints.MapPost(pattern, handle).WithDisplayName("Tencent IM callbacks");
    }
}
