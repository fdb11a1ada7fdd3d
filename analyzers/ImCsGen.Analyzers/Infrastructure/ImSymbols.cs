using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>Small symbol and location helpers shared by the rules.</summary>
internal static class ImSymbols
{
    /// <summary>Whether <paramref name="symbol"/> is declared in the ImCsGen runtime's namespaces.</summary>
    public static bool IsInImCsGenNamespace(ISymbol symbol)
    {
        INamespaceSymbol? ns = symbol.ContainingType?.ContainingNamespace ?? symbol.ContainingNamespace;
        INamespaceSymbol? root = null;
        while (ns is { IsGlobalNamespace: false })
        {
            root = ns;
            ns = ns.ContainingNamespace;
        }

        return root is not null && string.Equals(root.Name, "ImCsGen", StringComparison.Ordinal);
    }

    /// <summary>The C# name and the wire name, as messages show a field: <c>FromAccount (From_Account)</c>.</summary>
    public static string Describe(ISymbol property, ImFieldInfo info) =>
        string.Equals(property.Name, info.WireName, StringComparison.Ordinal) ? property.Name : property.Name + " (" + info.WireName + ")";

    /// <summary>The short location of an object creation: its type (<c>new X</c>) rather than the whole initializer.</summary>
    public static Location CreationLocation(IObjectCreationOperation creation)
    {
        switch (creation.Syntax)
        {
            case ObjectCreationExpressionSyntax explicitNew:
                return explicitNew.Type.GetLocation();
            case ImplicitObjectCreationExpressionSyntax implicitNew:
                return Location.Create(
                    implicitNew.SyntaxTree,
                    Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(implicitNew.NewKeyword.SpanStart, implicitNew.ArgumentList.Span.End));
            default:
                return creation.Syntax.GetLocation();
        }
    }

    /// <summary>The assignments in the object initializer of <paramref name="creation"/>, by property.</summary>
    public static IOperation? FindInitializerValue(IObjectCreationOperation creation, IPropertySymbol property)
    {
        if (creation.Initializer is null)
        {
            return null;
        }

        foreach (IOperation initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, property.OriginalDefinition))
            {
                return assignment.Value;
            }
        }

        return null;
    }
}
