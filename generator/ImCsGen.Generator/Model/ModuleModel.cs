using ImCsGen.Generator.Helpers;

namespace ImCsGen.Generator.Model;

// The resolved model of one module (all spec files of one namespace): exactly what the emitter needs,
// no locations (a cosmetic edit of a spec file must not re-emit code), sorted ordinally.

internal enum TypeRefKind
{
    String,
    Bool,
    Int32,
    Int64,
    UInt32,
    Double,
    Json,
    Object,
    Union,
    IntEnum,
    StringEnum,
    Array,
}

internal sealed record TypeRefModel(TypeRefKind Kind, string Name, TypeRefModel? Element)
{
    /// <summary>True when the C# type is a struct (needs <c>?</c> for "absent" and a Nullable unwrap).</summary>
    public bool IsValueType => Kind is TypeRefKind.Bool or TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.UInt32
        or TypeRefKind.Double or TypeRefKind.Json or TypeRefKind.IntEnum or TypeRefKind.StringEnum;

    public bool IsNumber => Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.UInt32 or TypeRefKind.Double;
}

internal sealed record FieldModel(
    string WireName,
    string CsName,
    TypeRefModel Type,
    bool Required,
    string? DefaultLiteral,
    string? Description,
    FieldRole Role,
    ValueKind Kind,
    Constraints Constraints,
    string? ResultCodeMember = null,
    string? DiscriminatorMember = null)
{
    /// <summary>Spec <c>acceptsSingle</c> (callback payload fields only): the reader also takes one value, as a one-element array.</summary>
    public bool AcceptsSingle { get; init; }
}

internal sealed record ObjectTypeModel(
    string Name,
    string? Description,
    EquatableArray<FieldModel> Fields,
    string? UnionBase,
    string? DiscriminatorValue);

internal sealed record EnumMemberModel(string Name, string Value, string? Description);

internal sealed record EnumTypeModel(string Name, string? Description, bool IsString, EquatableArray<EnumMemberModel> Members);

internal sealed record UnionVariantModel(string Value, string TypeName);

internal sealed record UnionTypeModel(
    string Name,
    string? Description,
    string Discriminator,
    string? Content,
    EquatableArray<UnionVariantModel> Variants);

internal sealed record EndpointModel(
    string Name,
    string Service,
    string Command,
    string Group,
    string Summary,
    string? Description,
    string? Docs,
    int RateLimit,
    bool RequiresAdmin,
    Idempotency Idempotency,
    EquatableArray<FieldModel> Request,
    EquatableArray<FieldModel> Response)
{
    /// <summary>The documented de-duplication rule, checked against the request fields.</summary>
    public DeduplicationModel? Deduplication { get; init; }

    /// <summary>The documented message quota, its count field checked against the request fields.</summary>
    public QuotaModel? Quota { get; init; }
}

internal sealed partial record ModuleModel(
    string Namespace,
    string? ClientName,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<UnionTypeModel> Unions,
    EquatableArray<EndpointModel> Endpoints,
    EquatableArray<CallbackModel> Callbacks = default);

/// <summary>What the module builder returns: the modules that are sound, and diagnostics for those that are not.</summary>
internal sealed record ModuleBuildResult(EquatableArray<ModuleModel> Modules, EquatableArray<DiagnosticInfo> Diagnostics);
