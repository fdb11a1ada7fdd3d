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
using Microsoft.CodeAnalysis.Simplification;

namespace ImCsGen.CodeFixes;

/// <summary>
/// IMCS001: adds the sender to the request's object initializer. The value is, in this order: a string local or
/// parameter in scope whose name says it is the sender (agent, staff, sender, from, virtual...); a string field or
/// property of the enclosing type with such a name; a <c>const</c> or <c>static readonly</c> string of the project
/// with such a name (<c>CustomerService.VirtualAccount</c>). With none of them, the fix still adds the member, set
/// to <c>null</c> with a TODO comment: the code compiles, the slot is where it belongs, and IMCS001 keeps reporting
/// it (a null sender) until a real account is written there. No made-up account ID is ever inserted, because a
/// placeholder string would silence the warning without fixing the message's sender.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMessageSenderCodeFix)), Shared]
public sealed class AddMessageSenderCodeFix : CodeFixProvider
{
    /// <summary>The comment written after <c>null</c> when nothing in the project names the sender.</summary>
    public const string TodoComment = "/* TODO(IMCS001): the customer-service virtual account; reported until set */";

    private static readonly string[] SenderHints = { "sender", "from", "virtual", "agent", "staff", "service", "kefu", "support" };

    // Names that say "administrator" or "recipient" are never the virtual account (IMCS003/IMCS004 would follow).
    private static readonly string[] NotSenderHints = { "admin", "identifier", "customer", "recipient", "to", "user" };

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MissingMessageSender);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
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

            ExpressionSyntax? sender = FindSender(model, creation, context.CancellationToken);
            string title = sender is null
                ? "Add " + propertyName + " (TODO: the virtual account; still reported until set)"
                : "Set " + propertyName + " to " + sender.ToString();
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    ct => AddSenderAsync(context.Document, creation, propertyName, ct),
                    equivalenceKey: nameof(AddMessageSenderCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AddSenderAsync(Document document, BaseObjectCreationExpressionSyntax creation, string propertyName, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        ExpressionSyntax value = FindSender(model, creation, cancellationToken) ?? Todo(model, creation, propertyName);
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
                .Insert(0, assignment.WithLeadingTrivia(Indentation(first.GetLeadingTrivia())));
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

    // The whitespace that indents the first member (after its last line break): comments above that member stay with it.
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        int start = 0;
        for (int i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = i + 1;
            }
        }

        var indentation = new List<SyntaxTrivia>();
        for (int i = start; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                indentation.Add(leading[i]);
            }
        }

        return SyntaxFactory.TriviaList(indentation);
    }

    // null (with null! where the property is not nullable, so the build stays warning-free) and the TODO comment.
    private static ExpressionSyntax Todo(SemanticModel? model, BaseObjectCreationExpressionSyntax creation, string propertyName)
    {
        ExpressionSyntax value = SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression);
        if (model?.GetTypeInfo(creation).Type is { } type
            && type.GetMembers(propertyName).OfType<IPropertySymbol>().FirstOrDefault() is { Type: { IsReferenceType: true, NullableAnnotation: NullableAnnotation.NotAnnotated } })
        {
            value = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, value);
        }

        return value.WithTrailingTrivia(SyntaxFactory.Space, SyntaxFactory.Comment(TodoComment));
    }

    /// <summary>The expression naming the virtual account, or null when nothing in the project looks like it.</summary>
    internal static ExpressionSyntax? FindSender(SemanticModel? model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (model is null)
        {
            return null;
        }

        int position = creation.SpanStart;
        ISymbol? container = model.GetEnclosingSymbol(position, cancellationToken);
        bool staticContext = container is { IsStatic: true } || container?.ContainingSymbol is IMethodSymbol { IsStatic: true };
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        if (creation.Initializer is { } initializer)
        {
            foreach (ExpressionSyntax expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Right: var right })
                {
                    recipients.Add(right.ToString()); // a variable already used in the request is not the sender
                }
            }
        }

        // 1. locals and parameters, 2. members of the enclosing types, in the order the compiler finds them.
        ISymbol? member = null;
        foreach (ISymbol symbol in model.LookupSymbols(position))
        {
            if (!IsStringValue(symbol) || !LooksLikeSender(symbol.Name) || recipients.Contains(symbol.Name))
            {
                continue;
            }

            if (symbol is ILocalSymbol or IParameterSymbol)
            {
                return SyntaxFactory.IdentifierName(symbol.Name);
            }

            if (member is null && (symbol.IsStatic || !staticContext))
            {
                member = symbol;
            }
        }

        if (member is not null)
        {
            return SyntaxFactory.IdentifierName(member.Name);
        }

        // 3. a const or static readonly string of the project, qualified with its type.
        foreach (ISymbol symbol in model.Compilation.GetSymbolsWithName(LooksLikeSender, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is IFieldSymbol { IsStatic: true } field && (field.IsConst || field.IsReadOnly)
                && field.Type.SpecialType == SpecialType.System_String
                && model.IsAccessible(position, field))
            {
                string qualified = field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + field.Name;
                return SyntaxFactory.ParseExpression(qualified).WithAdditionalAnnotations(Simplifier.Annotation);
            }
        }

        return null;
    }

    private static bool IsStringValue(ISymbol symbol)
    {
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
            _ => null,
        };
        return type?.SpecialType == SpecialType.System_String;
    }

    private static bool LooksLikeSender(string name)
    {
        foreach (string hint in SenderHints)
        {
            if (name.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                foreach (string not in NotSenderHints)
                {
                    // "to" and "user" only as whole words (ToAccount, userId), not inside "customerService" or "station".
                    bool word = not.Length <= 4;
                    if (word ? StartsWord(name, not) : name.IndexOf(not, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    // "to" in "toAccount"/"ToAccount" (name start, followed by an upper-case letter or the end).
    private static bool StartsWord(string name, string word) =>
        name.StartsWith(word, StringComparison.OrdinalIgnoreCase)
        && (name.Length == word.Length || char.IsUpper(name[word.Length]) || name[word.Length] == '_');
}
