using System;
using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS004: a C2C send whose From_Account equals To_Account (the same constant, or the same local or
/// parameter). The virtual account would message itself and the customer would receive nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SenderEqualsRecipientAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SenderEqualsRecipient,
        title: "C2C send to its own sender",
        messageFormat: "{0} and {1} are both {2}: the message would be sent to its own sender; set the recipient to the customer",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A customer-service send goes from the virtual account to the customer. When From_Account and To_Account are the same value the customer never receives the message.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SenderEqualsRecipient));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(CompilationStartAnalysisContext start, ImContext im)
    {
        start.RegisterOperationAction(c => Analyze(c, im), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, ImContext im)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Initializer is null || creation.Type is not INamedTypeSymbol type || im.GetEndpoint(type) is not { IsC2CSend: true })
        {
            return;
        }

        IPropertySymbol? senderProperty = im.FindPropertyWithRole(type, ImFieldInfo.RoleMessageSender);
        IPropertySymbol? recipientProperty = im.FindPropertyWithRole(type, ImFieldInfo.RoleMessageRecipient);
        if (senderProperty is null || recipientProperty is null
            || ImSymbols.FindInitializerValue(creation, senderProperty) is not { } sender
            || ImSymbols.FindInitializerValue(creation, recipientProperty) is not { } recipient)
        {
            return;
        }

        string senderName = ImSymbols.Describe(senderProperty, im.GetField(senderProperty)!);
        string recipientName = ImSymbols.Describe(recipientProperty, im.GetField(recipientProperty)!);
        if (CollectionLiterals.TryGetElements(recipient, out ImmutableArray<ExpressionSyntax> elements))
        {
            // batchsendmsg: To_Account is a list; flag the element that repeats the sender.
            SemanticModel? model = recipient.SemanticModel;
            foreach (ExpressionSyntax element in elements)
            {
                if (model?.GetOperation(element, context.CancellationToken) is { } elementOperation
                    && Same(sender, elementOperation, out string shown))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, element.GetLocation(), senderName, recipientName, shown));
                }
            }

            return;
        }

        if (Same(sender, recipient, out string same))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, recipient.Syntax.GetLocation(), senderName, recipientName, same));
        }
    }

    private static bool Same(IOperation a, IOperation b, out string shown)
    {
        shown = string.Empty;
        if (Constants.TryGetString(a, out string left) && Constants.TryGetString(b, out string right))
        {
            shown = "'" + left + "'";
            return string.Equals(left, right, StringComparison.Ordinal);
        }

        ISymbol? symbolA = VariableOf(Constants.Unwrap(a));
        ISymbol? symbolB = VariableOf(Constants.Unwrap(b));
        if (symbolA is not null && SymbolEqualityComparer.Default.Equals(symbolA, symbolB))
        {
            shown = symbolA.Name;
            return true;
        }

        return false;
    }

    // Only locals and parameters: their value cannot change between the two reads inside one initializer.
    private static ISymbol? VariableOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
