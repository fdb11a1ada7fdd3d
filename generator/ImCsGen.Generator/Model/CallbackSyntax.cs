using ImCsGen.Generator.Helpers;

namespace ImCsGen.Generator.Model;

// Third-party callbacks (spec key "callbacks"): Tencent POSTs a payload to the app's URL and reads a
// reply. Parsed form keeps locations for diagnostics; the resolved CallbackModel does not.

/// <summary>Whether the app's reply can change what Tencent does (before) or is only acknowledged (after).</summary>
internal enum CallbackKind
{
    After,
    Before,
}

/// <summary>What a before-callback's reply may ask for (spec <c>outcomes</c>); flags, so the set is one value.</summary>
[System.Flags]
internal enum CallbackOutcomes
{
    None = 0,
    Allow = 1,
    Reject = 2,
    Drop = 4,
    Modify = 8,
    AppError = 16,
}

/// <summary>
/// The codes of a before-callback's outcomes (spec <c>replyCodes</c>, defaults applied): null members are outcomes the
/// callback does not have, or (caller code) a code the spec does not state. Descriptions are the spec's citations.
/// </summary>
internal sealed record CallbackReplyCodes(
    int? RejectErrorCode,
    int? RejectCallerCode,
    string? RejectDescription,
    int? DropErrorCode,
    string? DropDescription,
    int? MinAppErrorCode,
    int? MaxAppErrorCode,
    string? AppErrorDescription)
{
    public static readonly CallbackReplyCodes None = new(null, null, null, null, null, null, null, null);
}

internal sealed record CallbackSyntax(
    string Name,
    SpecLocation Location,
    string Command,
    SpecLocation CommandLocation,
    CallbackKind Kind,
    CallbackOutcomes Outcomes,
    string Summary,
    string? Description,
    string? Docs,
    string? PageDate,
    EquatableArray<FieldSyntax> Payload,
    EquatableArray<FieldSyntax> Reply)
{
    /// <summary>The outcome codes (spec <c>replyCodes</c> with defaults); <see cref="CallbackReplyCodes.None"/> for after-callbacks.</summary>
    public CallbackReplyCodes ReplyCodes { get; init; } = CallbackReplyCodes.None;

    /// <summary>Spec <c>commandInBody</c> (default true): whether Tencent's body repeats <c>CallbackCommand</c>.</summary>
    public bool CommandInBody { get; init; } = true;
}

internal sealed record CallbackModel(
    string Name,
    string Command,
    CallbackKind Kind,
    CallbackOutcomes Outcomes,
    string Summary,
    string? Description,
    string? Docs,
    string? PageDate,
    EquatableArray<FieldModel> Payload,
    EquatableArray<FieldModel> Reply)
{
    /// <summary>The outcome codes (spec <c>replyCodes</c> with defaults); <see cref="CallbackReplyCodes.None"/> for after-callbacks.</summary>
    public CallbackReplyCodes ReplyCodes { get; init; } = CallbackReplyCodes.None;

    /// <summary>
    /// Spec <c>commandInBody</c> (default true): whether Tencent's body repeats <c>CallbackCommand</c>. When false
    /// (the command is only in the URL, e.g. Push.OfflinePush) the payload writes one only if it read one.
    /// </summary>
    public bool CommandInBody { get; init; } = true;

    /// <summary>A typed reply class is generated when the reply can carry more than the envelope or steer Tencent.</summary>
    public bool HasReplyClass => Kind == CallbackKind.Before || Reply.Count > 0;
}
