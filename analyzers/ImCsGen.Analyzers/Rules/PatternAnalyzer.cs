using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>IMCS008: a string constant that does not match the field's <c>[ImPattern]</c> (whole-value match, as the runtime validates).</summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
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

    // The spec's patterns are a small fixed set: compile each once per process, not once per compilation.
    private static readonly ConcurrentDictionary<string, Regex?> Regexes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.Pattern is not null, (c, write) =>
        {
            if (write.Info.Pattern is not { } pattern || Regexes.GetOrAdd(pattern, Compile) is not { } regex)
            {
                return;
            }

            TrackedValue value = write.Tracked(c.CancellationToken);
            if (write.Type.SpecialType == SpecialType.System_String)
            {
                Check(c, regex, pattern, write, value, write.Value.Syntax);
                return;
            }

            // A list of strings: every item must match.
            foreach (var item in write.ItemValues(c.CancellationToken))
            {
                Check(c, regex, pattern, write, item.Value, item.Syntax);
            }
        });
    }

    // The field's display name is built only for a report.
    private static void Check(OperationAnalysisContext context, Regex regex, string pattern, FieldWrite write, TrackedValue value, SyntaxNode location)
    {
        if (!value.TryGetString(out string text))
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
            context.ReportDiagnostic(Diagnostic.Create(Rule, location.GetLocation(), write.Name, pattern, text));
        }
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
