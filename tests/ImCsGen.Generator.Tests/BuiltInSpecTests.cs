using System.Linq;
using ImCsGen.Generator.Tests.Support;
using ImCsGen.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>The shipped spec/ folder: no diagnostics, code that compiles warning-free, pinned by a snapshot.</summary>
public class BuiltInSpecTests
{
    [Fact]
    public void Built_in_spec_has_no_diagnostics_and_compiles_without_warnings()
    {
        var specs = GeneratorHarness.BuiltInSpec();
        var driver = GeneratorHarness.CreateDriver(specs, GeneratorHarness.BuiltInBuild);
        // Compile standalone (not against the runtime's own copy of these types) to see the generated code's own warnings.
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class Empty { } }");
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();

        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.Equals("CS0436", System.StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    [Fact]
    public void A_consumer_build_may_not_generate_into_the_built_in_namespace()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.BuiltInSpec());
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal("IMSPEC022", d.Id));
        Assert.Empty(result.GeneratedTrees);
    }

    /// <summary>The built-in spec's generated files, one per area (hint name), computed once.</summary>
    private static readonly System.Lazy<System.Collections.Generic.IReadOnlyDictionary<string, string>> Areas = new(() =>
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.BuiltInSpec(), global: GeneratorHarness.BuiltInBuild);
        Assert.Empty(result.Diagnostics);
        return result.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => SnapshotName(s.HintName), s => s.SourceText.ToString(), System.StringComparer.Ordinal);
    });

    public static TheoryData<string> AreaNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Areas.Value.Keys.OrderBy(n => n, System.StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>One verified file per area (Snapshots/BuiltIn.{namespace}.{area}.verified.cs), so a reviewer reads one area's code.</summary>
    [Theory]
    [MemberData(nameof(AreaNames))]
    public void Built_in_spec_snapshot_per_area(string area)
        => Snapshot.Match(Areas.Value[area], area);

    [Fact]
    public void Every_built_in_snapshot_file_belongs_to_a_generated_area()
    {
        var directory = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.AppContext.BaseDirectory, "../../../Snapshots"));
        var stale = System.IO.Directory.GetFiles(directory, "BuiltIn.*.verified.cs")
            .Select(p => System.IO.Path.GetFileName(p)[..^".verified.cs".Length])
            .Where(name => !Areas.Value.ContainsKey(name))
            .ToList();
        Assert.True(stale.Count == 0, "snapshots of areas that are no longer generated (delete them): " + string.Join(", ", stale));
    }

    private static string SnapshotName(string hintName) => "BuiltIn." + hintName[..^".g.cs".Length];
}
