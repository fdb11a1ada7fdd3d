using System;

// Property | Parameter: the constraints also describe parameters of library helpers (see ImFieldAttribute).

namespace ImCsGen.Metadata;

/// <summary>Inclusive numeric bounds from the spec (<c>minimum</c>/<c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImRangeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImRangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The smallest allowed value.</summary>
    public double Minimum { get; }

    /// <summary>The largest allowed value.</summary>
    public double Maximum { get; }
}

/// <summary>Maximum length in UTF-8 bytes (<c>maxBytes</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImMaxBytesAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMaxBytesAttribute(int maxBytes) => MaxBytes = maxBytes;

    /// <summary>The limit.</summary>
    public int MaxBytes { get; }
}

/// <summary>Minimum length in UTF-8 bytes (<c>minBytes</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImMinBytesAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMinBytesAttribute(int minBytes) => MinBytes = minBytes;

    /// <summary>The limit.</summary>
    public int MinBytes { get; }
}

/// <summary>Maximum item count (<c>maxItems</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImMaxItemsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMaxItemsAttribute(int maxItems) => MaxItems = maxItems;

    /// <summary>The limit.</summary>
    public int MaxItems { get; }
}

/// <summary>Minimum item count (<c>minItems</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImMinItemsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMinItemsAttribute(int minItems) => MinItems = minItems;

    /// <summary>The limit.</summary>
    public int MinItems { get; }
}

/// <summary>A .NET regular expression the whole value must match (<c>pattern</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImPatternAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImPatternAttribute(string pattern) => Pattern = pattern;

    /// <summary>The pattern.</summary>
    public string Pattern { get; }
}

/// <summary>At most <see cref="Max"/> items of one union variant in a list (<c>maxPerVariant</c>), e.g. one TIMCustomElem per MsgBody.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = true)]
public sealed class ImMaxPerVariantAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMaxPerVariantAttribute(string variant, int max)
    {
        Variant = variant;
        Max = max;
    }

    /// <summary>The discriminator value (<c>TIMCustomElem</c>).</summary>
    public string Variant { get; }

    /// <summary>The limit.</summary>
    public int Max { get; }
}

/// <summary>Maximum size of the field's JSON encoding in bytes (<c>maxJsonBytes</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ImMaxJsonBytesAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public ImMaxJsonBytesAttribute(int maxJsonBytes) => MaxJsonBytes = maxJsonBytes;

    /// <summary>The limit.</summary>
    public int MaxJsonBytes { get; }
}
