using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS002: the identifier the client signs its calls with is not one of the project's App administrators
/// (MSBuild property <c>ImCsGenAdminIdentifiers</c>). Every REST call would fail with
/// error 60010 at run time. Checks <c>ImClientOptions.Identifier</c> assignments (object initializers,
/// <c>AddTencentIm</c> lambdas, statements) and <c>TencentIm:Identifier</c> in appsettings*.json.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class NonAdminIdentifierAnalyzer : ImAnalyzer
{
    internal const string ConfigurationKey = "TencentIm:Identifier";

    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.NonAdminIdentifier,
        title: "Identifier is not an App administrator",
        messageFormat: "The identifier '{0}' is not an App administrator of this project ({1}): REST calls must be signed by an administrator; use one of them or add it to the MSBuild property ImCsGenAdminIdentifiers",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Tencent accepts server REST calls only from an App administrator account. The administrators are listed in the MSBuild property ImCsGenAdminIdentifiers (default: administrator).",
        helpLinkUri: HelpLinks.For(DiagnosticIds.NonAdminIdentifier));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        ImmutableArray<string> admins = AdminIdentifiers.Read(hub.Options);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.Administrator, admins[0]);

        void Check(OperationAnalysisContext c, IOperation value)
        {
            if (ValueTracker.Resolve(value, im, c.CancellationToken).TryGetString(out string identifier) && !AdminIdentifiers.Contains(admins, identifier))
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), properties, identifier, AdminIdentifiers.Describe(admins)));
            }
        }

        if (im.ClientOptions is not null)
        {
            hub.OnPropertyWrite((c, property, value) =>
            {
                if (im.IsClientOptionsProperty(property, "Identifier"))
                {
                    Check(c, value);
                }
            });
        }

        // Helpers that take the administrator (CustomerServiceProvisioner.ProvisionAsync) declare the role.
        hub.OnFieldWrite(static info => info.Role == ImFieldInfo.RoleAdministrator, (c, write) =>
        {
            if (write.Info.Role == ImFieldInfo.RoleAdministrator)
            {
                Check(c, write.Value);
            }
        });

        hub.OnAdditionalFile(c =>
        {
            string path = c.AdditionalFile.Path;
            if (!JsonSettings.IsAppSettingsFile(path) || c.AdditionalFile.GetText(c.CancellationToken) is not { } text)
            {
                return;
            }

            var settings = JsonSettings.Read(text.ToString());
            if (JsonSettings.TryFind(settings, ConfigurationKey, out JsonSetting setting)
                && setting.StringValue is { } identifier
                && !AdminIdentifiers.Contains(admins, identifier))
            {
                Location location = Location.Create(path, setting.Span, text.Lines.GetLinePositionSpan(setting.Span));
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, identifier, AdminIdentifiers.Describe(admins)));
            }
        });
    }

}
