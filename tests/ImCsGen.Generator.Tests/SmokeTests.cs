using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void Small_spec_generates_code_that_compiles_without_any_warning()
    {
        var (result, output) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)) + "\n\n" + GeneratedSource.Join(result));
    }
}
