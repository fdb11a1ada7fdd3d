using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Decides whether a request object reaches a send call with nothing in between that could still set
/// its properties. The missing-sender rule reports only then, so a request handed to user code
/// (which might set From_Account) never produces a false positive.
/// </summary>
internal static class SendCalls
{
    /// <summary>
    /// Whether <paramref name="method"/> sends a request: a member of the ImCsGen runtime, of a generated
    /// client (a type constructed from an <c>IImTransport</c>), or of a generated client interface.
    /// </summary>
    public static bool IsSendMethod(IMethodSymbol method)
    {
        if (ImSymbols.IsInImCsGenNamespace(method))
        {
            return true;
        }

        INamedTypeSymbol type = method.ContainingType;
        if (type.TypeKind == TypeKind.Interface)
        {
            return type.Name.EndsWith("Client", StringComparison.Ordinal);
        }

        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                if (parameter.Type is INamedTypeSymbol { Name: "IImTransport" } transport && ImSymbols.IsInImCsGenNamespace(transport))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="creation"/> is passed straight to a send method, or stored in a local
    /// that is only read for property access and send calls and never gets <paramref name="property"/> assigned.
    /// </summary>
    public static bool IsSentWithout(IObjectCreationOperation creation, IPropertySymbol property)
    {
        IOperation current = creation;
        while (current.Parent is IConversionOperation conversion)
        {
            current = conversion;
        }

        switch (current.Parent)
        {
            case IArgumentOperation argument:
                return argument.Parent is IInvocationOperation invocation && IsSendMethod(invocation.TargetMethod);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsLocalSentWithout(declarator, property);
            default:
                return false;
        }
    }

    private static bool IsLocalSentWithout(IVariableDeclaratorOperation declarator, IPropertySymbol property)
    {
        ILocalSymbol local = declarator.Symbol;
        IOperation root = declarator;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        bool sent = false;
        foreach (IOperation operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            IOperation? parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IPropertyReferenceOperation access when access.Parent is ISimpleAssignmentOperation assignment && assignment.Target == access:
                    if (SymbolEqualityComparer.Default.Equals(access.Property.OriginalDefinition, property.OriginalDefinition))
                    {
                        return false; // assigned after construction
                    }

                    break;
                case IPropertyReferenceOperation:
                    break; // read
                case IArgumentOperation { Parent: IInvocationOperation invocation } when IsSendMethod(invocation.TargetMethod):
                    sent = true;
                    break;
                default:
                    return false; // escapes: whoever receives it may still set the property
            }
        }

        return sent;
    }
}
