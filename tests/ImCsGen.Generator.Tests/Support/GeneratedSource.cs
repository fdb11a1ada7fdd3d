using System.Linq;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Tests.Support;

internal static class GeneratedSource
{
    /// <summary>All generated files, in hint-name order, joined with a header per file (one snapshot per spec).</summary>
    public static string Join(GeneratorDriverRunResult result)
        => string.Concat(result.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, System.StringComparer.Ordinal)
            .Select(s => "//----- " + s.HintName + "\n" + s.SourceText.ToString()));
}
