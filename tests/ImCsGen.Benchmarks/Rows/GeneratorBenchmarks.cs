using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImCsGen.Benchmarks.Generation;
using ImCsGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 3: a cold run (fresh driver, fresh compilation) and the per-edit run (primed driver, an unrelated C#
/// edit) of our generator on the full spec/, next to System.Text.Json's generator on a context listing
/// DTOs equivalent to everything ours emits. A fresh compilation per run keeps STJ from reusing symbols
/// bound in an earlier run (it binds the DTOs through the semantic model; ours reads only the JSON).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private IReadOnlyList<AdditionalText> _spec = null!;
    private SyntaxTree _program = null!;
    private SyntaxTree[] _stjTrees = null!;
    private IIncrementalGenerator _stj = null!;
    private GeneratorDriver _oursPrimed = null!;
    private CSharpCompilation _oursCompilation = null!;
    private GeneratorDriver _stjPrimed = null!;
    private CSharpCompilation _stjCompilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spec = GeneratorInputs.FullSpec();
        _program = GeneratorInputs.Parse("namespace App { internal static class Program { private static void Main() { } } }", "Program.cs");
        _stj = StjGenerator.Create();
        var source = StjDtos.Get();
        _stjTrees = new[] { _program, GeneratorInputs.Parse(source.Source, "ImDtos.cs") };

        _oursCompilation = GeneratorInputs.Compilation(new[] { _program });
        _oursPrimed = CreateOurs().RunGenerators(_oursCompilation);
        _stjCompilation = GeneratorInputs.Compilation(_stjTrees);
        _stjPrimed = CreateStj().RunGenerators(_stjCompilation);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Cold")]
    public GeneratorDriver Stj_Cold() => CreateStj().RunGenerators(GeneratorInputs.Compilation(_stjTrees));

    [Benchmark, BenchmarkCategory("Cold")]
    public GeneratorDriver Ours_Cold() => CreateOurs().RunGenerators(GeneratorInputs.Compilation(new[] { _program }));

    [Benchmark(Baseline = true), BenchmarkCategory("Incremental")]
    public GeneratorDriver Stj_Incremental() => _stjPrimed.RunGenerators(_stjCompilation.AddSyntaxTrees(GeneratorInputs.Edit()));

    [Benchmark, BenchmarkCategory("Incremental")]
    public GeneratorDriver Ours_Incremental() => _oursPrimed.RunGenerators(_oursCompilation.AddSyntaxTrees(GeneratorInputs.Edit()));

    internal GeneratorDriver CreateOurs()
        => CSharpGeneratorDriver.Create(new[] { new ImSpecGenerator().AsSourceGenerator() }, _spec, GeneratorInputs.ParseOptions, new BuildOptions(builtIn: true),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    internal GeneratorDriver CreateStj()
        => CSharpGeneratorDriver.Create(new[] { _stj.AsSourceGenerator() }, parseOptions: GeneratorInputs.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
}

/// <summary>The STJ input derived once from our generator's output on the full spec.</summary>
internal static class StjDtos
{
    private static (string Source, int Types, int Roots)? _value;

    public static (string Source, int Types, int Roots) Get()
    {
        if (_value is null)
        {
            var driver = CSharpGeneratorDriver.Create(new[] { new ImSpecGenerator().AsSourceGenerator() }, GeneratorInputs.FullSpec(), GeneratorInputs.ParseOptions, new BuildOptions(builtIn: true))
                .RunGenerators(GeneratorInputs.Compilation(new[] { GeneratorInputs.Parse("class P { }", "P.cs") }));
            _value = StjDtoSource.Derive(driver.GetRunResult().GeneratedTrees);
        }

        return _value.Value;
    }
}
