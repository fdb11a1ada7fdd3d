using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Packaging.Tests;

/// <summary>
/// A consumer project in its own temp folder that gets ImCsGen only from the local feed (package source
/// mapping: ImCsGen from the feed, everything else from the machine's normal sources) and restores into a
/// per-run NUGET_PACKAGES folder, so a stale ImCsGen from an earlier run can never be used.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly Lazy<Task<IReadOnlyList<string>>> UpstreamSources = new(ListUpstreamSourcesAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> PackagesFolder = new(() =>
    {
        var folder = Repo.NewTempFolder("imcsgen-nuget-packages");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Repo.TryDelete(folder);
        return folder;
    });

    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string ProgramPath => Path.Combine(Directory, "Program.cs");

    public string ProjectPath => Path.Combine(Directory, "Consumer.csproj");

    public string SpecPath => Path.Combine(Directory, "ImSpec", "group_recall.json");

    public static async Task<ConsumerProject> CreateAsync(PackedPackage package)
    {
        var upstream = await UpstreamSources.Value.ConfigureAwait(false);
        var directory = Repo.NewTempFolder("imcsgen-consumer");
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "ImSpec"));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), File.ReadAllText(Path.Combine(template, "Consumer.csproj.txt")).Replace("$PACKAGE_VERSION$", package.Version, StringComparison.Ordinal));
        File.Copy(Path.Combine(template, "Program.cs.txt"), Path.Combine(directory, "Program.cs"));
        File.Copy(Path.Combine(template, "appsettings.json.txt"), Path.Combine(directory, "appsettings.json"));
        File.Copy(Path.Combine(template, "group_recall.json.txt"), Path.Combine(directory, "ImSpec", "group_recall.json"));
        File.Copy(Path.Combine(template, "notice.json.txt"), Path.Combine(directory, "ImSpec", "notice.json"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig(package.Feed, upstream));
        // Stops MSBuild from looking above the temp folder for Directory.Build.* files.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        return new ConsumerProject(directory);
    }

    public void Edit(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(Directory, relativePath);
        var text = File.ReadAllText(path);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(relativePath + " does not contain '" + oldText + "'");
        }

        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary><c>dotnet build</c> of the consumer (Debug), optionally with -warnaserror.</summary>
    public Task<ProcessResult> BuildAsync(bool warningsAsErrors = true)
    {
        var args = new List<string> { "build", ProjectPath };
        if (warningsAsErrors)
        {
            args.Add("-warnaserror");
        }

        return DotNet.RunAsync(Directory, args, TimeSpan.FromMinutes(3), Environment());
    }

    public Task<ProcessResult> RunAsync(string baseAddress, string secretKey)
    {
        var environment = Environment();
        environment["IMCSGEN_TEST_SECRET_KEY"] = secretKey;
        return DotNet.RunProcessAsync("dotnet", Directory, [Path.Combine(Directory, "bin", "Debug", "net10.0", "Consumer.dll"), baseAddress], TimeSpan.FromMinutes(1), environment);
    }

    public void Dispose() => Repo.TryDelete(Directory);

    private static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["NUGET_PACKAGES"] = PackagesFolder.Value,
    };

    private static string NuGetConfig(string feed, IReadOnlyList<string> upstream)
    {
        var text = new StringBuilder();
        text.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        text.AppendLine("<configuration>");
        text.AppendLine("  <packageSources>");
        text.AppendLine("    <clear />");
        text.AppendLine("    <add key=\"imcsgen-local\" value=\"" + SecurityElement.Escape(feed) + "\" />");
        for (var i = 0; i < upstream.Count; i++)
        {
            text.AppendLine("    <add key=\"upstream" + i + "\" value=\"" + SecurityElement.Escape(upstream[i]) + "\" />");
        }

        text.AppendLine("  </packageSources>");
        text.AppendLine("  <packageSourceMapping>");
        text.AppendLine("    <packageSource key=\"imcsgen-local\"><package pattern=\"ImCsGen\" /></packageSource>");
        for (var i = 0; i < upstream.Count; i++)
        {
            text.AppendLine("    <packageSource key=\"upstream" + i + "\"><package pattern=\"*\" /></packageSource>");
        }

        text.AppendLine("  </packageSourceMapping>");
        text.AppendLine("</configuration>");
        return text.ToString();
    }

    /// <summary>The machine's enabled NuGet sources (where the runtime's dependencies come from).</summary>
    private static async Task<IReadOnlyList<string>> ListUpstreamSourcesAsync()
    {
        var empty = Repo.NewTempFolder("imcsgen-sources");
        try
        {
            var result = await DotNet.RunAsync(empty, ["nuget", "list", "source", "--format", "Short"], TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            var sources = result.Output.Split('\n').Select(l => l.Trim())
                .Where(l => l.StartsWith("E ", StringComparison.Ordinal))
                .Select(l => l[2..].Trim())
                .ToList();
            if (result.ExitCode != 0 || sources.Count == 0)
            {
                throw new InvalidOperationException("no enabled NuGet source on this machine:\n" + result);
            }

            return sources;
        }
        finally
        {
            Repo.TryDelete(empty);
        }
    }
}
