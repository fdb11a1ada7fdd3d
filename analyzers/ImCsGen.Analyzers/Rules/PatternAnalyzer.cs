using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>IMCS008: a string constant that does not match the field's <c>[ImPattern]</c> (whole-value match, as the runtime validates).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PatternAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.PatternMismatch,
        title: "String constant does not match the field's pattern",
        messageFormat: "{0} must match the pattern '{1}' but the constant '{2}' does not",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The spec gives this field a regular expression the whole value must match. The request would be rejected by validation before it is sent.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.PatternMismatch));

    // A pattern that times out or does not parse is not reported: the analyzer must never guess.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(CompilationStartAnalysisContext start, ImContext im)
    {
        var cache = new ConcurrentDictionary<string, Regex?>(StringComparer.Ordinal);
        RegisterPropertyAssignments(start, (c, property, value) =>
        {
            if (im.GetField(property) is not { Pattern: { } pattern } info
                || property.Type.SpecialType != SpecialType.System_String
                || !Constants.TryGetString(value, out string text)
                || cache.GetOrAdd(pattern, Compile) is not { } regex)
            {
                return;
            }

            bool matches;
            try
            {
                matches = regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return;
            }

            if (!matches)
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), ImSymbols.Describe(property, info), pattern, text));
            }
        });
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
