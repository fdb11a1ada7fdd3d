using ImCsGen.Generator.Helpers;

namespace ImCsGen.Generator.Model;

// An endpoint's documented de-duplication rule (spec "deduplication" entry). One record serves the parsed
// and the resolved form: it holds no locations except the entry's own, which the model drops.

/// <summary>The parsed <c>deduplication</c> entry of an endpoint.</summary>
internal sealed record DeduplicationSyntax(
    SpecLocation Location,
    EquatableArray<string> Keys,
    bool Crc32,
    string? ContentField,
    int? WindowSeconds,
    bool ConversationScope,
    EquatableArray<string> ServerFillsMissing,
    EquatableArray<string> ClientSets,
    string Source,
    string? PageDate,
    string? Description);

/// <summary>The resolved rule: what the emitter writes into the endpoint table and the request class.</summary>
internal sealed record DeduplicationModel(
    EquatableArray<string> Keys,
    bool Crc32,
    string? ContentField,
    int? WindowSeconds,
    bool ConversationScope,
    EquatableArray<string> ServerFillsMissing,
    EquatableArray<string> ClientSets,
    string Source,
    string? PageDate,
    string? Description);
