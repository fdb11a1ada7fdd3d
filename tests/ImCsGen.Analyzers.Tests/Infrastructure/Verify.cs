using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ImCsGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs one analyzer (and optionally its fix) over test code with the ImCsGen runtime and the stand-in types referenced.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Contoso.Im;
        using ImCsGen;
        using ImCsGen.Auth;
        using ImCsGen.Transport;

        """;

    /// <summary>Checks that exactly the diagnostics marked in <paramref name="source"/> (and <paramref name="expected"/>) are reported.</summary>
    public static Task AnalyzerAsync(string source, string? admins = null, (string Path, string Text)[]? additionalFiles = null, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        Configure(test, test.TestState, admins);
        foreach (var file in additionalFiles ?? [])
        {
            test.TestState.AdditionalFiles.Add((file.Path, file.Text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Same as <see cref="AnalyzerAsync"/>, but the compilation does not reference ImCsGen at all.</summary>
    public static Task WithoutLibraryAsync(string source)
    {
        var test = new AnalyzerTest { TestCode = source, ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
        return test.RunAsync();
    }

    /// <summary>Applies <typeparamref name="TFix"/> to the marked diagnostics and compares with <paramref name="fixedSource"/>.</summary>
    public static Task FixAsync<TFix>(string source, string fixedSource, string? admins = null)
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TFix> { TestCode = source, FixedCode = fixedSource };
        Configure(test, test.TestState, admins);

        // A finding marked in the fixed code is expected to remain (the IMCS001 TODO stays reported); by default
        // the framework drops marked findings of a fixable ID from the fixed state.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, SolutionState state, string? admins)
        where TVerifier : IVerifier, new()
    {
        // The framework comes from the installed reference pack, so nothing is downloaded.
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(TestReferences.Framework);
        state.AdditionalReferences.AddRange(TestReferences.Runtime);
        state.AdditionalReferences.Add(StandIns.Reference);
        if (admins is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.ImCsGenAdminIdentifiers = " + admins + "\n"));
        }
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.CSharp12);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }

    private sealed class FixTest<TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.CSharp12);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
