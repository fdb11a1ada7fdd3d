using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using ImCsGen.Generator.Binding;
using ImCsGen.Generator.Emit;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ImCsGen.Generator;

/// <summary>
/// Turns IM spec files (AdditionalFiles with metadata <c>ImCsGenSpec=true</c>, which the package's
/// <c>ImSpec</c> items set) into typed request/response classes and a client.
/// Pipeline: spec files -> ParseSpec (per file, cached) -> BuildModules (join by namespace, resolve)
/// -> Module (per namespace) -> source. Diagnostics travel on their own output, so a diagnostic that
/// moves never re-emits code. Nothing here holds a Compilation: C# edits never re-run any step.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ImSpecGenerator : IIncrementalGenerator
{
    /// <summary>The AdditionalFiles metadata that marks a spec file.</summary>
    public const string SpecMetadata = "build_metadata.AdditionalFiles.ImCsGenSpec";

    /// <summary>
    /// The MSBuild property that lets a build use the reserved <c>ImCsGen</c> namespace: set only by the
    /// runtime project, which compiles the built-in spec. Consumers cannot redeclare the built-in types.
    /// </summary>
    public const string BuiltInProperty = "build_property.ImCsGenBuildsBuiltInSpec";

    /// <summary>The MSBuild property that turns the generator off.</summary>
    public const string DisableProperty = "build_property.DisableImCsGenSourceGenerator";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var disabled = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(DisableProperty, out var value)
                && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase));

        var specFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => pair.Right.GetOptions(pair.Left).TryGetValue(SpecMetadata, out var value)
                && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(StepNames.SpecFiles);

        var parsed = specFiles
            .Combine(disabled)
            .Select(static (pair, cancellationToken) => pair.Right ? null : Parse(pair.Left, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(StepNames.ParseSpec);

        var buildsBuiltIn = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(BuiltInProperty, out var value)
                && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase));

        // Qualified references (ImCsGen.Im.MsgBodyElement) are looked up in the compilation: the names come from
        // the cached parse, the lookup yields equatable facts only, so a C# edit re-runs the lookup but not the build.
        var externalTypes = parsed
            .Select(static (file, _) => ExternalTypes.Referenced(file))
            .Collect()
            .Select(static (lists, _) => ExternalTypes.Merge(lists))
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ExternalTypes.Lookup(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(StepNames.ExternalTypes);

        var build = parsed
            .Collect()
            .Combine(buildsBuiltIn)
            .Combine(externalTypes)
            .Select(static (pair, cancellationToken) => ModuleBuilder.Build(pair.Left.Left, pair.Left.Right, cancellationToken, pair.Right))
            .WithTrackingName(StepNames.BuildModules);

        var modules = build
            .SelectMany(static (result, _) => result.Modules)
            .WithTrackingName(StepNames.Module);

        context.RegisterSourceOutput(modules, static (spc, module) => EmitModule(spc, module));

        // One file per area (and one per client): an edit in one area's spec file re-emits that file only.
        var typeAreas = parsed
            .Select(static (file, _) => AreaSplitter.TypeAreas(file))
            .Collect()
            .Select(static (lists, _) => AreaSplitter.Merge(lists));
        var areas = build
            .Select(static (result, _) => result.Modules)
            .Combine(typeAreas)
            .SelectMany(static (pair, _) => AreaSplitter.Split(pair.Left, pair.Right))
            .WithTrackingName(StepNames.Area);

        context.RegisterSourceOutput(areas, static (spc, unit) => EmitUnit(spc, unit));

        var groupDiagnostics = parsed
            .Collect()
            .Select(static (files, _) => GroupChecks.Check(files));

        var diagnostics = parsed
            .Select(static (file, _) => file.Diagnostics)
            .Collect()
            .Combine(build.Select(static (result, _) => result.Diagnostics))
            .Combine(groupDiagnostics)
            .Select(static (pair, _) => Merge(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(StepNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var info in list)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });
    }

    private static ParsedSpecFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var empty = new SpecLocation(file.Path, 0, 0, 0, 0, 0, 0);
            return new ParsedSpecFile(file.Path, null, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(Diagnostics.SpecDiagnostics.InvalidJson, empty, "the file could not be read") }));
        }

        return WithInvariantCulture(() => SpecParser.Parse(file.Path, text.ToString(), cancellationToken));
    }

    private static void EmitModule(SourceProductionContext context, ModuleModel module)
    {
        try
        {
            var files = WithInvariantCulture(() => ImmutableArray.CreateRange(Emitter.Emit(module)));
            foreach (var (hintName, source) in files)
            {
                context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.SpecDiagnostics.InternalError, Location.None, e.GetType().Name + ": " + e.Message));
        }
    }

    private static void EmitUnit(SourceProductionContext context, EmitUnit unit)
    {
        try
        {
            var (hintName, source) = WithInvariantCulture(() => Emitter.Emit(unit));
            context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.SpecDiagnostics.InternalError, Location.None, e.GetType().Name + ": " + e.Message));
        }
    }

    private static EquatableArray<DiagnosticInfo> Merge(ImmutableArray<EquatableArray<DiagnosticInfo>> perFile, EquatableArray<DiagnosticInfo> module, EquatableArray<DiagnosticInfo> groups)
    {
        var all = new System.Collections.Generic.List<DiagnosticInfo>();
        foreach (var list in perFile)
        {
            all.AddRange(list);
        }

        all.AddRange(module);
        all.AddRange(groups);
        return all.ToEquatableArray();
    }

    // Numbers and defaults come from JSON: a culture such as fi-FI (U+2212 minus) must not leak into C# literals.
#pragma warning disable RS1035 // The culture is restored at once; no banned API escapes this method.
    private static T WithInvariantCulture<T>(Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
#pragma warning restore RS1035
}
