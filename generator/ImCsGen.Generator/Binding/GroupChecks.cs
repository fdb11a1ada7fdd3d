using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;

namespace ImCsGen.Generator.Binding;

/// <summary>
/// The names the sub-clients take (see <see cref="GroupNames"/>) must be C# identifiers and must not
/// collide with the client's own members or with a type the spec declares. Checked from the parsed
/// files alone, so the module build needs no change; each problem is reported once per namespace and group.
/// </summary>
internal static class GroupChecks
{
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<ParsedSpecFile> parsed)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var files = parsed.Where(p => p.File is not null).Select(p => p.File!)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .GroupBy(f => f.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var module in files)
        {
            var client = module.Select(f => f.Client).FirstOrDefault(c => c is not null);
            if (client is null)
            {
                continue;
            }

            var types = new Dictionary<string, TypeSyntax>(StringComparer.Ordinal);
            foreach (var type in module.SelectMany(f => f.Types))
            {
                if (!types.ContainsKey(type.Name))
                {
                    types.Add(type.Name, type);
                }
            }

            if (types.TryGetValue(client + "Codecs", out var codecsClash))
            {
                diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.ReservedName, codecsClash.Location, codecsClash.Name, "namespace '" + module.Key + "'", "the codec table of client '" + client + "'"));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var endpoint in module.SelectMany(f => f.Endpoints))
            {
                if (!seen.Add(endpoint.Group))
                {
                    continue;
                }

                var member = GroupNames.Member(endpoint.Group);
                if (!Names.IsTypeName(member))
                {
                    diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.InvalidName, endpoint.Location, endpoint.Group,
                        "endpoint group (it names the client property '" + member + "')", "ASCII letters, digits and '_', starting with a letter"));
                    continue;
                }

                if (member == "Transport")
                {
                    diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.ReservedName, endpoint.Location, member, "client '" + client + "'", "the client's Transport property; use another group name"));
                }

                var subClient = GroupNames.ClientClass(client, endpoint.Group);
                if (types.TryGetValue(subClient, out var clash))
                {
                    diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.ReservedName, clash.Location, clash.Name, "namespace '" + module.Key + "'", "the sub-client class of group '" + endpoint.Group + "'"));
                }
            }
        }

        return diagnostics.ToEquatableArray();
    }
}
