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
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
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

    internal override void Register(RuleHub hub, ImContext im)
    {
        // A request built in several statements counts as one: the last value of each field in the method is compared.
        hub.OnRequestCreation((c, creation, endpoint) =>
        {
            if (endpoint.IsC2CSend && creation.Type is INamedTypeSymbol type)
            {
                Analyze(c, im, type, RequestBuilds.Assignments(creation));
            }
        });

        // Helpers that declare both roles on their parameters (CustomerServiceProvisioner.SendAsync(from, to, ...)).
        hub.OnImInvocation((c, invocation) => AnalyzeHelper(c, im, invocation));
    }

    private static void Analyze(OperationAnalysisContext context, ImContext im, INamedTypeSymbol type, System.Collections.Generic.List<(IPropertySymbol Property, IOperation Value)> assignments)
    {
        IPropertySymbol? senderProperty = im.FindPropertyWithRole(type, ImFieldInfo.RoleMessageSender);
        IPropertySymbol? recipientProperty = im.FindPropertyWithRole(type, ImFieldInfo.RoleMessageRecipient);
        if (senderProperty is null || recipientProperty is null
            || RequestBuilds.LastValue(assignments, senderProperty) is not { } sender
            || RequestBuilds.LastValue(assignments, recipientProperty) is not { } recipient)
        {
            return;
        }

        Compare(context, im, sender, recipient, senderProperty, recipientProperty);
    }

    private static void AnalyzeHelper(OperationAnalysisContext context, ImContext im, IInvocationOperation invocation)
    {
        if (im.GetEndpoint(invocation.TargetMethod) is not { IsC2CSend: true })
        {
            return;
        }

        IArgumentOperation? sender = null;
        IArgumentOperation? recipient = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && im.GetField(parameter) is { } info)
            {
                if (info.IsSender)
                {
                    sender = argument;
                }
                else if (info.IsRecipient)
                {
                    recipient = argument;
                }
            }
        }

        if (sender is not null && recipient is not null)
        {
            Compare(context, im, sender.Value, recipient.Value, sender.Parameter!, recipient.Parameter!);
        }
    }

    // The members' names are only built for a report: most sends compare unequal.
    private static string Name(ImContext im, ISymbol member) => ImSymbols.Describe(member, im.GetField(member)!);

    private static void Compare(OperationAnalysisContext context, ImContext im, IOperation sender, IOperation recipient, ISymbol senderMember, ISymbol recipientMember)
    {
        // The sender first: a constant sender can only equal a constant recipient, so the recipient's variable
        // identity (a walk of the method's writes) is needed only when the sender is a variable itself.
        TrackedValue from = ValueTracker.ResolveIdentity(sender, im, context.CancellationToken);
        bool byIdentity = from.Origin is not null || from.OptionsProperty is not null;
        if (!byIdentity && !from.IsConstant)
        {
            return; // unknown sender: nothing to compare
        }

        TrackedValue to = Resolve(recipient);
        if (to.Items is { } elements && to.ItemsModel is not null)
        {
            // batchsendmsg: To_Account is a list; flag the element that repeats the sender.
            foreach (ExpressionSyntax element in elements)
            {
                if (ValueTracker.ItemOperation(to, element, context.CancellationToken) is { } elementOperation
                    && Same(from, Resolve(elementOperation)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, element.GetLocation(), Name(im, senderMember), Name(im, recipientMember), from.Describe()));
                }
            }

            return;
        }

        if (Same(from, to))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, recipient.Syntax.GetLocation(), Name(im, senderMember), Name(im, recipientMember), from.Describe()));
        }

        TrackedValue Resolve(IOperation value) =>
            byIdentity ? ValueTracker.ResolveIdentity(value, im, context.CancellationToken) : ValueTracker.Resolve(value, im, context.CancellationToken);
    }

    // Same constant, or copies of the same variable written once (var to = agent; From = agent, To = to).
    private static bool Same(TrackedValue a, TrackedValue b)
    {
        if (a.TryGetString(out string left) && b.TryGetString(out string right))
        {
            return string.Equals(left, right, StringComparison.Ordinal);
        }

        return a.Origin is not null && SymbolEqualityComparer.Default.Equals(a.Origin, b.Origin)
            || a.OptionsProperty is not null && SymbolEqualityComparer.Default.Equals(a.OptionsProperty, b.OptionsProperty);
    }
}
