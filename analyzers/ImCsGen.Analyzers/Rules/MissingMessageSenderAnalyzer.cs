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
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
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

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnRequestCreation((c, creation, endpoint) =>
        {
            if (endpoint.IsC2CSend)
            {
                AnalyzeCreation(c, im, creation);
            }
        });
        hub.OnFieldWrite(static info => info.IsSender, (c, write) =>
        {
            if (!write.IsC2CSender)
            {
                return;
            }

            TrackedValue value = write.Tracked(c.CancellationToken);
            bool blank = value.IsNull || (value.TryGetString(out string text) && string.IsNullOrWhiteSpace(text));
            if (blank)
            {
                string owner = write.Member is IPropertySymbol property ? property.ContainingType.Name : write.Member.ContainingSymbol.Name;
                c.ReportDiagnostic(Diagnostic.Create(Rule, write.Value.Syntax.GetLocation(), owner, write.Name));
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImContext im, IObjectCreationOperation creation)
    {
        var type = (INamedTypeSymbol)creation.Type!;

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
