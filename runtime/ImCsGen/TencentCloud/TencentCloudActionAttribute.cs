using System;
using ImCsGen.Transport;

namespace ImCsGen.Metadata;

/// <summary>
/// Marks a generated Tencent Cloud API 3.0 request class with its action (the API-family counterpart of
/// <see cref="ImEndpointAttribute"/>). Analyzers read it, and the <c>[ImField]</c>/constraint attributes on
/// its properties, from referenced assemblies too.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TencentCloudActionAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public TencentCloudActionAttribute(string action) => Action = action;

    /// <summary>The action name (<c>X-TC-Action</c>).</summary>
    public string Action { get; }

    /// <summary>The service (<c>ccc</c>).</summary>
    public string? Service { get; set; }

    /// <summary>The API version (<c>X-TC-Version</c>).</summary>
    public string? Version { get; set; }

    /// <summary>The spec's group.</summary>
    public string? Group { get; set; }

    /// <summary>Default client-side limit, calls per second.</summary>
    public int RateLimitPerSecond { get; set; } = 20;

    /// <summary>Whether repeating the call is harmless.</summary>
    public ImIdempotency Idempotency { get; set; }
}
