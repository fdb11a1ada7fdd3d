namespace ImCsGen.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> the code fixes read.</summary>
public static class DiagnosticPropertyNames
{
    /// <summary>The C# name of the property the fix must add or change.</summary>
    public const string PropertyName = "PropertyName";

    /// <summary>A configured administrator identifier to use as replacement.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Present when the diagnostic is about a missing member (fix adds it) rather than a bad value.</summary>
    public const string Missing = "Missing";
}
