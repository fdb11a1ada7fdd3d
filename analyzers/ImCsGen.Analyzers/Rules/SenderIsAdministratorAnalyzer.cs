using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS003: a C2C send whose From_Account is an App administrator. The customer would see the message
/// come from the administrator account instead of the customer-service virtual account.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class SenderIsAdministratorAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SenderIsAdministrator,
        title: "C2C send from an administrator account",
        messageFormat: "{0} is {1}: a customer-service message must come from the virtual account, not the administrator",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The administrator signs the REST call; From_Account names who the message appears to come from. Setting it to an administrator hides the virtual account from the customer.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SenderIsAdministrator));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        ImmutableArray<string> admins = AdminIdentifiers.Read(hub.Options);
        hub.OnFieldWrite(static info => info.IsSender, (c, write) =>
        {
            if (!write.IsC2CSender)
            {
                return;
            }

            TrackedValue sender = write.Tracked(c.CancellationToken);
            string? shown = null;
            if (sender.TryGetString(out string text) && AdminIdentifiers.Contains(admins, text))
            {
                shown = "'" + text + "', an App administrator";
            }
            else if (sender.OptionsProperty is { Name: "Identifier" } identifier)
            {
                // The identifier the client signs with is an administrator by definition (IMCS002 checks that).
                shown = identifier.ContainingType.Name + ".Identifier, the administrator the client signs its calls with";
            }

            if (shown is not null)
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, write.Value.Syntax.GetLocation(), write.Name, shown));
            }
        });
    }
}
