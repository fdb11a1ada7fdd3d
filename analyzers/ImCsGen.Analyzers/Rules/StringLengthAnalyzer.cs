using System.Collections.Immutable;
using System.Text;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS005: a string constant outside the field's UTF-8 length bounds: <c>[ImMaxBytes]</c>, <c>[ImMinBytes]</c>,
/// and for account IDs (<c>Kind = UserId</c>) non-empty and at most 32 bytes. For a list of account IDs
/// every constant element is checked.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class StringLengthAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.StringLengthOutOfBounds,
        title: "String constant breaks the field's length limit",
        messageFormat: "{0} must be {1} UTF-8 bytes long but the constant '{2}' is {3} bytes",
        category: DiagnosticCategories.Correctness,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The spec limits this field's length in UTF-8 bytes (an account ID is 1 to 32 bytes). The request would be rejected by validation before it is sent.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.StringLengthOutOfBounds));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        hub.OnFieldWrite(static info => info.EffectiveMaxBytes is not null || info.EffectiveMinBytes is not null, (c, write) =>
        {
            ImFieldInfo info = write.Info;
            if (info.EffectiveMaxBytes is null && info.EffectiveMinBytes is null)
            {
                return;
            }

            // An empty sender on a C2C send is IMCS001's finding; report it once.
            bool emptyIsOtherRule = write.IsC2CSender;
            TrackedValue value = write.Tracked(c.CancellationToken);
            if (write.Type.SpecialType == SpecialType.System_String)
            {
                Check(c, info, write, value, write.Value.Syntax, emptyIsOtherRule);
                return;
            }

            // A list of strings: the limits apply to every item (the generator's string[] constraints are per item).
            foreach (var item in write.ItemValues(c.CancellationToken))
            {
                Check(c, info, write, item.Value, item.Syntax, emptyIsOtherRule: false);
            }
        });
    }

    // The field's display name is built only for a report (most values are within bounds or unknown).
    private static void Check(OperationAnalysisContext context, ImFieldInfo info, FieldWrite write, TrackedValue tracked, SyntaxNode value, bool emptyIsOtherRule)
    {
        if (!tracked.TryGetString(out string text) || (emptyIsOtherRule && text.Length == 0))
        {
            return;
        }

        int bytes = Encoding.UTF8.GetByteCount(text);
        int? min = info.EffectiveMinBytes;
        int? max = info.EffectiveMaxBytes;
        if ((min is { } lo && bytes < lo) || (max is { } hi && bytes > hi))
        {
            string bounds = (min, max) switch
            {
                ({ } a, { } b) => a.ToString(System.Globalization.CultureInfo.InvariantCulture) + " to " + b.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (null, { } b) => "at most " + b.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ({ } a, null) => "at least " + a.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => string.Empty,
            };
            context.ReportDiagnostic(Diagnostic.Create(
                Rule, value.GetLocation(), write.Name, bounds, text, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
