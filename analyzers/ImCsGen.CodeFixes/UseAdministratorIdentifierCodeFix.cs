using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ImCsGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImCsGen.CodeFixes;

/// <summary>IMCS002: replaces a non-administrator identifier literal with the first configured administrator.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAdministratorIdentifierCodeFix)), Shared]
public sealed class UseAdministratorIdentifierCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NonAdminIdentifier);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Diagnostics in appsettings*.json have no syntax tree; only C# literals are rewritten.
            if (!diagnostic.Location.IsInSource
                || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Administrator, out string? admin)
                || admin is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use the administrator '" + admin + "'",
                    _ =>
                    {
                        LiteralExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(admin))
                            .WithTriviaFrom(literal);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement)));
                    },
                    equivalenceKey: nameof(UseAdministratorIdentifierCodeFix)),
                diagnostic);
        }
    }
}
