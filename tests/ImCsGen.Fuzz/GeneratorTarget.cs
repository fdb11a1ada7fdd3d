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

namespace ImCsGen.Fuzz;

/// <summary>
/// Target (a): the source generator on mutated spec files, through a real <see cref="CSharpGeneratorDriver"/>.
/// One input is one spec file of spec/ mutated; the other spec files stay as shipped, so references across files
/// (message types, groups) are bound as in a real build. Rule: the run ends with diagnostics or sources, never an
/// exception out of the generator (Roslyn's CS8785), never IMSPEC020 "internal error".
/// </summary>
/// <remarks>
/// Between inputs the driver is kept and only the mutated file is replaced, so the generator's incremental
/// caching is exercised too (as an IDE would). A replay runs the one input on a fresh driver.
/// </remarks>
public sealed class GeneratorTarget : IFuzzTarget
{
    private const string Folder = "/spec/";
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);
    private readonly Dictionary<string, SpecText> _originals;
    private readonly CSharpCompilation _compilation;
    private GeneratorDriver _driver;
    private SpecText? _current;
    private string? _currentSeed;

    public GeneratorTarget()
    {
        Seeds = SeedFiles.Under("spec").Select(p => new FuzzSeed(p, SeedFiles.Read(p))).ToList();
        _originals = Seeds.ToDictionary(s => s.Name, s => new SpecText(Folder + Path.GetFileName(s.Name), s.Bytes), StringComparer.Ordinal);
        _compilation = CSharpCompilation.Create(
            "FuzzConsumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Empty { } }", ParseOptions) },
            Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _driver = NewDriver(_originals.Values);
    }

    public string Name => "generator";

    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>Runs one mutated file with the others as shipped on a fresh driver (replays, regression tests).</summary>
    public static GeneratorDriverRunResult RunOnce(string fileName, byte[] input)
    {
        var texts = SeedFiles.Under("spec")
            .Where(p => !string.Equals(Path.GetFileName(p), fileName, StringComparison.Ordinal))
            .Select(p => new SpecText(Folder + Path.GetFileName(p), SeedFiles.Read(p)))
            .Append(new SpecText(Folder + fileName, input));
        var compilation = CSharpCompilation.Create("FuzzConsumer", Array.Empty<SyntaxTree>(), Array.Empty<MetadataReference>(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = NewDriver(texts).RunGenerators(compilation).GetRunResult();
        Check(result);
        return result;
    }

    public void Run(FuzzSeed seed, byte[] input)
    {
        // Put the previous input's file back first, so only this input's file differs from spec/.
        if (_current is not null)
        {
            _driver = _driver.ReplaceAdditionalText(_current, _originals[_currentSeed!]);
        }

        var mutated = new SpecText(Folder + Path.GetFileName(seed.Name), input);
        _driver = _driver.ReplaceAdditionalText(_originals[seed.Name], mutated);
        _current = mutated;
        _currentSeed = seed.Name;
        _driver = _driver.RunGenerators(_compilation);
        Check(_driver.GetRunResult());
    }

    private static void Check(GeneratorDriverRunResult result)
    {
        foreach (var generator in result.Results)
        {
            if (generator.Exception is { } exception)
            {
                throw new FuzzFailure("the generator threw " + exception.GetType().Name + ": " + exception.Message, exception);
            }
        }

        var internalError = result.Diagnostics.FirstOrDefault(d => d.Id is "IMSPEC020" or "CS8785");
        if (internalError is not null)
        {
            throw new FuzzFailure(internalError.Id + ": " + internalError.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static GeneratorDriver NewDriver(IEnumerable<SpecText> texts)
        => CSharpGeneratorDriver.Create(
            new[] { new ImSpecGenerator().AsSourceGenerator() },
            texts.Cast<AdditionalText>(),
            ParseOptions,
            new SpecOptions(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    public void Dispose()
    {
    }

    /// <summary>A spec file as MSBuild hands it over: bytes decoded as UTF-8 (invalid bytes become U+FFFD, as in a build).</summary>
    private sealed class SpecText : AdditionalText
    {
        private readonly SourceText _text;

        public SpecText(string path, byte[] bytes)
        {
            Path = path;
            _text = SourceText.From(bytes, bytes.Length, System.Text.Encoding.UTF8, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false, canBeEmbedded: false);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Every file is a spec (ImCsGenSpec metadata) and the build is the runtime's built-in one.</summary>
    private sealed class SpecOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Spec = new(new Dictionary<string, string> { [ImSpecGenerator.SpecMetadata] = "true" });
        private static readonly Options Global = new(new Dictionary<string, string> { [ImSpecGenerator.BuiltInProperty] = "true" });

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
