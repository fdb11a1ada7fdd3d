using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Packaging.Tests;

/// <summary>
/// Packs runtime/ImCsGen once per test run into a fresh folder (the local feed), shared by every test
/// that needs the package. Packing uses this test project's configuration, so after a solution build
/// the referenced projects are up to date and nothing in the repository is rewritten.
/// </summary>
internal static class PackageFeed
{
    private static readonly Lazy<Task<PackedPackage>> Packed = new(PackAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<PackedPackage> GetAsync() => Packed.Value;

    private static async Task<PackedPackage> PackAsync()
    {
        var feed = Repo.NewTempFolder("imcsgen-feed");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Repo.TryDelete(feed);
        var result = await DotNet.RunAsync(Repo.Root, ["pack", Repo.RuntimeProject, "-c", Repo.Configuration, "-o", feed], TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + result);
        }

        var packages = Directory.GetFiles(feed, "*.nupkg");
        if (packages.Length != 1)
        {
            throw new InvalidOperationException("expected exactly one .nupkg in " + feed + ", found: " + string.Join(", ", packages.Select(Path.GetFileName)) + "\n" + result);
        }

        var name = Path.GetFileNameWithoutExtension(packages[0]);
        const string prefix = "ImCsGen.";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the package is not named ImCsGen: " + name);
        }

        return new PackedPackage(feed, packages[0], name[prefix.Length..], result.Duration);
    }
}

/// <summary>The packed package: its feed folder, .nupkg path and version.</summary>
internal sealed record PackedPackage(string Feed, string Path, string Version, TimeSpan PackDuration);
