using ImCsGen.Generator.Helpers;

namespace ImCsGen.Generator.Model;

// The parsed form of ONE spec file, before names are resolved across the module. It keeps locations
// so the module builder can point its diagnostics at the JSON; it is equatable, so an unchanged file
// stays cached. Everything here is plain data: no Compilation, symbol, syntax node or AdditionalText.

internal enum FieldRole
{
    None,
    MessageSender,
    MessageRecipient,
    MessageRandom,
    MessageSequence,
    MessageTimestamp,
    ItemErrors,
    ItemResults,
    ResultCode,
}

internal enum ValueKind
{
    None,
    UserId,
}

internal enum Idempotency
{
    Unsafe,
    Idempotent,
    Deduplicated,
}

internal enum TypeDeclKind
{
    Object,
    Enum,
    Union,
}

internal sealed record ParsedSpecFile(string Path, SpecFileSyntax? File, EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed partial record SpecFileSyntax(
    string Path,
    string Namespace,
    SpecLocation NamespaceLocation,
    string? Client,
    SpecLocation? ClientLocation,
    EquatableArray<TypeSyntax> Types,
    EquatableArray<EndpointSyntax> Endpoints,
    EquatableArray<CallbackSyntax> Callbacks = default);

/// <summary>A field's constraints; location-free, so the resolved model shares it.</summary>
internal sealed record Constraints(
    double? Minimum,
    double? Maximum,
    long? MinBytes,
    long? MaxBytes,
    long? MinItems,
    long? MaxItems,
    string? Pattern,
    long? MaxJsonBytes,
    EquatableArray<VariantLimit> MaxPerVariant)
{
    public static readonly Constraints None = new(null, null, null, null, null, null, null, null, EquatableArray<VariantLimit>.Empty);

    /// <summary>
    /// Tencent's ErrorCode per broken rule (spec <c>errorCodes</c>), keyed by the rule name the runtime's
    /// ImValidationException reports (<c>range</c> for minimum/maximum); empty when the spec names none.
    /// </summary>
    public EquatableArray<RuleErrorCode> ErrorCodes { get; init; } = EquatableArray<RuleErrorCode>.Empty;
}

/// <summary>The ErrorCode Tencent answers when a request breaks <paramref name="Rule"/> (spec <c>errorCodes</c>).</summary>
/// <param name="Rule">The runtime's rule name: maxJsonBytes, maxItems, range, ...</param>
/// <param name="Code">Tencent's ErrorCode.</param>
/// <param name="Description">The spec's citation, emitted as a comment.</param>
internal sealed record RuleErrorCode(string Rule, int Code, string Description);

/// <summary>At most <paramref name="Max"/> items of one union variant in an array (spec <c>maxPerVariant</c>).</summary>
internal sealed record VariantLimit(string Value, long Max);

internal sealed record DefaultSyntax(Json.JsonKind Kind, string Text, SpecLocation Location);

internal sealed record FieldSyntax(
    string WireName,
    string CsName,
    SpecLocation Location,
    string TypeSpelling,
    SpecLocation TypeLocation,
    bool Required,
    DefaultSyntax? Default,
    string? Description,
    ValueKind Kind,
    FieldRole Role,
    SpecLocation? RoleLocation,
    Constraints Constraints,
    SpecLocation? ConstraintsLocation)
{
    /// <summary>Spec <c>acceptsSingle</c> (callback payload fields only): the reader also takes one value for the array.</summary>
    public bool AcceptsSingle { get; init; }
}

internal sealed record EnumValueSyntax(string Name, string ValueText, bool IsString, string? Description, SpecLocation Location);

internal sealed record VariantSyntax(string Value, string TypeName, SpecLocation Location);

internal sealed record TypeSyntax(
    string Name,
    SpecLocation Location,
    TypeDeclKind Kind,
    string? Description,
    EquatableArray<FieldSyntax> Fields,
    bool IsStringEnum,
    EquatableArray<EnumValueSyntax> Values,
    string? Discriminator,
    string? Content,
    EquatableArray<VariantSyntax> Variants);

internal sealed record EndpointSyntax(
    string Name,
    SpecLocation Location,
    string Path,
    SpecLocation PathLocation,
    string Group,
    string Summary,
    string? Description,
    string? Docs,
    int RateLimit,
    bool RequiresAdmin,
    Idempotency Idempotency,
    EquatableArray<FieldSyntax> Request,
    EquatableArray<FieldSyntax> Response)
{
    /// <summary>The documented de-duplication rule (spec <c>deduplication</c>), if the endpoint states one.</summary>
    public DeduplicationSyntax? Deduplication { get; init; }

    /// <summary>The documented message quota (spec <c>quota</c>), if the endpoint states one.</summary>
    public QuotaSyntax? Quota { get; init; }
}
