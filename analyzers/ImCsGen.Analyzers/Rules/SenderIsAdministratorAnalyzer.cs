using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS003: a C2C send whose From_Account is an App administrator. The customer would see the message
/// come from the administrator account instead of the customer-service virtual account.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SenderIsAdministratorAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SenderIsAdministrator,
        title: "C2C send from an administrator account",
        messageFormat: "{0} is '{1}', an App administrator: a customer-service message must come from the virtual account, not the administrator",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The administrator signs the REST call; From_Account names who the message appears to come from. Setting it to an administrator hides the virtual account from the customer.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SenderIsAdministrator));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(CompilationStartAnalysisContext start, ImContext im)
    {
        ImmutableArray<string> admins = AdminIdentifiers.Read(start.Options);
        RegisterPropertyAssignments(start, (c, property, value) =>
        {
            if (im.GetField(property) is { IsSender: true } info
                && im.GetEndpoint(property.ContainingType) is { IsC2CSend: true }
                && Constants.TryGetString(value, out string sender)
                && AdminIdentifiers.Contains(admins, sender))
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), ImSymbols.Describe(property, info), sender));
            }
        });
    }
}
