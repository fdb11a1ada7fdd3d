using System;
using System.Collections.Generic;
using ImCsGen.Idempotency;
using ImCsGen.Im;

namespace ImCsGen.Emulator.Handlers;

/// <summary>
/// Rules the emulator reads from the spec through the generated endpoint table (<see cref="ImClientEndpoints"/>),
/// so it never keeps a second copy of a Tencent rule.
/// </summary>
internal static class SpecRules
{
    private static readonly Dictionary<string, ImDeduplicationRule> Deduplication = Build();

    /// <summary>The documented de-duplication rule of <paramref name="path"/>; throws when the spec states none.</summary>
    public static ImDeduplicationRule DeduplicationOf(string path)
        => Deduplication.TryGetValue(path, out var rule) ? rule : throw new InvalidOperationException("The spec states no de-duplication rule for " + path + ".");

    private static Dictionary<string, ImDeduplicationRule> Build()
    {
        var map = new Dictionary<string, ImDeduplicationRule>(StringComparer.Ordinal);
        foreach (var endpoint in ImClientEndpoints.All)
        {
            if (endpoint.Deduplication is { } rule)
            {
                map[endpoint.Path] = rule;
            }
        }

        return map;
    }
}
