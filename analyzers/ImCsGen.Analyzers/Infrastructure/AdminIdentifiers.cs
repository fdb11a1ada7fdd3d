using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The project's App administrator identifiers: MSBuild property <c>ImCsGenAdminIdentifiers</c>
/// (separated by <c>;</c> or <c>,</c>), made visible to analyzers by the package's
/// <c>&lt;CompilerVisibleProperty Include="ImCsGenAdminIdentifiers" /&gt;</c>. Default: <c>administrator</c>.
/// </summary>
internal static class AdminIdentifiers
{
    public const string BuildPropertyKey = "build_property.ImCsGenAdminIdentifiers";
    public const string Default = "administrator";

    public static ImmutableArray<string> Read(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(BuildPropertyKey, out string? raw)
            && !string.IsNullOrWhiteSpace(raw))
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (string part in raw.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    builder.Add(trimmed);
                }
            }

            if (builder.Count > 0)
            {
                return builder.ToImmutable();
            }
        }

        return ImmutableArray.Create(Default);
    }

    /// <summary>Tencent UserIDs are case-sensitive, so membership is ordinal.</summary>
    public static bool Contains(ImmutableArray<string> admins, string identifier)
    {
        foreach (string admin in admins)
        {
            if (string.Equals(admin, identifier, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The list as shown in messages.</summary>
    public static string Describe(ImmutableArray<string> admins) => string.Join(", ", admins);
}
