namespace ImCsGen.Analyzers;

/// <summary>The categories of the ImCsGen rules (used by <c>dotnet_analyzer_diagnostic.category-*.severity</c>).</summary>
public static class DiagnosticCategories
{
    /// <summary>The call does something other than what the customer-service scenario needs.</summary>
    public const string Usage = "ImCsGen.Usage";

    /// <summary>The request breaks a spec constraint and would be rejected.</summary>
    public const string Correctness = "ImCsGen.Correctness";

    /// <summary>Credentials handled unsafely.</summary>
    public const string Security = "ImCsGen.Security";

    /// <summary>Works in a test, fails under load or on retries.</summary>
    public const string Reliability = "ImCsGen.Reliability";
}
