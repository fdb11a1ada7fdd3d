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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
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

    internal override void Register(CompilationStartAnalysisContext start, ImContext im)
    {
        RegisterPropertyAssignments(start, (c, property, value) =>
        {
            if (im.GetField(property) is not { } info || (info.EffectiveMaxBytes is null && info.EffectiveMinBytes is null))
            {
                return;
            }

            // An empty sender on a C2C send is IMCS001's finding; report it once.
            bool emptyIsOtherRule = info.IsSender && im.GetEndpoint(property.ContainingType) is { IsC2CSend: true };
            string name = ImSymbols.Describe(property, info);
            if (property.Type.SpecialType == SpecialType.System_String)
            {
                Check(c, info, name, value, emptyIsOtherRule);
            }
            else if (info.IsUserId && CollectionLiterals.TryGetElements(value, out ImmutableArray<ExpressionSyntax> elements) && value.SemanticModel is { } model)
            {
                foreach (ExpressionSyntax element in elements)
                {
                    if (model.GetOperation(element, c.CancellationToken) is { } operation)
                    {
                        Check(c, info, name, operation, emptyIsOtherRule: false);
                    }
                }
            }
        });
    }

    private static void Check(OperationAnalysisContext context, ImFieldInfo info, string name, IOperation value, bool emptyIsOtherRule)
    {
        if (!Constants.TryGetString(value, out string text) || (emptyIsOtherRule && text.Length == 0))
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
                Rule, value.Syntax.GetLocation(), name, bounds, text, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
