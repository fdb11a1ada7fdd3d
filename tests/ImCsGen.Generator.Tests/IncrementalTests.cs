using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// The pipeline must stay cached across edits that do not concern it (a keystroke in C#, an edit of
/// another namespace's spec file) and re-emit only on a real change. Expectations are per named step.
/// </summary>
public class IncrementalTests
{
    private static readonly string OtherSpec = """{ "namespace": "Other.Im", "client": "OtherClient", "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", "summary": "Ping." } ] }""";

    [Fact]
    public void Unrelated_csharp_edit_leaves_every_step_cached()
    {
        var (driver, compilation) = Prime(out _);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReasons(run, StepNames.ParseSpec, IncrementalStepRunReason.Cached);
        AssertReasons(run, StepNames.BuildModules, IncrementalStepRunReason.Cached);
        AssertReasons(run, StepNames.Module, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Edit_of_another_namespaces_spec_file_leaves_this_module_unchanged()
    {
        var (driver, compilation) = Prime(out var specs);
        var other = specs[1];
        var changedOther = new InMemoryAdditionalText(other.Path, OtherSpec.Replace("Ping.", "Ping, changed."));
        driver = driver.ReplaceAdditionalText(other, changedOther);
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var parse = run.TrackedSteps[StepNames.ParseSpec];
        Assert.Contains(parse, s => s.Outputs.All(o => o.Reason == IncrementalStepRunReason.Cached));
        Assert.Contains(parse, s => s.Outputs.All(o => o.Reason == IncrementalStepRunReason.Modified));
        var modules = run.TrackedSteps[StepNames.Module].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, modules.Count);
        Assert.Single(modules, o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.Single(modules, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Whitespace_only_edit_reparses_but_emits_nothing_new()
    {
        var (driver, compilation) = Prime(out var specs);
        var small = specs[0];
        var reformatted = new InMemoryAdditionalText(small.Path, "\n\n" + small.GetText()!.ToString().Replace("  ", "    "));
        driver = driver.ReplaceAdditionalText(small, reformatted);
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Contains(run.TrackedSteps[StepNames.ParseSpec], s => s.Outputs.All(o => o.Reason == IncrementalStepRunReason.Modified));
        AssertReasons(run, StepNames.BuildModules, IncrementalStepRunReason.Unchanged);
        AssertReasons(run, StepNames.Module, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Real_edit_reemits_the_module()
    {
        var (driver, compilation) = Prime(out var specs);
        var small = specs[0];
        var text = small.GetText()!.ToString().Replace("\"Sends to many users.\"", "\"Sends to many users at once.\"");
        driver = driver.ReplaceAdditionalText(small, new InMemoryAdditionalText(small.Path, text));
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var modules = run.TrackedSteps[StepNames.Module].SelectMany(s => s.Outputs).ToList();
        Assert.Single(modules, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Sends to many users at once.", string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_twice_gives_equal_models_and_identical_output()
    {
        var (first, _) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        var (second, _) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        var a = ModuleModels(first.Results.Single());
        var b = ModuleModels(second.Results.Single());
        Assert.Equal(a, b);
        Assert.Equal(a.Select(m => m.GetHashCode()), b.Select(m => m.GetHashCode()));
        Assert.Equal(GeneratedSource.Join(first), GeneratedSource.Join(second));
    }

    [Fact]
    public void Models_hold_no_compilation_symbol_syntax_or_file_objects()
    {
        var (result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        var run = result.Results.Single();
        var roots = run.TrackedSteps[StepNames.ParseSpec].Concat(run.TrackedSteps[StepNames.BuildModules]).Concat(run.TrackedSteps[StepNames.Module])
            .SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(roots);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var root in roots)
        {
            Walk(root, seen);
        }

        Assert.True(seen.Count > 50, "the walk should have visited the model graph, visited " + seen.Count);
    }

    private static void Walk(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        foreach (var forbidden in new[] { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(AdditionalText), typeof(Location), typeof(SemanticModel) })
        {
            Assert.False(forbidden.IsAssignableFrom(type), type + " holds a " + forbidden.Name);
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Walk(item, seen);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), seen);
            }
        }
    }

    private static (GeneratorDriver Driver, Compilation Compilation) Prime(out InMemoryAdditionalText[] specs)
    {
        specs = new[] { GeneratorHarness.SpecFile("Specs/small.json"), new InMemoryAdditionalText("/spec/other.json", OtherSpec) };
        var driver = GeneratorHarness.CreateDriver(specs);
        var compilation = GeneratorHarness.CreateCompilation("class Program { }");
        driver = driver.RunGenerators(compilation);
        return (driver, compilation);
    }

    private static void AssertReasons(GeneratorRunResult run, string step, IncrementalStepRunReason expected)
    {
        var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason == expected, step + ": expected " + expected + ", got " + o.Reason));
    }

    private static List<object> ModuleModels(GeneratorRunResult run)
        => run.TrackedSteps[StepNames.Module].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
}
