using System;
using System.IO;
using System.Linq;

namespace ImCsGen.Fuzz;

/// <summary>The seed files copied beside the runner (see the .csproj): spec/*.json and spec/examples/**.</summary>
public static class SeedFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>Files under <paramref name="folder"/>, relative ('/' separated) and sorted ordinally so seeds are stable.</summary>
    public static string[] Under(string folder)
        => Directory.GetFiles(Path.Combine(Root, folder), "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));
}
