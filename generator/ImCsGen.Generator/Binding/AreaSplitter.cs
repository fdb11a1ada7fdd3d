using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;

namespace ImCsGen.Generator.Binding;

/// <summary>
/// Cuts each module into the units the emitter writes as separate files (see <see cref="AreaUnit"/>).
/// Units are sorted by hint name, so the incremental driver pairs each with its previous run.
/// </summary>
internal static class AreaSplitter
{
    /// <summary>The area of types whose declaring file is unknown (not expected; keeps output complete).</summary>
    private const string FallbackArea = "types";

    /// <summary>The types one parsed file declares, with the file's area.</summary>
    public static EquatableArray<TypeArea> TypeAreas(ParsedSpecFile parsed)
    {
        if (parsed.File is not { } file || file.Types.Count == 0)
        {
            return EquatableArray<TypeArea>.Empty;
        }

        var area = AreaOf(file.Path);
        return file.Types.Select(t => new TypeArea(file.Namespace, t.Name, area)).ToEquatableArray();
    }

    /// <summary>All files' type areas in one sorted list.</summary>
    public static EquatableArray<TypeArea> Merge(ImmutableArray<EquatableArray<TypeArea>> perFile)
        => perFile.SelectMany(list => list)
            .OrderBy(t => t.Namespace, StringComparer.Ordinal)
            .ThenBy(t => t.TypeName, StringComparer.Ordinal)
            .ThenBy(t => t.Area, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>A spec file's area: its file name without directory and extension.</summary>
    public static string AreaOf(string path)
    {
        var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var name = cut >= 0 ? path.Substring(cut + 1) : path;
        var dot = name.IndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    public static EquatableArray<EmitUnit> Split(EquatableArray<ModuleModel> modules, EquatableArray<TypeArea> typeAreas)
    {
        var units = new List<EmitUnit>();
        foreach (var module in modules)
        {
            if (module.Api is not null)
            {
                // Tencent Cloud API 3.0 modules are emitted whole by Emitter.EmitCloudApiModule (Emitter.Emit).
                continue;
            }

            units.AddRange(Split(module, typeAreas));
        }

        return units.ToEquatableArray();
    }

    private static IEnumerable<EmitUnit> Split(ModuleModel module, EquatableArray<TypeArea> typeAreas)
    {
        var areaOfType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in typeAreas)
        {
            if (t.Namespace == module.Namespace && !areaOfType.ContainsKey(t.TypeName))
            {
                areaOfType.Add(t.TypeName, t.Area);
            }
        }

        string TypeAreaOf(string name) => areaOfType.TryGetValue(name, out var area) ? area : FallbackArea;

        var areas = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in module.Enums)
        {
            areas.Add(TypeAreaOf(e.Name));
        }

        foreach (var u in module.Unions)
        {
            areas.Add(TypeAreaOf(u.Name));
        }

        foreach (var o in module.Objects)
        {
            areas.Add(TypeAreaOf(o.Name));
        }

        foreach (var e in module.Endpoints)
        {
            areas.Add(e.Group);
        }

        var unionsByName = module.Unions.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var subClients = new List<SubClientModel>();
        var units = new List<EmitUnit>();
        foreach (var area in areas)
        {
            var objects = module.Objects.Where(o => TypeAreaOf(o.Name) == area).ToEquatableArray();
            var unions = module.Unions.Where(u => TypeAreaOf(u.Name) == area).ToEquatableArray();
            var baseUnions = objects
                .Where(o => o.UnionBase is not null && TypeAreaOf(o.UnionBase) != area && unionsByName.ContainsKey(o.UnionBase))
                .Select(o => o.UnionBase!)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => unionsByName[n])
                .ToEquatableArray();
            var endpoints = module.Endpoints.Where(e => e.Group == area).ToEquatableArray();
            SubClientModel? subClient = null;
            if (endpoints.Count > 0 && module.ClientName is { } client)
            {
                subClient = new SubClientModel(area, GroupNames.Member(area), GroupNames.ClientClass(client, area));
                subClients.Add(subClient);
            }

            var hint = module.Namespace + "." + area + (area == module.ClientName ? ".Area" : string.Empty) + ".g.cs";
            units.Add(new AreaUnit(
                module.Namespace,
                hint,
                area,
                module.ClientName,
                module.Enums.Where(e => TypeAreaOf(e.Name) == area).ToEquatableArray(),
                unions,
                objects,
                baseUnions,
                subClient,
                endpoints));
        }

        if (module.ClientName is { } name && module.Endpoints.Count > 0)
        {
            units.Add(new ClientUnit(
                module.Namespace,
                module.Namespace + "." + name + ".g.cs",
                name,
                subClients.ToEquatableArray(),
                module.Endpoints.Select(e => new EndpointRef(e.Name)).ToEquatableArray()));
        }

        return units.OrderBy(u => u.HintName, StringComparer.Ordinal);
    }
}
