using System;
using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>IMCS013: a second <c>TIMCustomElem</c> in one MsgBody collection literal; Tencent allows at most one per message.</summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class DuplicateCustomElementAnalyzer : ImAnalyzer
{
    internal const string MsgBodyWireName = "MsgBody";
    internal const string CustomElementName = "TIMCustomElem";

    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.DuplicateCustomElement,
        title: "More than one TIMCustomElem in a MsgBody",
        messageFormat: "This MsgBody already has a TIMCustomElem and Tencent allows only one per message; merge the custom data or send two messages",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A message may carry at most one custom element. Put all custom data in one TIMCustomElem (its Data, Desc and Ext fields) or send it as separate messages.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.DuplicateCustomElement));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => string.Equals(info.WireName, MsgBodyWireName, StringComparison.Ordinal), (c, write) =>
        {
            if (!string.Equals(write.Info.WireName, MsgBodyWireName, StringComparison.Ordinal)
                || write.Tracked(c.CancellationToken) is not { Items: { Length: > 1 } elements, ItemsModel: { } model })
            {
                return; // one element (or none) cannot hold a second custom element: no type lookups
            }

            // Items of a local's literal may sit in another statement; report only those in this tree.
            bool seen = false;
            foreach (ExpressionSyntax element in elements)
            {
                if (element.SyntaxTree == model.SyntaxTree && model.GetTypeInfo(element, c.CancellationToken).Type is { Name: CustomElementName })
                {
                    if (seen)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, element.GetLocation()));
                    }

                    seen = true;
                }
            }
        });
    }
}
