using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using ImCsGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ImCsGen.Generator.Tests.Support;

/// <summary>An in-memory spec file, marked (or not) with the ImCsGenSpec metadata.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text, bool isSpec = true)
    {
        Path = path;
        _text = SourceText.From(text, System.Text.Encoding.UTF8);
        IsSpec = isSpec;
    }

    public override string Path { get; }

    public bool IsSpec { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Options as MSBuild would pass them: per-file metadata and global properties.</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, string> _global;

    public TestOptionsProvider(Dictionary<string, string>? global = null) => _global = global ?? new();

    public override AnalyzerConfigOptions GlobalOptions => new Options(_global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => new Options(textFile is InMemoryAdditionalText { IsSpec: true }
            ? new Dictionary<string, string> { [ImSpecGenerator.SpecMetadata] = "true" }
            : new Dictionary<string, string>());

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}

internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The framework this test runs on, plus the ImCsGen runtime the generated code calls.
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                                      || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(ImCsGen.Transport.IImTransport).Assembly.Location));
        return refs.ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Error }));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, Dictionary<string, string>? global = null)
        => CSharpGeneratorDriver.Create(
            new[] { new ImSpecGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            new TestOptionsProvider(global),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the run result and the compilation with generated code.</summary>
    /// <summary>The global options of the runtime's own build, which compiles the built-in spec.</summary>
    public static Dictionary<string, string> BuiltInBuild => new() { [ImSpecGenerator.BuiltInProperty] = "true" };

    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<AdditionalText> specs, string? consumerSource = null, Dictionary<string, string>? global = null)
    {
        var driver = CreateDriver(specs, global);
        var compilation = CreateCompilation(consumerSource ?? "namespace Consumer { internal static class Empty { } }");
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>
    /// Runs the generator on <paramref name="markedJson"/> (one spec file, <c>@@</c> marking where the diagnostic must
    /// point; the marker is removed) and asserts exactly one <paramref name="id"/> at that file and column, and no output.
    /// </summary>
    public static void AssertReportedAtMarker(string id, string because, string markedJson)
    {
        var marker = markedJson.IndexOf("@@", StringComparison.Ordinal);
        Xunit.Assert.True(marker >= 0, because + ": the case has no @@ marker");
        var json = markedJson.Remove(marker, 2);
        var (result, _) = Run(new[] { new InMemoryAdditionalText("/spec/bad.json", json) });

        var diagnostic = Xunit.Assert.Single(result.Diagnostics.Where(d => d.Id == id));
        var span = diagnostic.Location.GetLineSpan();
        Xunit.Assert.True(span.Path == "/spec/bad.json", because + ": reported in " + span.Path);
        Xunit.Assert.True(span.StartLinePosition.Character == marker, because + ": expected column " + (marker + 1) + ", got " + diagnostic);
        Xunit.Assert.True(result.GeneratedTrees.IsEmpty, because + ": a module with errors must generate nothing");
    }

    public static InMemoryAdditionalText SpecFile(string relativePath)
    {
        var full = Path.Combine(AppContext.BaseDirectory, relativePath);
        return new InMemoryAdditionalText("/spec/" + Path.GetFileName(relativePath), File.ReadAllText(full));
    }

    public static IReadOnlyList<InMemoryAdditionalText> BuiltInSpec()
        => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BuiltInSpec"), "*.json")
            .Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new InMemoryAdditionalText("/spec/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToList();
}
