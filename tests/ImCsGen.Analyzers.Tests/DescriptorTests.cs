using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ImCsGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ImCsGen.Analyzers.Tests;

/// <summary>Every rule is documented, linked, tracked and configurable; nothing drifts apart.</summary>
public class DescriptorTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(DiagnosticIds).Assembly;

    public static IEnumerable<object[]> Descriptors() =>
        AllDescriptors().Select(d => new object[] { d.Id });

    // The rules (one class per rule); the dispatcher ImCsGenAnalyzer re-exports their descriptors.
    private static List<DiagnosticDescriptor> AllDescriptors() =>
        AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ImCsGen.Analyzers.Infrastructure.ImAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToList();

    [Fact]
    public void The_compiler_loads_only_the_dispatcher_and_it_runs_every_rule()
    {
        var loaded = AnalyzerAssembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .ToList();
        Assert.Equal(new[] { typeof(ImCsGenAnalyzer) }, loaded);
        Assert.Equal(
            AllDescriptors().Select(d => d.Id).OrderBy(s => s, StringComparer.Ordinal),
            new ImCsGenAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(s => s, StringComparer.Ordinal));
    }

    private static DiagnosticDescriptor Find(string id) => AllDescriptors().Single(d => d.Id == id);

    [Fact]
    public void Every_id_constant_has_exactly_one_analyzer_and_ids_are_unique_and_sequential()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var reported = AllDescriptors().Select(d => d.Id).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(constants, reported);
        Assert.Equal(constants.Count, constants.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, constants.Count).Select(i => "IMCS" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), constants);
        Assert.True(constants.Count >= 10, "the issue asks for at least 10 rules");
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_has_help_link_to_its_doc_page_and_the_page_has_every_section(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        Assert.Equal("https://github.com/imcsgen/imcsgen/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);

        // The link points into this repository: the part after /blob/main/ must be an existing file.
        string relative = new Uri(descriptor.HelpLinkUri).AbsolutePath.Split("/blob/main/", 2)[1];
        string page = RepositoryPaths.Get(relative.Split('/'));
        Assert.True(File.Exists(page), "missing doc page " + relative);

        string text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ": " + descriptor.Title + "\n", text, StringComparison.Ordinal);
        foreach (string section in new[] { "## What it catches", "## Shapes followed", "## Shapes not followed", "## Why", "## Non-compliant", "## Compliant", "## Options", "## Suppress" })
        {
            Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("| Default severity | " + descriptor.DefaultSeverity + " |", text, StringComparison.Ordinal);
        Assert.Contains("| Category | `" + descriptor.Category + "` |", text, StringComparison.Ordinal);
        Assert.Contains("#pragma warning disable " + id, text, StringComparison.Ordinal);

        // The page's shape lists are backed by a test of the same name (Tracking/ShapeTests.cs).
        Assert.Contains("(`" + id + "_shapes`)", text, StringComparison.Ordinal);
        Assert.NotNull(typeof(ImCsGen.Analyzers.Tests.Tracking.ShapeTests).GetMethod(id + "_shapes"));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_is_well_formed(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.StartsWith("ImCsGen.", descriptor.Category, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(".", descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_is_in_release_tracking_and_both_presets(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        string unshipped = File.ReadAllText(RepositoryPaths.Get("analyzers", "ImCsGen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        string shipped = File.ReadAllText(RepositoryPaths.Get("analyzers", "ImCsGen.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex("^" + id + @" \| " + Regex.Escape(descriptor.Category) + @" \| " + descriptor.DefaultSeverity + @" \|", RegexOptions.Multiline), unshipped + shipped);

        string defaults = File.ReadAllText(RepositoryPaths.Get("analyzers", "configuration", "default.editorconfig"));
        string errors = File.ReadAllText(RepositoryPaths.Get("analyzers", "configuration", "all-errors.editorconfig"));
        string expected = descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning";
        Assert.Contains("dotnet_diagnostic." + id + ".severity = " + expected + "\n", defaults, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic." + id + ".severity = error\n", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_fix_targets_a_real_rule_and_the_readme_table_lists_every_rule()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var fixers = typeof(ImCsGen.CodeFixes.AddMessageSenderCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(4, fixers.Count);
        Assert.All(fixers.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(id, ids));

        string table = File.ReadAllText(RepositoryPaths.Get(".notes", "readme-analyzers.md"));
        foreach (DiagnosticDescriptor d in AllDescriptors())
        {
            Assert.Contains("[" + d.Id + "](docs/diagnostics/" + d.Id + ".md) | " + d.Title + " | " + d.DefaultSeverity + " |", table, StringComparison.Ordinal);
        }
    }
}
