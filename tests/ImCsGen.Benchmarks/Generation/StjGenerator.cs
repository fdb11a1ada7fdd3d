using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Benchmarks.Generation;

/// <summary>
/// Loads System.Text.Json's source generator from the SDK's targeting pack (the copy every net10.0 build
/// runs) and instantiates its IIncrementalGenerator.
/// </summary>
internal static class StjGenerator
{
    public static string Location { get; } = Find();

    public static IIncrementalGenerator Create()
    {
        var assembly = Assembly.LoadFrom(Location);
        var type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    private static string Find()
    {
        // .../shared/Microsoft.NETCore.App/<version>/ -> .../packs/Microsoft.NETCore.App.Ref/<version>/analyzers/dotnet/cs/
        var runtimeDir = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var dotnetRoot = runtimeDir.Parent!.Parent!.Parent!.FullName;
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var exact = Path.Combine(packs, runtimeDir.Name, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        if (File.Exists(exact))
        {
            return exact;
        }

        var any = Directory.Exists(packs)
            ? Directory.GetFiles(packs, "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories).OrderByDescending(p => p, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException("System.Text.Json.SourceGeneration.dll not found under " + packs);
    }
}
