using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>Reads compile-time constants through the implicit conversions C# wraps around them.</summary>
internal static class Constants
{
    /// <summary>Strips implicit conversions (<c>uint? x = 5</c>, <c>string? s = "a"</c>).</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    public static bool TryGetString(IOperation value, out string text)
    {
        IOperation inner = Unwrap(value);
        if (inner.ConstantValue is { HasValue: true, Value: string s })
        {
            text = s;
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>Whether <paramref name="value"/> is the constant null (<c>null</c>, <c>null!</c>, <c>default</c> of a reference type).</summary>
    public static bool IsNull(IOperation value)
    {
        IOperation inner = Unwrap(value);
        if (inner.ConstantValue is { HasValue: true, Value: null })
        {
            return true;
        }

        // default(uint?) and `default` for a nullable value type carry no constant value.
        return inner is IDefaultValueOperation { Type: { } type } && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
    }

    /// <summary>Reads a numeric constant (any integral or floating type) as a double.</summary>
    public static bool TryGetNumber(IOperation value, out double number)
    {
        IOperation inner = Unwrap(value);
        number = 0;
        if (!inner.ConstantValue.HasValue || inner.Type is null || inner.Type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        switch (inner.ConstantValue.Value)
        {
            case sbyte v: number = v; return true;
            case byte v: number = v; return true;
            case short v: number = v; return true;
            case ushort v: number = v; return true;
            case int v: number = v; return true;
            case uint v: number = v; return true;
            case long v: number = v; return true;
            case ulong v: number = v; return true;
            case float v: number = v; return true;
            case double v: number = v; return true;
            case decimal v: number = (double)v; return true;
            default: return false;
        }
    }

    /// <summary>Formats a number for a message, invariantly and without exponent noise for integers.</summary>
    public static string Format(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
