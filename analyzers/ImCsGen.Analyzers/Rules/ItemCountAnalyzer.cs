using System.Collections.Immutable;
using System.Globalization;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS007: a collection written out in source (collection expression, array or collection initializer)
/// with more items than <c>[ImMaxItems]</c> or fewer than <c>[ImMinItems]</c> (e.g. over 500 recipients
/// for batchsendmsg, an empty MsgBody).
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class ItemCountAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ItemCountOutOfBounds,
        title: "Collection literal breaks the field's item limit",
        messageFormat: "{0} must hold {1} items but this collection has {2}",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The spec limits how many items this field may hold. Split larger batches into several calls.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ItemCountOutOfBounds));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.MaxItems is not null || info.MinItems is not null, (c, write) =>
        {
            ImFieldInfo info = write.Info;
            if ((info.MaxItems is null && info.MinItems is null)
                || write.Tracked(c.CancellationToken).Items is not { } elements)
            {
                return;
            }

            int count = elements.Length;
            if (info.MinItems is { } least && count < least && write.Tracked(c.CancellationToken).Creation is { Initializer: null })
            {
                return; // new List<T>() may still be filled through the property (request.MsgBody.Add(...)) before the send
            }

            if ((info.MinItems is { } min && count < min) || (info.MaxItems is { } max && count > max))
            {
                string bounds = (info.MinItems, info.MaxItems) switch
                {
                    ({ } a, { } b) => a.ToString(CultureInfo.InvariantCulture) + " to " + b.ToString(CultureInfo.InvariantCulture),
                    (null, { } b) => "at most " + b.ToString(CultureInfo.InvariantCulture),
                    ({ } a, null) => "at least " + a.ToString(CultureInfo.InvariantCulture),
                    _ => string.Empty,
                };
                c.ReportDiagnostic(Diagnostic.Create(
                    Rule, write.Value.Syntax.GetLocation(), write.Name, bounds, count.ToString(CultureInfo.InvariantCulture)));
            }
        });
    }
}
