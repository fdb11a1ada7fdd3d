using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS009: a field the spec marks required (<c>[ImField(Required = true)]</c>) set to null. C# <c>required</c>
/// only forces an assignment; <c>null!</c> or <c>default!</c> still compiles and fails at run time.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class RequiredFieldNullAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.RequiredFieldNull,
        title: "Required field set to null",
        messageFormat: "{0} is required by the spec but is set to null; give it a value",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The C# required modifier only forces an assignment, so null! compiles. The request would be rejected by validation before it is sent.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.RequiredFieldNull));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.Required, (c, write) =>
        {
            if (write.Info.Required
                && !write.IsC2CSender // IMCS001 reports that one
                && write.Tracked(c.CancellationToken).IsNull
                && !(write.Member is IPropertySymbol property && RequestBuilds.IsOverwrittenLater(write.Value, property))) // filled in by a later statement
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, write.Value.Syntax.GetLocation(), write.Name));
            }
        });
    }
}
