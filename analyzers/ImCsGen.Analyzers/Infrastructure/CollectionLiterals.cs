using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Finds the elements of a collection written out in source: collection expressions (<c>[a, b]</c>),
/// array initializers and collection initializers. Works on syntax because Roslyn 4.8 has no
/// IOperation for collection expressions.
/// </summary>
internal static class CollectionLiterals
{
    /// <summary>
    /// The element expressions of the literal <paramref name="value"/>, or false when it is not a literal
    /// whose item count is known (not a literal, or it contains a spread <c>..x</c>).
    /// </summary>
    public static bool TryGetElements(IOperation value, out ImmutableArray<ExpressionSyntax> elements)
    {
        elements = ImmutableArray<ExpressionSyntax>.Empty;
        SyntaxNode syntax = Constants.Unwrap(value).Syntax;
        while (syntax is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized.Expression;
        }

        InitializerExpressionSyntax? initializer = null;
        switch (syntax)
        {
            case CollectionExpressionSyntax collection:
                var builder = ImmutableArray.CreateBuilder<ExpressionSyntax>(collection.Elements.Count);
                foreach (CollectionElementSyntax element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax expression)
                    {
                        return false;
                    }

                    builder.Add(expression.Expression);
                }

                elements = builder.MoveToImmutable();
                return true;
            case ArrayCreationExpressionSyntax array:
                initializer = array.Initializer;
                break;
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                initializer = implicitArray.Initializer;
                break;
            case BaseObjectCreationExpressionSyntax creation
                when creation.Initializer is { } init && init.IsKind(SyntaxKind.CollectionInitializerExpression):
                initializer = init;
                break;
        }

        if (initializer is null)
        {
            return false;
        }

        elements = ImmutableArray.CreateRange(initializer.Expressions);
        return true;
    }
}
