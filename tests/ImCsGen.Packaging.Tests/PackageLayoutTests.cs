using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Packaging.Tests;

/// <summary>The .nupkg holds what a consumer's build needs, in the folders NuGet and the compiler look in.</summary>
public sealed class PackageLayoutTests(ITestOutputHelper output)
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";

    [Fact]
    public async Task Package_has_runtime_analyzers_build_files_readme_and_license_and_nothing_else()
    {
        var package = await PackageFeed.GetAsync();
        output.WriteLine(package.Path + ": " + new FileInfo(package.Path).Length + " bytes, packed in " + package.PackDuration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s");
        using var zip = ZipFile.OpenRead(package.Path);
        var entries = zip.Entries.Select(e => e.FullName).Where(n => !IsNuGetPlumbing(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();

        string[] expected =
        [
            "ImCsGen.nuspec",
            "LICENSE",
            "README.md",
            AnalyzerFolder + "ImCsGen.Analyzers.dll",
            AnalyzerFolder + "ImCsGen.CodeFixes.dll",
            AnalyzerFolder + "ImCsGen.Generator.dll",
            AnalyzerFolder + "System.Text.Json.dll",
            "build/ImCsGen.Analyzers.targets",
            "build/ImCsGen.props",
            "build/ImCsGen.targets",
            "buildTransitive/ImCsGen.Analyzers.targets",
            "buildTransitive/ImCsGen.props",
            "buildTransitive/ImCsGen.targets",
            "lib/net10.0/ImCsGen.dll",
            "lib/net10.0/ImCsGen.xml",
            "lib/net8.0/ImCsGen.dll",
            "lib/net8.0/ImCsGen.xml",
            "schema/imspec.schema.json",
        ];
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), entries);
        Assert.True(File.Exists(System.IO.Path.ChangeExtension(package.Path, ".snupkg")), "the symbols package (.snupkg) is missing beside " + package.Path);
    }

    [Fact]
    public async Task Nuspec_names_the_package_license_readme_and_only_the_runtime_dependencies()
    {
        var package = await PackageFeed.GetAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        XDocument nuspec;
        using (var stream = zip.GetEntry("ImCsGen.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("ImCsGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g);
        Assert.Equal(["net10.0", "net8.0"], groups.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var group in groups.Values)
        {
            var ids = group.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
            Assert.Contains("Microsoft.Extensions.Http", ids);
            // The generator, analyzers and fixes travel inside the package, never as package dependencies;
            // neither do their build-time dependencies.
            Assert.DoesNotContain(ids, id => id.StartsWith("ImCsGen", StringComparison.Ordinal));
            Assert.DoesNotContain(ids, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
            Assert.DoesNotContain("System.Text.Json", ids);
        }
    }

    [Fact]
    public async Task Analyzer_assemblies_need_no_Roslyn_newer_than_4_8()
    {
        var package = await PackageFeed.GetAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        foreach (var name in new[] { "ImCsGen.Generator.dll", "ImCsGen.Analyzers.dll", "ImCsGen.CodeFixes.dll" })
        {
            var references = ReadReferences(zip, AnalyzerFolder + name);
            var roslyn = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), name + " references " + r.Name + " " + r.Version + ", newer than Roslyn 4.8 (VS 17.8 / SDK 8.0.1xx)"));
            var netstandard = references.SingleOrDefault(r => r.Name == "netstandard");
            Assert.True(netstandard.Name is not null, name + " is not a netstandard2.0 assembly");
        }

        // The only assembly the generator loads that is not Roslyn's or the framework's is System.Text.Json, which is packed beside it.
        var generatorReferences = ReadReferences(zip, AnalyzerFolder + "ImCsGen.Generator.dll").Select(r => r.Name).ToList();
        Assert.Contains("System.Text.Json", generatorReferences);
        Assert.NotNull(zip.GetEntry(AnalyzerFolder + "System.Text.Json.dll"));
    }

    [Fact]
    public async Task Build_files_declare_compiler_visible_settings_and_never_add_the_packages_own_spec()
    {
        var package = await PackageFeed.GetAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        foreach (var folder in new[] { "build/", "buildTransitive/" })
        {
            var props = Read(zip, folder + "ImCsGen.props");
            var targets = Read(zip, folder + "ImCsGen.targets");
            var analyzers = Read(zip, folder + "ImCsGen.Analyzers.targets");
            Assert.Contains("<CompilerVisibleProperty Include=\"DisableImCsGenSourceGenerator\" />", props, StringComparison.Ordinal);
            Assert.Contains("<CompilerVisibleItemMetadata Include=\"AdditionalFiles\" MetadataName=\"ImCsGenSpec\" />", props, StringComparison.Ordinal);
            Assert.Contains("<AdditionalFiles Include=\"@(ImSpec)\" ImCsGenSpec=\"true\" />", targets, StringComparison.Ordinal);
            Assert.Contains("ImCsGen.Analyzers.targets", targets, StringComparison.Ordinal);
            Assert.Contains("<CompilerVisibleProperty Include=\"ImCsGenAdminIdentifiers\" />", analyzers, StringComparison.Ordinal);
            Assert.Contains(">administrator</ImCsGenAdminIdentifiers>", analyzers, StringComparison.Ordinal);

            // The built-in API is precompiled in lib/: the build files must never hand the package's own
            // spec (or the reserved-namespace switch) to a consumer's generator.
            foreach (var text in new[] { props, targets, analyzers })
            {
                Assert.DoesNotContain("ImCsGenBuildsBuiltInSpec", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("Include=\"[^\"]*\\bspec[/\\\\]", System.Text.RegularExpressions.RegexOptions.IgnoreCase), text);
                Assert.DoesNotContain("MSBuildThisFileDirectory)../", text, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".json", StringComparison.Ordinal) && e.FullName != "schema/imspec.schema.json");
    }

    private static bool IsNuGetPlumbing(string name)
        => name == "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/", StringComparison.Ordinal);

    private static string Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException(name + " is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<(string Name, Version Version)> ReadReferences(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException(name + " is not in the package");
        using var memory = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        using var pe = new PEReader(memory);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version)).ToList();
    }
}
