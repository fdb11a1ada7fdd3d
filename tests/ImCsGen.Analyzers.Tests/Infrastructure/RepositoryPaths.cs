using System;
using System.IO;

namespace ImCsGen.Analyzers.Tests.Infrastructure;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Get(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImCsGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ImCsGen.sln not found above " + AppContext.BaseDirectory);
    }
}
