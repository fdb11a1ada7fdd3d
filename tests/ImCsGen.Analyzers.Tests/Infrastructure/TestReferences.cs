using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Metadata references for test compilations: the .NET reference pack installed with the SDK (no package
/// download) and the real ImCsGen runtime assembly.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(LoadFramework);

    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>ImCsGen.dll plus the non-framework assemblies it references (logging, options, HTTP factory...).</summary>
    public static ImmutableArray<MetadataReference> Runtime { get; } = LoadRuntime();

    private static ImmutableArray<MetadataReference> LoadRuntime()
    {
        var runtime = typeof(ImCsGen.Metadata.ImFieldAttribute).Assembly;
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.Add(MetadataReference.CreateFromFile(runtime.Location));
        foreach (var name in runtime.GetReferencedAssemblies())
        {
            string candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            if (File.Exists(candidate))
            {
                builder.Add(MetadataReference.CreateFromFile(candidate));
            }
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> .../dotnet
        string dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? versionDir = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0))
            .FirstOrDefault();
        string refDir = Path.Combine(versionDir ?? throw new InvalidOperationException("No reference pack under " + packs), "ref", "net" + major + ".0");
        return Directory.GetFiles(refDir, "*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
