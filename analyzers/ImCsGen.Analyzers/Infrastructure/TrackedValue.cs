using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// What <see cref="ValueTracker"/> knows about one expression: a constant (string, number, null, TimeSpan
/// seconds), the variable it is an alias of, the options property it reads, the collection items or the
/// object creation it stands for. Everything unknown stays null, so a rule never guesses.
/// </summary>
internal sealed class TrackedValue
{
    public static readonly TrackedValue Unknown = new();

    /// <summary>True when <see cref="Constant"/> holds the value (which may be null).</summary>
    public bool IsConstant { get; set; }

    /// <summary>A string, a double (every numeric type), a bool, or null.</summary>
    public object? Constant { get; set; }

    /// <summary>The value of a constant TimeSpan, in seconds.</summary>
    public double? Seconds { get; set; }

    /// <summary>The parameter, local or field the value was copied from (<c>var to = agent</c> gives <c>agent</c>).</summary>
    public ISymbol? Origin { get; set; }

    /// <summary>A property of the ImCsGen options read as the value (<c>options.Identifier</c>).</summary>
    public IPropertySymbol? OptionsProperty { get; set; }

    /// <summary>The items of a collection whose content is known (literal, <c>new List&lt;T&gt;()</c>, <c>Array.Empty&lt;T&gt;()</c>).</summary>
    public ImmutableArray<ExpressionSyntax>? Items { get; set; }

    /// <summary>The model to read <see cref="Items"/> with (they may come from another tree than the use).</summary>
    public SemanticModel? ItemsModel { get; set; }

    /// <summary>The operation of the literal <see cref="Items"/> were read from: its descendants are the items' operations.</summary>
    public IOperation? ItemsOperation { get; set; }

    /// <summary>The object creation a single-assignment local holds (<c>var http = new HttpClient()</c>).</summary>
    public IObjectCreationOperation? Creation { get; set; }

    public bool IsNull => IsConstant && Constant is null;

    public bool TryGetString(out string text)
    {
        if (IsConstant && Constant is string s)
        {
            text = s;
            return true;
        }

        text = string.Empty;
        return false;
    }

    public bool TryGetNumber(out double number)
    {
        if (IsConstant && Constant is double d)
        {
            number = d;
            return true;
        }

        number = 0;
        return false;
    }

    /// <summary>How a message shows the value: <c>'text'</c>, a number, or the variable's name.</summary>
    public string Describe()
    {
        if (TryGetString(out string text))
        {
            return "'" + text + "'";
        }

        if (TryGetNumber(out double number))
        {
            return Constants.Format(number);
        }

        return Origin?.Name ?? OptionsProperty?.Name ?? "the same value";
    }
}
