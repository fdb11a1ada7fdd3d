using System;
using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS010: the SDK secret key written in source: a string constant assigned to <c>ImClientOptions.SecretKey</c>
/// or passed as a <c>secretKey</c> argument to an ImCsGen API such as <c>UserSig.Generate</c>. Whoever can read the
/// repository or the compiled assembly can sign UserSigs for any account. No code fix: the key has to move out of the code.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class SecretKeyLiteralAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.SecretKeyLiteral,
        title: "Secret key written in source",
        messageFormat: "The IM secret key is a string constant in source; load it from configuration, user secrets or a secret store and rotate the leaked key",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The secret key signs UserSigs for every account of the App. A constant in source ends up in version control and in the compiled assembly.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SecretKeyLiteral));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        if (im.ClientOptions is not null)
        {
            hub.OnPropertyWrite((c, property, value) =>
            {
                if (im.IsClientOptionsProperty(property, "SecretKey"))
                {
                    ReportIfLiteral(c, im, value);
                }
            });
        }

        // UserSig.Generate and any helper that declares [ImField(Role = ImFieldRole.SecretKey)] on a parameter.
        hub.OnFieldWrite(static info => info.Role == ImFieldInfo.RoleSecretKey, (c, write) =>
        {
            if (write.Info.Role == ImFieldInfo.RoleSecretKey)
            {
                ReportIfLiteral(c, im, write.Value);
            }
        });
    }

    private static void ReportIfLiteral(OperationAnalysisContext context, ImContext im, IOperation value)
    {
        // An empty string is a placeholder, not a leaked key.
        if (!value.IsImplicit && ValueTracker.Resolve(value, im, context.CancellationToken).TryGetString(out string key) && key.Length > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation()));
        }
    }
}
