using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ImCsGen.Packaging.Tests;

/// <summary>Where the repository is and which configuration these tests were built in (pack/publish use the same, so nothing is rebuilt).</summary>
internal static class Repo
{
    public static string Root { get; } = Metadata("ImCsGen.RepositoryRoot");

    public static string Configuration { get; } = Metadata("ImCsGen.Configuration");

    public static string RuntimeProject => Path.Combine(Root, "runtime", "ImCsGen", "ImCsGen.csproj");

    public static string AotSmokeProject => Path.Combine(Root, "tests", "ImCsGen.AotSmoke", "ImCsGen.AotSmoke.csproj");

    /// <summary>
    /// A new empty folder under the system temp folder. Folders with the same prefix left by runs more than
    /// two hours old are removed first: a test host stopped by the runner does not always finish its own clean-up.
    /// </summary>
    public static string NewTempFolder(string prefix)
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "-*"))
        {
            if (Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-2))
            {
                TryDelete(stale);
            }
        }

        var path = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a temp folder, ignoring files another process still holds.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Metadata(string key)
        => typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
           ?? throw new InvalidOperationException(key + " is missing from the test assembly's metadata.");
}
