using System;
using System.Collections.Immutable;
using System.Globalization;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS012: a UserSig lifetime constant below 5 minutes (the signature expires while calls are in flight and
/// every call pays a re-sign, error 70001) or above 180 days (a leaked UserSig stays valid for months).
/// Checks <c>ImClientOptions.UserSigLifetime</c>, the <c>lifetime</c> argument of ImCsGen APIs
/// (<c>UserSig.Generate</c>) and <c>TencentIm:UserSigLifetime</c> in appsettings*.json.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class UserSigLifetimeAnalyzer : ImAnalyzer
{
    internal const string ConfigurationKey = "TencentIm:UserSigLifetime";
    internal const double MinimumSeconds = 300;
    internal const double MaximumSeconds = 180 * 86400;

    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.UserSigLifetimeOutOfBounds,
        title: "UserSig lifetime outside 5 minutes to 180 days",
        messageFormat: "The UserSig lifetime is {0}; use a value from 5 minutes to 180 days (24 hours is a good default)",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A very short UserSig expires between signing and use; a very long one stays valid long after it leaks. Tencent's own tools use at most 180 days.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.UserSigLifetimeOutOfBounds));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        if (im.ClientOptions is not null)
        {
            hub.OnPropertyWrite((c, property, value) =>
            {
                if (im.IsClientOptionsProperty(property, "UserSigLifetime"))
                {
                    Check(c, im, value);
                }
            });
        }

        // UserSig.Generate and any helper that declares [ImField(Role = ImFieldRole.UserSigLifetime)] on a parameter.
        hub.OnFieldWrite(static info => info.Role == ImFieldInfo.RoleUserSigLifetime, (c, write) =>
        {
            if (write.Info.Role == ImFieldInfo.RoleUserSigLifetime)
            {
                Check(c, im, write.Value);
            }
        });

        hub.OnAdditionalFile(c =>
        {
            string path = c.AdditionalFile.Path;
            if (!JsonSettings.IsAppSettingsFile(path) || c.AdditionalFile.GetText(c.CancellationToken) is not { } text)
            {
                return;
            }

            // The configuration binder reads a TimeSpan with TimeSpan.Parse, so a bare number is a number of DAYS:
            // "UserSigLifetime": 86400 means 86400 days, not one day. Both forms are checked as the binder reads them.
            if (JsonSettings.TryFind(JsonSettings.Read(text.ToString()), ConfigurationKey, out JsonSetting setting)
                && setting.StringValue is { } raw
                && TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out TimeSpan lifetime)
                && IsOutside(lifetime.TotalSeconds))
            {
                Location location = Location.Create(path, setting.Span, text.Lines.GetLinePositionSpan(setting.Span));
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, TimeSpanConstants.Describe(Math.Round(lifetime.TotalSeconds, 3))));
            }
        });
    }

    private static void Check(OperationAnalysisContext context, ImContext im, IOperation value)
    {
        if (ValueTracker.Resolve(value, im, context.CancellationToken).Seconds is { } seconds && IsOutside(seconds))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), TimeSpanConstants.Describe(seconds)));
        }
    }

    private static bool IsOutside(double seconds) => seconds < MinimumSeconds || seconds > MaximumSeconds;
}
