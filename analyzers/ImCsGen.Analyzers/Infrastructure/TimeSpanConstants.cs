using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Evaluates TimeSpan expressions built only from constants: <c>TimeSpan.FromDays(7)</c>,
/// <c>TimeSpan.FromHours(1, 30)</c>, <c>new TimeSpan(0, 4, 0)</c>, <c>TimeSpan.Zero</c>, <c>default</c>.
/// </summary>
internal static class TimeSpanConstants
{
    // Seconds per unit, in the order the From* methods take their optional smaller units.
    private static readonly double[] UnitSeconds = { 86400, 3600, 60, 1, 0.001, 0.000001 };

    /// <summary>
    /// Evaluates <paramref name="value"/>; <paramref name="number"/> and <paramref name="span"/> resolve the operands
    /// (the <see cref="ValueTracker"/>, so <c>TimeSpan.FromDays(Days)</c> with a constant field works too).
    /// </summary>
    public static bool TryEvaluateSeconds(IOperation value, INamedTypeSymbol timeSpan, Func<IOperation, double?> number, Func<IOperation, double?> span, out double seconds)
    {
        seconds = 0;
        IOperation inner = Constants.Unwrap(value);
        if (!SymbolEqualityComparer.Default.Equals(inner.Type, timeSpan))
        {
            return false;
        }

        switch (inner)
        {
            case IDefaultValueOperation:
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary:
                // TimeSpan.FromDays(180) + TimeSpan.FromDays(1): both sides must be constant TimeSpans.
                if (span(binary.LeftOperand) is not { } left || span(binary.RightOperand) is not { } right)
                {
                    return false;
                }

                seconds = binary.OperatorKind == BinaryOperatorKind.Add ? left + right : left - right;
                return true;
            case IFieldReferenceOperation { Field: { IsStatic: true } field }
                when SymbolEqualityComparer.Default.Equals(field.ContainingType, timeSpan):
                switch (field.Name)
                {
                    case "Zero": return true;
                    case "MaxValue": seconds = long.MaxValue / 1e7; return true;
                    case "MinValue": seconds = long.MinValue / 1e7; return true;
                    default: return false;
                }

            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, timeSpan):
                int unit = method.Name switch
                {
                    "FromDays" => 0,
                    "FromHours" => 1,
                    "FromMinutes" => 2,
                    "FromSeconds" => 3,
                    "FromMilliseconds" => 4,
                    "FromMicroseconds" => 5,
                    "FromTicks" => 6,
                    _ => -1,
                };
                if (unit < 0)
                {
                    return false;
                }

                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is null || number(argument.Value) is not { } amount)
                    {
                        return false;
                    }

                    int index = unit + argument.Parameter.Ordinal;
                    seconds += unit == 6 ? amount / 1e7 : index < UnitSeconds.Length ? amount * UnitSeconds[index] : 0;
                }

                return true;
            case IObjectCreationOperation creation:
                var args = creation.Arguments;
                double[] parts = new double[args.Length];
                for (int i = 0; i < args.Length; i++)
                {
                    if (number(args[i].Value) is not { } part)
                    {
                        return false;
                    }

                    parts[i] = part;
                }

                switch (parts.Length)
                {
                    case 0: return true;
                    case 1: seconds = parts[0] / 1e7; return true; // ticks
                    case 3: seconds = (parts[0] * 3600) + (parts[1] * 60) + parts[2]; return true;
                    default:
                        for (int i = 0; i < parts.Length && i < UnitSeconds.Length; i++)
                        {
                            seconds += parts[i] * UnitSeconds[i];
                        }

                        return true;
                }

            default:
                return false;
        }
    }

    /// <summary>A readable form for messages: "2 minutes", "400 days".</summary>
    public static string Describe(double seconds)
    {
        if (Math.Abs(seconds) >= 86400 && seconds % 86400 == 0)
        {
            return Constants.Format(seconds / 86400) + " days";
        }

        if (Math.Abs(seconds) >= 3600 && seconds % 3600 == 0)
        {
            return Constants.Format(seconds / 3600) + " hours";
        }

        if (Math.Abs(seconds) >= 60 && seconds % 60 == 0)
        {
            return Constants.Format(seconds / 60) + " minutes";
        }

        return Constants.Format(seconds) + " seconds";
    }
}
