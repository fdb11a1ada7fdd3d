using System;
using ImCsGen.Transport;

namespace ImCsGen.Metadata;

/// <summary>Marks a generated request class with its endpoint; analyzers read it from referenced assemblies too.</summary>
// Methods too: a library helper that sends (CustomerServiceProvisioner.SendAsync) names its endpoint so the
// analyzers treat its [ImField] parameters exactly like the request's properties (no special case per helper).
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class ImEndpointAttribute : Attribute
{
    /// <summary>Creates the attribute for <c>service/command</c>.</summary>
    public ImEndpointAttribute(string path) => Path = path;

    /// <summary><c>service/command</c>.</summary>
    public string Path { get; }

    /// <summary>The endpoint's C# name.</summary>
    public string? Name { get; set; }

    /// <summary>Tencent's API group.</summary>
    public string? Group { get; set; }

    /// <summary>Default client-side rate limit in calls per second.</summary>
    public int RateLimitPerSecond { get; set; } = 200;

    /// <summary>Whether the identifier must be an App administrator.</summary>
    public bool RequiresAdmin { get; set; } = true;

    /// <summary>Whether a retry after an unknown outcome is safe.</summary>
    public ImIdempotency Idempotency { get; set; }
}

/// <summary>Maps a generated property to its wire field and carries its role and kind.</summary>
// Parameters too: library helpers that take a sender, a recipient, an account id, a key or a lifetime declare
// it with the same attribute, so every analyzer rule checks the helper's arguments as it checks properties.
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImFieldAttribute : Attribute
{
    /// <summary>Creates the attribute for the wire name.</summary>
    public ImFieldAttribute(string wireName) => WireName = wireName;

    /// <summary>The JSON name exactly as Tencent spells it.</summary>
    public string WireName { get; }

    /// <summary>Whether the spec marks the field required.</summary>
    public bool Required { get; set; }

    /// <summary>The field's role.</summary>
    public ImFieldRole Role { get; set; }

    /// <summary>The field's semantic kind.</summary>
    public ImValueKind Kind { get; set; }
}
