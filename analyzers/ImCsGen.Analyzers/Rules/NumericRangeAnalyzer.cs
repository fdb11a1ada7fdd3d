using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>IMCS006: a numeric constant outside the field's <c>[ImRange]</c> (e.g. MsgLifeTime over 604800 seconds).</summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class NumericRangeAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.NumberOutOfRange,
        title: "Number constant outside the field's range",
        messageFormat: "{0} must be between {1} and {2} but the constant is {3}",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The spec gives this field inclusive minimum and maximum values. The request would be rejected by validation before it is sent.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.NumberOutOfRange));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.Minimum is not null && info.Maximum is not null, (c, write) =>
        {
            if (write.Info is { Minimum: { } min, Maximum: { } max }
                && write.Tracked(c.CancellationToken).TryGetNumber(out double number)
                && (number < min || number > max))
            {
                c.ReportDiagnostic(Diagnostic.Create(
                    Rule, write.Value.Syntax.GetLocation(), write.Name, Constants.Format(min), Constants.Format(max), Constants.Format(number)));
            }
        });
    }
}
