using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// A request built in more than one statement counts as one request: <c>var r = new X { ... }; r.P = v;</c>.
/// Follows a request held in a local that is written once, through the property assignments made to it in the
/// same method (object initializer first, then statements in source order). Branches and loops are read in
/// source order too, which is what the doc pages call "the last assignment in the method".
/// </summary>
internal static class RequestBuilds
{
    /// <summary>Every value given to a property of the request <paramref name="creation"/> creates, in source order.</summary>
    public static List<(IPropertySymbol Property, IOperation Value)> Assignments(IObjectCreationOperation creation)
    {
        var result = new List<(IPropertySymbol, IOperation)>();
        if (creation.Initializer is not null)
        {
            foreach (IOperation initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                {
                    result.Add((target.Property, assignment.Value));
                }
            }
        }

        if (HoldingLocal(creation) is { } local)
        {
            foreach (IOperation operation in ValueTracker.Root(creation).Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } target } statement
                    && SymbolEqualityComparer.Default.Equals(instance.Local, local))
                {
                    result.Add((target.Property, statement.Value));
                }
            }
        }

        return result;
    }

    /// <summary>The last value given to <paramref name="property"/> on the request, or null.</summary>
    public static IOperation? LastValue(List<(IPropertySymbol Property, IOperation Value)> assignments, IPropertySymbol property)
    {
        IOperation? last = null;
        foreach (var (candidate, value) in assignments)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, property.OriginalDefinition)
                && (last is null || value.Syntax.SpanStart > last.Syntax.SpanStart))
            {
                last = value;
            }
        }

        return last;
    }

    /// <summary>
    /// Whether the same request gets <paramref name="property"/> assigned again after <paramref name="value"/>
    /// (e.g. <c>new X { To = null! }</c> filled in by a later statement).
    /// </summary>
    public static bool IsOverwrittenLater(IOperation value, IPropertySymbol property)
    {
        IObjectCreationOperation? creation = CreationOf(value);
        if (creation is null)
        {
            return false;
        }

        IOperation? last = LastValue(Assignments(creation), property);
        return last is not null && last.Syntax.SpanStart > value.Syntax.SpanStart;
    }

    /// <summary>The local a request creation is stored in (<c>var r = new X { ... }</c>), when it is never reassigned.</summary>
    public static ILocalSymbol? HoldingLocal(IObjectCreationOperation creation)
    {
        IOperation current = creation;
        while (current.Parent is IConversionOperation conversion)
        {
            current = conversion;
        }

        if (current.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return null;
        }

        foreach (IOperation operation in ValueTracker.Root(creation).Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                && reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
            {
                return null;
            }
        }

        return declarator.Symbol;
    }

    // The creation a property assignment belongs to: the initializer's object, or the local's creation.
    private static IObjectCreationOperation? CreationOf(IOperation value)
    {
        switch (value.Parent)
        {
            case ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } }:
                return creation;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } }:
                foreach (IOperation operation in ValueTracker.Root(value).Descendants())
                {
                    if (operation is IVariableDeclaratorOperation declarator
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, instance.Local)
                        && declarator.GetVariableInitializer() is { } init
                        && ValueTracker.UnwrapConversions(init.Value) is IObjectCreationOperation created)
                    {
                        return HoldingLocal(created) is not null ? created : null;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
