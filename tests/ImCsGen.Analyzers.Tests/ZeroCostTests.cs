using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Analyzers.Infrastructure;
using ImCsGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Xunit;

namespace ImCsGen.Analyzers.Tests;

/// <summary>In a project that does not reference ImCsGen, no rule registers a single action.</summary>
public class ZeroCostTests
{
    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(ImAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ImAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Append(new ImCsGenAnalyzer())
            .ToImmutableArray();

    private static async Task<int> CountActionsAsync(bool referenceImCsGen)
    {
        var references = referenceImCsGen ? TestReferences.Framework.AddRange(TestReferences.Runtime) : TestReferences.Framework;
        var compilation = CSharpCompilation.Create(
            "Probe",
            [CSharpSyntaxTree.ParseText("class C { string M() => new System.Text.StringBuilder().Append(1).ToString(); }")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = AllAnalyzers();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None));

        int total = 0;
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            total += info.OperationActionsCount + info.SyntaxNodeActionsCount + info.SymbolActionsCount + info.AdditionalFileActionsCount
                + info.CompilationEndActionsCount + info.SemanticModelActionsCount;
            Assert.Equal(1, info.CompilationStartActionsCount); // the only thing every rule always registers
        }

        return total;
    }

    [Fact]
    public async Task Without_ImCsGen_no_action_is_registered()
    {
        Assert.Equal(0, await CountActionsAsync(referenceImCsGen: false));
    }

    [Fact]
    public async Task With_ImCsGen_every_rule_registers_its_actions()
    {
        Assert.True(await CountActionsAsync(referenceImCsGen: true) >= AllAnalyzers().Length);
    }

    [Fact]
    public async Task The_dispatcher_registers_one_action_per_operation_kind_for_all_rules()
    {
        var compilation = CSharpCompilation.Create(
            "Probe",
            [CSharpSyntaxTree.ParseText("class C { void M() { var x = new System.Text.StringBuilder(); x.Capacity = 4; x.Append(1); } }")],
            TestReferences.Framework.AddRange(TestReferences.Runtime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var dispatcher = new ImCsGenAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(
            [dispatcher],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None));
        AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(dispatcher, CancellationToken.None);

        // Assignment, object creation, invocation: three callbacks for fifteen rules (arguments are read from their
        // call or creation, so the project's arguments cost no callback), plus one for appsettings files.
        Assert.Equal(3, info.OperationActionsCount);
        Assert.Equal(1, info.AdditionalFileActionsCount);
        Assert.Equal(0, info.SyntaxNodeActionsCount + info.SymbolActionsCount + info.SemanticModelActionsCount);
    }
}
