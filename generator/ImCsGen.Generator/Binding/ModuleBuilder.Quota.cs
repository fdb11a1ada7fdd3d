using System;
using System.Linq;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Binding;

// Checks an endpoint's quota against its request fields: the counted field must be a request field.
internal sealed partial class ModuleBuilder
{
    private QuotaModel? BindQuota(EndpointSyntax endpoint, EquatableArray<FieldModel> request)
    {
        if (endpoint.Quota is not { } quota)
        {
            return null;
        }

        if (!request.Any(f => string.Equals(f.WireName, quota.CountField, StringComparison.Ordinal)))
        {
            Report(SpecDiagnostics.WrongValueKind, quota.Location, "quota of endpoint '" + endpoint.Name + "'", "a countField naming a request field; '" + quota.CountField + "' is not a request field");
            return null;
        }

        return new QuotaModel(quota.Permits, quota.PerSeconds, quota.CountField, quota.Source);
    }
}
