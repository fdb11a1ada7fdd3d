namespace ImCsGen.Generator.Model;

// The second API family: Tencent Cloud API 3.0 (POST JSON to https://{host}/, action and version in X-TC-*
// headers, TC3-HMAC-SHA256). A spec file declares it once at the top level ("api"); its endpoints then name an
// "action" instead of a "path". The parser stores such an endpoint's path as "{service}/{action}", so the
// module builder's name/path checks and the EndpointModel (Service, Command) serve both families unchanged.

/// <summary>The <c>api</c> object of a spec file (with its location, for diagnostics).</summary>
internal sealed record CloudApiSyntax(string Service, string Version, string Host, SpecLocation Location);

/// <summary>The API family of a module, location-free (part of the equatable <see cref="ModuleModel"/>).</summary>
internal sealed record CloudApiModel(string Service, string Version, string Host);

internal sealed partial record SpecFileSyntax
{
    /// <summary>The file's <c>api</c> declaration; null for IM REST files.</summary>
    public CloudApiSyntax? Api { get; init; }
}

internal sealed partial record ModuleModel
{
    /// <summary>The module's Tencent Cloud API 3.0 declaration; null for an IM REST module.</summary>
    public CloudApiModel? Api { get; init; }
}
