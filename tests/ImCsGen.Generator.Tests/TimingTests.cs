using System.Diagnostics;
using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// Reports the generator's cold and per-edit cost on the full built-in spec (GetTimingInfo). The times
/// are printed, not asserted (speed goals live in the benchmarks); what is asserted is that the
/// per-keystroke run does no generator work at all: every tracked step is cached.
/// </summary>
public class TimingTests
{
    private readonly ITestOutputHelper _output;

    public TimingTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Full_spec_cold_and_incremental_runs_are_reported_and_the_edit_run_is_fully_cached()
    {
        var specs = GeneratorHarness.BuiltInSpec();
        var compilation = GeneratorHarness.CreateCompilation("class Program { static void Main() { } }");

        var driver = GeneratorHarness.CreateDriver(specs, GeneratorHarness.BuiltInBuild).RunGenerators(compilation);
        var cold = driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Typed { int x; }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);
        var incremental = driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
        var run = driver.GetRunResult().Results.Single();

        foreach (var step in new[] { StepNames.ParseSpec, StepNames.BuildModules, StepNames.Module, StepNames.Area })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        var sources = run.GeneratedSources.Sum(s => s.SourceText.Length);
        _output.WriteLine("spec files: " + specs.Count + ", generated chars: " + sources);
        _output.WriteLine("cold run (first, includes JIT): " + cold.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms");
        _output.WriteLine("incremental run after a C# edit: " + incremental.TotalMilliseconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " ms");

        // A warm cold run: a fresh driver once the code is jitted.
        var again = driver.RunGenerators(edited.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Typed2 { }", GeneratorHarness.ParseOptions)));
        _output.WriteLine("second incremental run: " + again.GetTimingInfo().GeneratorTimes.Single().ElapsedTime.TotalMilliseconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " ms");
        var warm = GeneratorHarness.CreateDriver(specs, GeneratorHarness.BuiltInBuild).RunGenerators(compilation).GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
        _output.WriteLine("cold run (fresh driver, warm JIT): " + warm.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms");
    }
}
