using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS011: a constant assigned to a de-duplication random (role MessageRandom, e.g. MsgRandom). Tencent
/// treats messages with the same random in the same second as duplicates and drops them. Left unset, the
/// client fills a fresh value once per logical call and keeps it across retries. Code fix: remove the assignment.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class ConstantMessageRandomAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ConstantMessageRandom,
        title: "Constant message random",
        messageFormat: "{0} is set to the constant {1}: every send gets the same value and Tencent drops them as duplicates; leave it unset so the client fills a fresh random per call",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "MsgRandom de-duplicates messages. The client assigns a random value once per logical call and reuses it on retries when the property is left unset.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ConstantMessageRandom));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.IsRandom, (c, write) =>
        {
            if (write.Info.IsRandom && write.Tracked(c.CancellationToken).TryGetNumber(out double number))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.PropertyName, write.Member.Name);
                c.ReportDiagnostic(Diagnostic.Create(Rule, write.Value.Syntax.GetLocation(), properties, write.Name, Constants.Format(number)));
            }
        });
    }
}
