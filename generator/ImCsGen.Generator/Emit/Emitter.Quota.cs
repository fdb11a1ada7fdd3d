using System.Globalization;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// The endpoint table's object initializer: the de-duplication rule and the quota, when the spec states them.
internal static partial class Emitter
{
    /// <summary>The object initializer of the endpoint's <c>ImEndpoint</c> (de-duplication rule, quota), or an empty string.</summary>
    private static string EndpointInitializer(EndpointModel endpoint)
    {
        var deduplication = DeduplicationInitializer(endpoint); // " { Deduplication = ... }" or empty
        if (endpoint.Quota is not { } quota)
        {
            return deduplication;
        }

        var assignment = "Quota = new global::ImCsGen.Transport.ImEndpointQuota("
            + quota.Permits.ToString(CultureInfo.InvariantCulture) + ", " + quota.PerSeconds.ToString(CultureInfo.InvariantCulture) + ", "
            + Literal(quota.CountField) + ") { Source = " + Literal(quota.Source) + " }";
        return deduplication.Length == 0
            ? " { " + assignment + " }"
            : deduplication.Substring(0, deduplication.Length - 1).TrimEnd() + ", " + assignment + " }";
    }
}
