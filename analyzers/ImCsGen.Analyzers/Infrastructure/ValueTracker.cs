using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The one place that answers "what can this expression be?" for every rule. It follows, on the operation tree:
/// constants and <c>const</c> fields; <c>static readonly</c> fields and static get-only properties whose initializer
/// is itself trackable (literals, <c>TimeSpan.From*</c>, <c>string.Empty</c>, interpolations and sums of constants);
/// locals and parameters written once in their method (so <c>var to = agent</c> is an alias of <c>agent</c>);
/// collection literals and empty collections (<c>new List&lt;T&gt;()</c>, <c>Array.Empty&lt;T&gt;()</c>, <c>new T[0]</c>);
/// and properties read from the ImCsGen options (<c>options.Identifier</c>). It gives up (Unknown) on anything
/// else: values from calls, fields that can be reassigned, locals written in loops or more than once.
/// </summary>
internal static class ValueTracker
{
    private const int MaxDepth = 8;

    /// <summary>
    /// What <paramref name="value"/> holds: a constant, a TimeSpan, collection items, an options property, the
    /// creation a local holds. A parameter is never a constant, so it is not followed (no walk of the method).
    /// </summary>
    public static TrackedValue Resolve(IOperation value, ImContext im, CancellationToken cancellationToken = default) =>
        Resolve(value, im, identity: false, 0, cancellationToken);

    /// <summary>
    /// As <see cref="Resolve(IOperation, ImContext, CancellationToken)"/>, and also which variable the value is a copy
    /// of (<see cref="TrackedValue.Origin"/>: <c>var to = agent</c> gives <c>agent</c>). That needs the writes of the
    /// method, so only rules comparing two values (sender equals recipient) ask for it.
    /// </summary>
    public static TrackedValue ResolveIdentity(IOperation value, ImContext im, CancellationToken cancellationToken = default) =>
        Resolve(value, im, identity: true, 0, cancellationToken);

    private static TrackedValue Resolve(IOperation value, ImContext im, bool identity, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return TrackedValue.Unknown;
        }

        IOperation inner = UnwrapConversions(value);
        if (inner.ConstantValue.HasValue)
        {
            return FromConstant(inner);
        }

        if (im.TimeSpan is { } timeSpan && inner.Type is { } innerType && ReferenceEquals(innerType.OriginalDefinition, timeSpan)
            && TryTimeSpan(inner, timeSpan, im, depth, cancellationToken) is { } seconds)
        {
            return new TrackedValue { Seconds = seconds };
        }

        switch (inner)
        {
            case IDefaultValueOperation { Type: { } type } when type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return new TrackedValue { IsConstant = true, Constant = null };
            case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Empty" } field } when field.ContainingType.SpecialType == SpecialType.System_String:
                return new TrackedValue { IsConstant = true, Constant = string.Empty };
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return StaticInitializer(field, inner, im, depth, cancellationToken);
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null } property } when !property.IsIndexer:
                if (im.IsImCsGenOptionsType(property.ContainingType))
                {
                    return new TrackedValue { OptionsProperty = property };
                }

                return StaticInitializer(property, inner, im, depth, cancellationToken);
            case IPropertyReferenceOperation { Property: { IsStatic: false } property } when im.IsImCsGenOptionsType(property.ContainingType):
                return new TrackedValue { OptionsProperty = property };
            case IInterpolatedStringOperation interpolated:
                return Interpolate(interpolated, im, depth, cancellationToken);
            case IBinaryOperation binary:
                return Binary(binary, im, depth, cancellationToken);
            case ILocalReferenceOperation local:
                return FollowLocal(local, im, identity, depth, cancellationToken);
            case IParameterReferenceOperation parameter when identity:
                return im.WritesIn(Root(parameter)).Count(parameter.Parameter, out _) == 0 ? new TrackedValue { Origin = parameter.Parameter } : TrackedValue.Unknown;
            case IParameterReferenceOperation:
                return TrackedValue.Unknown; // its content is the caller's
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Empty", Arity: 1 } method, Arguments.Length: 0 }
                when method.ContainingType.Name is "Array" or "Enumerable" && method.ContainingNamespace?.Name is "System" or "Linq":
                return new TrackedValue { Items = ImmutableArray<ExpressionSyntax>.Empty, ItemsModel = inner.SemanticModel };
            case IArrayCreationOperation { Initializer: null, DimensionSizes.Length: 1 } array
                when array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }:
                return new TrackedValue { Items = ImmutableArray<ExpressionSyntax>.Empty, ItemsModel = inner.SemanticModel };
            case IObjectCreationOperation { Initializer: null } creation when IsEmptyCollection(creation):
                return new TrackedValue { Items = ImmutableArray<ExpressionSyntax>.Empty, ItemsModel = inner.SemanticModel, Creation = creation };
            case IObjectCreationOperation { Initializer.Initializers.IsEmpty: true } creation when IsEmptyCollection(creation):
                // new List<T> { }: empty braces say "empty" on purpose (unlike new List<T>(), filled through the property).
                return new TrackedValue { Items = ImmutableArray<ExpressionSyntax>.Empty, ItemsModel = inner.SemanticModel, Creation = creation };
        }

        if (CollectionLiterals.TryGetElements(inner, out ImmutableArray<ExpressionSyntax> items))
        {
            return new TrackedValue { Items = items, ItemsModel = inner.SemanticModel, ItemsOperation = inner, Creation = inner as IObjectCreationOperation };
        }

        return inner is IObjectCreationOperation created ? new TrackedValue { Creation = created } : TrackedValue.Unknown;
    }

    /// <summary>
    /// The values of the known items of <paramref name="value"/> (a list of strings: every item is checked), each
    /// with the syntax to report on. A string literal item is read from its token; anything else is resolved
    /// through its operation, read with the model of the tree the items come from.
    /// </summary>
    public static List<(TrackedValue Value, SyntaxNode Syntax)> ItemValues(TrackedValue value, ImContext im, CancellationToken cancellationToken)
    {
        var result = new List<(TrackedValue, SyntaxNode)>();
        if (value.Items is not { } items || value.ItemsModel is not { } model)
        {
            return result;
        }

        foreach (ExpressionSyntax item in items)
        {
            if (item is LiteralExpressionSyntax literal && literal.Token.Value is string text)
            {
                result.Add((new TrackedValue { IsConstant = true, Constant = text }, item));
            }
            else if (ItemOperation(value, item, cancellationToken) is { } operation)
            {
                result.Add((Resolve(operation, im, cancellationToken), item));
            }
        }

        return result;
    }

    /// <summary>
    /// The operation of one of <paramref name="value"/>'s items, as <see cref="SemanticModel.GetOperation"/> gives it (the
    /// one operation of that syntax that is not implicit), or null when the item is in another tree. Read from the
    /// literal's own operations, going down only into the narrowest child whose syntax holds the item (through implicit
    /// conversions and Add calls), which spares the semantic model's per-method node map; the model is asked only
    /// when the literal has no operation for the item.
    /// </summary>
    public static IOperation? ItemOperation(TrackedValue value, ExpressionSyntax item, CancellationToken cancellationToken)
    {
        if (value.ItemsModel is not { } model || model.SyntaxTree != item.SyntaxTree)
        {
            return null;
        }

        IOperation? current = value.ItemsOperation;
        while (current is not null)
        {
            IOperation? next = null;
            foreach (IOperation child in current.ChildOperations)
            {
                SyntaxNode syntax = child.Syntax;
                if (syntax == item && !child.IsImplicit)
                {
                    return child; // at most one operation per syntax node is not implicit (Roslyn's invariant)
                }

                // The narrowest child around the item (an array's implicit size shares the whole creation's syntax).
                if (syntax.SyntaxTree == item.SyntaxTree && syntax.Span.Contains(item.Span)
                    && (next is null || syntax.Span.Length <= next.Syntax.Span.Length))
                {
                    next = child;
                }
            }

            current = next;
        }

        return model.GetOperation(item, cancellationToken);
    }

    /// <summary>Strips conversions that keep the value (implicit ones, numeric casts, <c>(object)</c>), not user-defined ones.</summary>
    public static IOperation UnwrapConversions(IOperation operation)
    {
        while (operation is IConversionOperation { OperatorMethod: null } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static TrackedValue FromConstant(IOperation inner)
    {
        object? value = inner.ConstantValue.Value;
        if (inner.Type?.TypeKind == TypeKind.Enum)
        {
            return TrackedValue.Unknown;
        }

        return value switch
        {
            null => new TrackedValue { IsConstant = true, Constant = null },
            string s => new TrackedValue { IsConstant = true, Constant = s },
            bool b => new TrackedValue { IsConstant = true, Constant = b },
            char => TrackedValue.Unknown,
            IConvertible number => new TrackedValue { IsConstant = true, Constant = number.ToDouble(CultureInfo.InvariantCulture) },
            _ => TrackedValue.Unknown,
        };
    }

    // Kept out of Resolve, and the cache asked first: the closure is built only for a member not resolved yet.
    private static TrackedValue StaticInitializer(ISymbol member, IOperation use, ImContext im, int depth, CancellationToken cancellationToken) =>
        im.TryGetStaticInitializerValue(member, out var known) ? known : im.GetStaticInitializerValue(member, m => ResolveInitializer(m, use, im, depth, cancellationToken));

    // The initializer of a static readonly field or static get-only property declared in source; only constant
    // results count (an object created once for the whole type is not a per-call value).
    private static TrackedValue ResolveInitializer(ISymbol member, IOperation use, ImContext im, int depth, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
        {
            return TrackedValue.Unknown;
        }

        SyntaxNode declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        ExpressionSyntax? initializer = declaration switch
        {
            VariableDeclaratorSyntax variable => variable.Initializer?.Value,
            PropertyDeclarationSyntax property when property.AccessorList is not null => property.Initializer?.Value,
            _ => null,
        };
        if (initializer is null || use.SemanticModel is not { } useModel)
        {
            return TrackedValue.Unknown;
        }

        SemanticModel? model = initializer.SyntaxTree == useModel.SyntaxTree ? useModel : im.ModelFor(initializer.SyntaxTree);
        if (model?.GetOperation(initializer, cancellationToken) is not { } operation)
        {
            return TrackedValue.Unknown;
        }

        TrackedValue resolved = Resolve(operation, im, identity: false, depth + 1, cancellationToken);
        return resolved.IsConstant || resolved.Seconds is not null || resolved.OptionsProperty is not null ? resolved : TrackedValue.Unknown;
    }

    private static TrackedValue FollowLocal(ILocalReferenceOperation reference, ImContext im, bool identity, int depth, CancellationToken cancellationToken)
    {
        ILocalSymbol local = reference.Local;
        IOperation root = Root(reference);
        if (local.IsRef || im.WritesIn(root).Count(local, out IOperation? initializer) != 1 || initializer is null)
        {
            return TrackedValue.Unknown;
        }

        // A written-once local declared in a loop holds a new value per iteration; that is still one value per use.
        TrackedValue resolved = Resolve(initializer, im, identity, depth + 1, cancellationToken);
        if (resolved.Items is not null && !OnlyHandedOn(root, local))
        {
            resolved = new TrackedValue { Creation = resolved.Creation }; // items may be added later: count unknown
        }

        if (resolved.IsConstant || resolved.Seconds is not null || resolved.Items is not null || resolved.Origin is not null || resolved.OptionsProperty is not null)
        {
            return resolved;
        }

        return new TrackedValue { Origin = local, Creation = resolved.Creation };
    }

    // A collection local whose items are counted must not be changed after creation: every use is either the
    // value of a property assignment or an argument of an ImCsGen method.
    private static bool OnlyHandedOn(IOperation root, ILocalSymbol local)
    {
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
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation }:
                    break;
                case IArgumentOperation { Parameter: { } parameter } when ImSymbols.IsInImCsGenNamespace(parameter.ContainingSymbol):
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The outermost operation of the method, lambda or initializer holding <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private static TrackedValue Interpolate(IInterpolatedStringOperation interpolated, ImContext im, int depth, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string s } }:
                    text.Append(s);
                    break;
                case IInterpolationOperation { Alignment: null, FormatString: null } hole:
                    TrackedValue value = Resolve(hole.Expression, im, identity: false, depth + 1, cancellationToken);
                    if (value.TryGetString(out string str))
                    {
                        text.Append(str);
                    }
                    else if (value.TryGetNumber(out double number) && number == Math.Floor(number))
                    {
                        text.Append(Constants.Format(number)); // integers format the same in every culture
                    }
                    else
                    {
                        return TrackedValue.Unknown;
                    }

                    break;
                default:
                    return TrackedValue.Unknown;
            }
        }

        return new TrackedValue { IsConstant = true, Constant = text.ToString() };
    }

    private static TrackedValue Binary(IBinaryOperation binary, ImContext im, int depth, CancellationToken cancellationToken)
    {
        if (binary.OperatorMethod is not null)
        {
            return TrackedValue.Unknown;
        }

        TrackedValue left = Resolve(binary.LeftOperand, im, identity: false, depth + 1, cancellationToken);
        if (!left.IsConstant)
        {
            return TrackedValue.Unknown;
        }

        TrackedValue right = Resolve(binary.RightOperand, im, identity: false, depth + 1, cancellationToken);
        if (binary.Type?.SpecialType == SpecialType.System_String && binary.OperatorKind == BinaryOperatorKind.Add
            && left.TryGetString(out string a) && right.TryGetString(out string b))
        {
            return new TrackedValue { IsConstant = true, Constant = a + b };
        }

        if (left.TryGetNumber(out double x) && right.TryGetNumber(out double y))
        {
            double? result = binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => x + y,
                BinaryOperatorKind.Subtract => x - y,
                BinaryOperatorKind.Multiply => x * y,
                BinaryOperatorKind.Divide when y != 0 => IsIntegral(binary.Type) ? Math.Truncate(x / y) : x / y,
                _ => null,
            };
            if (result is { } r)
            {
                return new TrackedValue { IsConstant = true, Constant = r };
            }
        }

        return TrackedValue.Unknown;
    }

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is
        SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or
        SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or
        SpecialType.System_Byte or SpecialType.System_SByte;

    private static bool IsEmptyCollection(IObjectCreationOperation creation)
    {
        if (creation.Type is not INamedTypeSymbol type || type.SpecialType == SpecialType.System_String || creation.Arguments.Length > 1)
        {
            return false;
        }

        // new List<T>() or new List<T>(capacity): a collection type from the BCL created with nothing in it.
        bool isCollection = false;
        foreach (INamedTypeSymbol face in type.AllInterfaces)
        {
            if (face.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_ICollection_T)
            {
                isCollection = true;
                break;
            }
        }

        return isCollection
            && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
            && (creation.Arguments.Length == 0 || creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32);
    }

    private static double? TryTimeSpan(IOperation inner, INamedTypeSymbol timeSpan, ImContext im, int depth, CancellationToken cancellationToken)
    {
        Func<IOperation, double?> number = operand =>
            Resolve(operand, im, identity: false, depth + 1, cancellationToken).TryGetNumber(out double n) ? n : null;
        Func<IOperation, double?> seconds = operand =>
            Resolve(operand, im, identity: false, depth + 1, cancellationToken).Seconds;
        return TimeSpanConstants.TryEvaluateSeconds(inner, timeSpan, number, seconds, out double result) ? result : null;
    }
}
