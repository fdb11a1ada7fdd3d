namespace ImCsGen.Generator.Model;

/// <summary>What a spec can do with a type of another namespace (a qualified reference such as <c>ImCsGen.Im.MsgBodyElement</c>).</summary>
internal enum ExternalTypeKind
{
    /// <summary>No accessible type of that name in the compilation or its references.</summary>
    Missing,

    /// <summary>The type exists but is not shaped like a generated ImCsGen type (no static <c>ReadJson</c>, no <c>WriteJson</c>).</summary>
    NotGenerated,

    /// <summary>A generated object class.</summary>
    Object,

    /// <summary>A generated union (abstract class).</summary>
    Union,

    /// <summary>A generated integer enum.</summary>
    IntEnum,

    /// <summary>A generated string enum (readonly struct with a string <c>Value</c>).</summary>
    StringEnum,
}

/// <summary>
/// The only facts the generator keeps about a referenced type: its qualified name and its kind. Plain,
/// equatable data, so a C# edit that does not change these facts leaves the module build cached.
/// </summary>
internal sealed record ExternalTypeFact(string QualifiedName, ExternalTypeKind Kind);
