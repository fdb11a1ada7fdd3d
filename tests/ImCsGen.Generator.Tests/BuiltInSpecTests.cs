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

    [Fact]
    public void Built_in_spec_snapshot()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.BuiltInSpec(), global: GeneratorHarness.BuiltInBuild);
        Assert.Empty(result.Diagnostics);
        Snapshot.Match(GeneratedSource.Join(result), "BuiltInSpecTests.Built_in_spec");
    }
}
