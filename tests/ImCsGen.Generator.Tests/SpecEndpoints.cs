using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ImCsGen.Generator.Tests;

/// <summary>The endpoints of the built-in spec (namespace ImCsGen.Im), read from the JSON copied beside the tests.</summary>
internal static class SpecEndpoints
{
    public static int Count() => All().Count;

    /// <summary>(name, path, group) of every endpoint, in file order.</summary>
    public static IReadOnlyList<(string Name, string Path, string Group)> All()
    {
        var list = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BuiltInSpec"), "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            if (file.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (!root.TryGetProperty("namespace", out var ns) || ns.GetString() != "ImCsGen.Im" || !root.TryGetProperty("endpoints", out var endpoints))
            {
                continue;
            }

            foreach (var e in endpoints.EnumerateArray())
            {
                list.Add((e.GetProperty("name").GetString()!, e.GetProperty("path").GetString()!, e.GetProperty("group").GetString()!));
            }
        }

        return list;
    }
}
