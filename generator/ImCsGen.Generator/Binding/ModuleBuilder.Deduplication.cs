using System;
using System.Linq;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Binding;

// Checks an endpoint's de-duplication rule against its request fields: every named field exists, and the
// fields the client sets are optional uint32 sequence/random fields or an integer timestamp (their roles
// say which slot of ImDeduplicationKeys they fill).
internal sealed partial class ModuleBuilder
{
    private DeduplicationModel? BindDeduplication(EndpointSyntax endpoint, EquatableArray<FieldModel> request)
    {
        if (endpoint.Deduplication is not { } rule)
        {
            return null;
        }

        var ok = true;
        foreach (var name in rule.Keys.Concat(rule.ServerFillsMissing).Concat(rule.ClientSets).Concat(rule.ContentField is null ? Array.Empty<string>() : new[] { rule.ContentField }))
        {
            if (!request.Any(f => string.Equals(f.WireName, name, StringComparison.Ordinal)))
            {
                Report(SpecDiagnostics.WrongValueKind, rule.Location, "deduplication of endpoint '" + endpoint.Name + "'", "a rule naming request fields only; '" + name + "' is not a request field");
                ok = false;
            }
        }

        foreach (var name in rule.ClientSets)
        {
            var field = request.FirstOrDefault(f => string.Equals(f.WireName, name, StringComparison.Ordinal));
            if (field is null)
            {
                continue;
            }

            if (field.Required || field.Role is not (FieldRole.MessageSequence or FieldRole.MessageRandom or FieldRole.MessageTimestamp))
            {
                Report(SpecDiagnostics.InvalidRoleOrKind, rule.Location, field.WireName, "deduplication", "clientSets",
                    "a field the client sets per call is optional and has role messageSequence, messageRandom or messageTimestamp");
                ok = false;
            }
            else if (!rule.Keys.Contains(name, StringComparer.Ordinal))
            {
                Report(SpecDiagnostics.InvalidRoleOrKind, rule.Location, field.WireName, "deduplication", "clientSets", "only key fields are set per call; add it to 'keys'");
                ok = false;
            }
        }

        return ok
            ? new DeduplicationModel(rule.Keys, rule.Crc32, rule.ContentField, rule.WindowSeconds, rule.ConversationScope, rule.ServerFillsMissing, rule.ClientSets, rule.Source, rule.PageDate, rule.Description)
            : null;
    }
}
