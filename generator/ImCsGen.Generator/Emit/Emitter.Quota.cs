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

    /// <summary>
    /// The quota's item count read from the request object (batchsendmsg: the recipients), so the transport need not
    /// scan the written body for it. Same rule as the body count: the array's length, at least 1.
    /// </summary>
    private static void EmitQuotaItems(SourceWriter w, EndpointModel endpoint)
    {
        if (endpoint.Quota is not { } quota)
        {
            return;
        }

        foreach (var field in endpoint.Request)
        {
            if (field.WireName == quota.CountField && field.Type.Kind == TypeRefKind.Array)
            {
                w.WriteLine("/// <inheritdoc />");
                w.WriteLine("int? global::ImCsGen.Serialization.IImRequest.QuotaItems => this." + field.CsName + " is { } __items && __items.Count > 1 ? __items.Count : 1;");
                w.WriteLine();
                return;
            }
        }
    }
}
