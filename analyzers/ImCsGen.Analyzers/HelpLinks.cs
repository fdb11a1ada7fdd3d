namespace ImCsGen.Analyzers;

/// <summary>Builds the help link of a rule: the one place that knows where the rule pages live.</summary>
public static class HelpLinks
{
    /// <summary>The folder holding one <c>{ID}.md</c> page per rule.</summary>
    public const string Base = "https://github.com/imcsgen/imcsgen/blob/main/docs/diagnostics/";

    /// <summary>The help link for <paramref name="diagnosticId"/>.</summary>
    public static string For(string diagnosticId) => Base + diagnosticId + ".md";
}
