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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace ImCsGen.CodeFixes;

/// <summary>
/// IMCS014: moves an argument-less <c>new HttpClient()</c> into a <c>private static readonly</c> field of the
/// enclosing type, so one connection pool serves every call. (In an app with dependency injection
/// <c>AddTencentIm</c> is better still; the rule page says so, the fix keeps the edit local.)
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSharedHttpClientCodeFix)), Shared]
public sealed class UseSharedHttpClientCodeFix : CodeFixProvider
{
    /// <summary>The name of the field the fix introduces (a number is appended when taken).</summary>
    public const string FieldName = "SharedHttpClient";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InlineHttpClient);

    // Each fix adds a field; batch-fixing several in one type would add several. Fix one at a time.
    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Arguments (a handler, a timeout) may depend on locals; only the plain constructor moves safely.
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
                || creation.ArgumentList is { Arguments.Count: > 0 }
                || creation.Initializer is not null
                || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use one shared HttpClient (static field)",
                    ct => ShareAsync(context.Document, root, creation, type, ct),
                    equivalenceKey: nameof(UseSharedHttpClientCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ShareAsync(Document document, SyntaxNode root, BaseObjectCreationExpressionSyntax creation, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        string name = FieldName;
        INamedTypeSymbol? symbol = model?.GetDeclaredSymbol(type, cancellationToken);
        for (int i = 2; symbol is not null && symbol.GetMembers(name).Any(); i++)
        {
            name = FieldName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        TypeSyntax httpClientType = SyntaxFactory.ParseTypeName("global::System.Net.Http.HttpClient").WithAdditionalAnnotations(Simplifier.Annotation);
        FieldDeclarationSyntax field = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(httpClientType)
                    .AddVariables(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(
                        SyntaxFactory.ObjectCreationExpression(httpClientType).WithArgumentList(SyntaxFactory.ArgumentList())))))
            .AddModifiers(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);

        TypeDeclarationSyntax updated = type.ReplaceNode(creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(creation));
        updated = updated.WithMembers(updated.Members.Insert(0, field));
        return document.WithSyntaxRoot(root.ReplaceNode(type, updated));
    }
}
