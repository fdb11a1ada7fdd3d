using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS001: a C2C send (sendmsg, batchsendmsg, importmsg) without a sender. Without From_Account Tencent
/// sends the message as the App administrator, so the customer never sees the virtual account.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingMessageSenderAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.MissingMessageSender,
        title: "C2C send without a sender",
        messageFormat: "{0} is sent without a sender: set {1} to the customer-service virtual account, otherwise the message comes from the administrator",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "In the customer-service scenario every one-to-one message must come from the virtual account. A send without From_Account, or with it null, empty or whitespace, is delivered as the administrator.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.MissingMessageSender));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(CompilationStartAnalysisContext start, ImContext im)
    {
        start.RegisterOperationAction(c => AnalyzeCreation(c, im), OperationKind.ObjectCreation);
        RegisterPropertyAssignments(start, (c, property, value) =>
        {
            if (im.GetField(property) is not { IsSender: true } info || im.GetEndpoint(property.ContainingType) is not { IsC2CSend: true })
            {
                return;
            }

            bool blank = Constants.IsNull(value) || (Constants.TryGetString(value, out string text) && string.IsNullOrWhiteSpace(text));
            if (blank)
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), property.ContainingType.Name, ImSymbols.Describe(property, info)));
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImContext im)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type || im.GetEndpoint(type) is not { IsC2CSend: true })
        {
            return;
        }

        IPropertySymbol? sender = im.FindPropertyWithRole(type, ImFieldInfo.RoleMessageSender);
        if (sender is null || ImSymbols.FindInitializerValue(creation, sender) is not null || !SendCalls.IsSentWithout(creation, sender))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticPropertyNames.PropertyName, sender.Name)
            .Add(DiagnosticPropertyNames.Missing, "true");
        context.ReportDiagnostic(Diagnostic.Create(
            Rule, ImSymbols.CreationLocation(creation), properties, type.Name, ImSymbols.Describe(sender, im.GetField(sender)!)));
    }
}
