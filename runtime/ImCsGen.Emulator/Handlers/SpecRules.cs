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
    private static readonly Dictionary<string, int> RateLimits = BuildRateLimits();

    /// <summary>The spec's calls-per-second limit of <paramref name="path"/> (null when the spec has no such endpoint).</summary>
    public static int? RateLimitOf(string path) => RateLimits.TryGetValue(path, out var limit) ? limit : null;

    /// <summary>
    /// The de-duplication window of <paramref name="path"/>: the spec's structured rule when it states one, else
    /// <paramref name="proseWindow"/>, the window the spec's description states in prose (the caller cites it).
    /// </summary>
    public static TimeSpan DeduplicationWindowOf(string path, TimeSpan proseWindow)
        => Deduplication.TryGetValue(path, out var rule) && rule.WindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : proseWindow;

    /// <summary>The documented de-duplication rule of <paramref name="path"/>; throws when the spec states none.</summary>
    public static ImDeduplicationRule DeduplicationOf(string path)
        => Deduplication.TryGetValue(path, out var rule) ? rule : throw new InvalidOperationException("The spec states no de-duplication rule for " + path + ".");

    private static Dictionary<string, int> BuildRateLimits()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var endpoint in ImClientEndpoints.All)
        {
            map[endpoint.Path] = endpoint.RateLimitPerSecond;
        }

        return map;
    }

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
