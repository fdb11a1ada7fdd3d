namespace ImCsGen.Generator;

/// <summary>Names of the tracked pipeline steps, so incremental tests can assert what was cached.</summary>
public static class StepNames
{
    /// <summary>The spec files chosen among the AdditionalFiles (text still unread).</summary>
    public const string SpecFiles = "ImCsGen.SpecFiles";

    /// <summary>One parsed spec file (per-file: an untouched file stays cached).</summary>
    public const string ParseSpec = "ImCsGen.ParseSpec";

    /// <summary>All parsed files joined into modules, with cross-file diagnostics.</summary>
    public const string BuildModules = "ImCsGen.BuildModules";

    /// <summary>One module's model, the only input of the emitter.</summary>
    public const string Module = "ImCsGen.Module";

    /// <summary>The facts about the types that spec files name by qualified name (looked up in the compilation).</summary>
    public const string ExternalTypes = "ImCsGen.ExternalTypes";

    /// <summary>One generated file's model: an area of a module, or its client (an edit re-emits only its area).</summary>
    public const string Area = "ImCsGen.Area";

    /// <summary>Every diagnostic to report.</summary>
    public const string Diagnostics = "ImCsGen.Diagnostics";
}
