using System;
using System.Collections.Generic;
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
/// <c>AddTencentIm</c> is better still; the rule page says so, the fix keeps the edit local.) Written inline, the
/// creation is replaced by the field; held in a local, the local's initializer is (and a <c>using</c> on that
/// local goes, since the shared client must not be disposed). Fix All gives each type ONE field for all its
/// findings, and a field an earlier fix added is reused rather than duplicated.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSharedHttpClientCodeFix)), Shared]
public sealed class UseSharedHttpClientCodeFix : CodeFixProvider
{
    /// <summary>The name of the field the fix introduces (a number is appended when taken).</summary>
    public const string FieldName = "SharedHttpClient";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InlineHttpClient);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ShareAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || model is null || Target(root, model, diagnostic, context.CancellationToken) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use one shared HttpClient (static field)",
                    ct => ShareAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                    equivalenceKey: nameof(UseSharedHttpClientCodeFix)),
                diagnostic);
        }
    }

    /// <summary>What one finding changes: the creation to replace, its type, and a <c>using</c> declaration to drop.</summary>
    private sealed class Change
    {
        public Change(ObjectCreationExpressionSyntax creation, TypeDeclarationSyntax type, LocalDeclarationStatementSyntax? usingDeclaration)
        {
            Creation = creation;
            Type = type;
            UsingDeclaration = usingDeclaration;
        }

        public ObjectCreationExpressionSyntax Creation { get; }

        public TypeDeclarationSyntax Type { get; }

        public LocalDeclarationStatementSyntax? UsingDeclaration { get; }
    }

    private static Change? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        LocalDeclarationStatementSyntax? usingDeclaration = null;
        ObjectCreationExpressionSyntax? creation = node as ObjectCreationExpressionSyntax;
        if (creation is null && node is IdentifierNameSyntax identifier
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: ObjectCreationExpressionSyntax held } declarator
            && declarator.Parent?.Parent is LocalDeclarationStatementSyntax statement
            && OnlyPassedOn(model, statement.Parent, local, cancellationToken))
        {
            // using var http = new HttpClient(): the shared client must not be disposed with the local.
            creation = held;
            usingDeclaration = statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) ? statement : null;
        }

        // Arguments (a handler, a timeout) may depend on locals; only the plain constructor moves safely.
        if (creation is null
            || creation.ArgumentList is { Arguments.Count: > 0 }
            || creation.Initializer is not null
            || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || type is InterfaceDeclarationSyntax)
        {
            return null;
        }

        return new Change(creation, type, usingDeclaration);
    }

    // Every use of the local is an argument: nothing configures or disposes the client that becomes shared.
    private static bool OnlyPassedOn(SemanticModel model, SyntaxNode? scope, ILocalSymbol local, CancellationToken cancellationToken)
    {
        if (scope is null)
        {
            return false;
        }

        foreach (IdentifierNameSyntax name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local)
                && name.Parent is not ArgumentSyntax)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<Document> ShareAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var changes = new List<Change>();
        var seen = new HashSet<SyntaxNode>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (Target(root, model, diagnostic, cancellationToken) is { } change && seen.Add(change.Creation))
            {
                changes.Add(change);
            }
        }

        if (changes.Count == 0)
        {
            return document;
        }

        // One field per type: an existing shared field (an earlier fix's) or a new one with a free name.
        var fieldNames = new Dictionary<TypeDeclarationSyntax, (string Name, bool Exists)>();
        foreach (Change change in changes)
        {
            if (!fieldNames.ContainsKey(change.Type))
            {
                fieldNames[change.Type] = FieldFor(model, change.Type, cancellationToken);
            }
        }

        var tracked = new List<SyntaxNode>();
        foreach (Change change in changes)
        {
            tracked.Add(change.Creation);
            tracked.Add(change.Type);
            if (change.UsingDeclaration is not null)
            {
                tracked.Add(change.UsingDeclaration);
            }
        }

        SyntaxNode updated = root.TrackNodes(tracked);
        foreach (Change change in changes)
        {
            SyntaxNode current = updated.GetCurrentNode(change.Creation)!;
            updated = updated.ReplaceNode(current, SyntaxFactory.IdentifierName(fieldNames[change.Type].Name).WithTriviaFrom(current));
            if (change.UsingDeclaration is not null && updated.GetCurrentNode(change.UsingDeclaration) is { } statement)
            {
                LocalDeclarationStatementSyntax withoutUsing = statement
                    .WithAwaitKeyword(default)
                    .WithUsingKeyword(default)
                    .WithLeadingTrivia(statement.GetLeadingTrivia());
                updated = updated.ReplaceNode(statement, withoutUsing);
            }
        }

        foreach (var pair in fieldNames)
        {
            if (!pair.Value.Exists && updated.GetCurrentNode(pair.Key) is { } type)
            {
                updated = updated.ReplaceNode(type, type.WithMembers(type.Members.Insert(0, Field(pair.Value.Name, type))));
            }
        }

        return document.WithSyntaxRoot(updated);
    }

    private static (string Name, bool Exists) FieldFor(SemanticModel model, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? symbol = model.GetDeclaredSymbol(type, cancellationToken);
        string name = FieldName;
        for (int i = 2; symbol is not null; i++)
        {
            ISymbol? taken = symbol.GetMembers(name).FirstOrDefault();
            if (taken is null)
            {
                break;
            }

            // A static readonly HttpClient of this name (what the fix writes) is reused.
            if (taken is IFieldSymbol { IsStatic: true, IsReadOnly: true } field
                && field.Type.ToDisplayString() == "System.Net.Http.HttpClient")
            {
                return (name, true);
            }

            name = FieldName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (name, false);
    }

    private static FieldDeclarationSyntax Field(string name, TypeDeclarationSyntax type)
    {
        // A blank line between the new field and a following method or property, in the file's own line ending.
        SyntaxTrivia? endOfLine = null;
        foreach (SyntaxTrivia trivia in type.OpenBraceToken.TrailingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia;
            }
        }

        bool blankLine = endOfLine is not null && type.Members.Count > 0 && type.Members[0] is not FieldDeclarationSyntax;
        TypeSyntax httpClientType = SyntaxFactory.ParseTypeName("global::System.Net.Http.HttpClient").WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(httpClientType)
                    .AddVariables(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(
                        SyntaxFactory.ObjectCreationExpression(httpClientType).WithArgumentList(SyntaxFactory.ArgumentList())))))
            .AddModifiers(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithTrailingTrivia(endOfLine is not { } eol
                ? SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed)
                : blankLine ? SyntaxFactory.TriviaList(eol, eol) : SyntaxFactory.TriviaList(eol))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
