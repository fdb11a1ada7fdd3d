using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// One generated file per area: an edit in one area's spec file re-emits that area only; the other
/// areas and the client file stay Unchanged. Qualified type lookups re-run on C# edits but, their facts
/// being equal, leave the module build cached.
/// </summary>
public class IncrementalAreaTests
{
    private const string Alpha = """
        { "namespace": "Multi.Im", "client": "MultiClient",
          "types": { "Item": { "kind": "object", "fields": [ { "name": "Id", "type": "string" } ] } },
          "endpoints": [ { "name": "GetItems", "path": "alpha_svc/get_items", "group": "alpha", "summary": "Gets items.",
                           "response": [ { "name": "Items", "type": "Item[]" } ] } ] }
        """;

    private const string Beta = """
        { "namespace": "Multi.Im", "client": "MultiClient",
          "endpoints": [ { "name": "PutThing", "path": "beta_svc/put_thing", "group": "beta", "summary": "Puts a thing.",
                           "request": [ { "name": "Thing", "type": "Item", "description": "The thing." } ] } ] }
        """;

    [Fact]
    public void Edit_in_one_area_reemits_only_that_area()
    {
        var specs = new[] { new InMemoryAdditionalText("/spec/alpha.json", Alpha), new InMemoryAdditionalText("/spec/beta.json", Beta) };
        var compilation = GeneratorHarness.CreateCompilation("class Program { }");
        var driver = GeneratorHarness.CreateDriver(specs).RunGenerators(compilation);
        Assert.Equal(
            new[] { "Multi.Im.MultiClient.g.cs", "Multi.Im.alpha.g.cs", "Multi.Im.beta.g.cs" },
            driver.GetRunResult().GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).OrderBy(n => n, StringComparer.Ordinal));

        driver = driver.ReplaceAdditionalText(specs[1], new InMemoryAdditionalText(specs[1].Path, Beta.Replace("The thing.", "The thing to put.")));
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = AreaReasons(run);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Multi.Im.beta.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.Unchanged, reasons["Multi.Im.alpha.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.Unchanged, reasons["Multi.Im.MultiClient.g.cs"]);
        Assert.Contains("The thing to put.", run.GeneratedSources.Single(s => s.HintName == "Multi.Im.beta.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_of_one_endpoint_of_the_built_in_spec_leaves_every_other_area_unchanged()
    {
        var specs = GeneratorHarness.BuiltInSpec();
        var compilation = GeneratorHarness.CreateCompilation("class Program { }");
        var driver = GeneratorHarness.CreateDriver(specs, GeneratorHarness.BuiltInBuild).RunGenerators(compilation);

        var relation = specs.Single(s => s.Path.EndsWith("/relation.json", StringComparison.Ordinal));
        var text = relation.GetText()!.ToString();
        var summary = System.Text.RegularExpressions.Regex.Match(text, "\"summary\": \"([^\"]*)\"");
        Assert.True(summary.Success);
        var edited = text.Remove(summary.Groups[1].Index, summary.Groups[1].Length).Insert(summary.Groups[1].Index, "An edited summary.");
        driver = driver.ReplaceAdditionalText(relation, new InMemoryAdditionalText(relation.Path, edited));
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = AreaReasons(run);
        Assert.True(reasons.Count > 5, "expected one unit per area, got " + string.Join(", ", reasons.Keys));
        var modified = reasons.Where(r => r.Value == IncrementalStepRunReason.Modified).Select(r => r.Key).ToList();
        Assert.Equal(new[] { "ImCsGen.Im.relation.g.cs" }, modified);
        Assert.All(reasons.Where(r => r.Key != "ImCsGen.Im.relation.g.cs"), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r.Value));
    }

    [Fact]
    public void Csharp_edit_reruns_the_qualified_type_lookup_but_leaves_the_build_and_every_area_cached()
    {
        const string Consumer = """
            { "namespace": "Contoso.Push", "client": "PushClient",
              "endpoints": [ { "name": "Notify", "path": "openim/notify", "group": "push", "summary": "Notifies.",
                               "request": [ { "name": "OfflinePushInfo", "type": "ImCsGen.Im.OfflinePushInfo" } ] } ] }
            """;
        var specs = new[] { new InMemoryAdditionalText("/spec/push.json", Consumer) };
        var compilation = GeneratorHarness.CreateCompilation("class Program { }");
        var driver = GeneratorHarness.CreateDriver(specs).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Typed { }", GeneratorHarness.ParseOptions));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var lookup = run.TrackedSteps[StepNames.ExternalTypes].SelectMany(s => s.Outputs).ToList();
        Assert.All(lookup, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var facts = Assert.IsType<Helpers.EquatableArray<ExternalTypeFact>>(lookup.Single().Value);
        Assert.Equal(new ExternalTypeFact("ImCsGen.Im.OfflinePushInfo", ExternalTypeKind.Object), Assert.Single(facts));
        foreach (var step in new[] { StepNames.BuildModules, StepNames.Module, StepNames.Area })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    private static Dictionary<string, IncrementalStepRunReason> AreaReasons(GeneratorRunResult run)
        => run.TrackedSteps[StepNames.Area].SelectMany(s => s.Outputs)
            .ToDictionary(o => ((EmitUnit)o.Value).HintName, o => o.Reason, StringComparer.Ordinal);
}
