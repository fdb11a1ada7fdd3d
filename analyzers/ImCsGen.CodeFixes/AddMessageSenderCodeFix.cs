using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImCsGen.CodeFixes;

/// <summary>
/// IMCS001: adds the sender to the request's object initializer. The value is a string local or parameter
/// in scope whose name says it is the sender (agent, staff, sender, from, virtual...), otherwise a
/// placeholder string the developer replaces with the virtual account.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMessageSenderCodeFix)), Shared]
public sealed class AddMessageSenderCodeFix : CodeFixProvider
{
    /// <summary>The value written when nothing in scope looks like the virtual account.</summary>
    public const string Placeholder = "virtual-account-id";

    private static readonly string[] SenderHints = { "sender", "from", "virtual", "agent", "staff", "service", "kefu", "support" };

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MissingMessageSender);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticPropertyNames.Missing)
                || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.PropertyName, out string? propertyName)
                || propertyName is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is not { } creation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set " + propertyName + " to the virtual account",
                    ct => AddSenderAsync(context.Document, creation, propertyName, ct),
                    equivalenceKey: nameof(AddMessageSenderCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AddSenderAsync(Document document, BaseObjectCreationExpressionSyntax creation, string propertyName, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        ExpressionSyntax value = FindSenderInScope(model, creation) is { } name
            ? SyntaxFactory.IdentifierName(name)
            : SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(Placeholder));
        AssignmentExpressionSyntax assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(propertyName).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
            value);

        BaseObjectCreationExpressionSyntax updated;
        if (creation.Initializer is { Expressions.Count: > 0 } initializer)
        {
            ExpressionSyntax first = initializer.Expressions[0];
            SyntaxTriviaList separatorTrivia = initializer.Expressions.SeparatorCount > 0
                ? initializer.Expressions.GetSeparator(0).TrailingTrivia
                : initializer.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia)
                    ? SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed)
                    : SyntaxFactory.TriviaList(SyntaxFactory.Space);
            var expressions = initializer.Expressions.GetWithSeparators()
                .Insert(0, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separatorTrivia))
                .Insert(0, assignment.WithLeadingTrivia(first.GetLeadingTrivia()));
            updated = creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(expressions)));
        }
        else
        {
            InitializerExpressionSyntax initializerSyntax = SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment))
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
            updated = creation.WithoutTrailingTrivia().WithInitializer(initializerSyntax).WithTrailingTrivia(creation.GetTrailingTrivia());
        }

        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(creation, updated));
    }

    private static string? FindSenderInScope(SemanticModel? model, BaseObjectCreationExpressionSyntax creation)
    {
        if (model is null)
        {
            return null;
        }

        foreach (ISymbol symbol in model.LookupSymbols(creation.SpanStart))
        {
            ITypeSymbol? type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };
            if (type?.SpecialType != SpecialType.System_String)
            {
                continue;
            }

            foreach (string hint in SenderHints)
            {
                if (symbol.Name.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return symbol.Name;
                }
            }
        }

        return null;
    }
}
