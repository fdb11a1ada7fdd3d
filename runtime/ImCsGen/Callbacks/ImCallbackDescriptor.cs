using System;
using System.Text.Json;

namespace ImCsGen.Callbacks;

/// <summary>Reads a callback payload at the reader's current token.</summary>
public delegate ImCallbackPayload ImCallbackPayloadReader(ref Utf8JsonReader reader);

/// <summary>Reads a callback reply at the reader's current token.</summary>
public delegate ImCallbackReply ImCallbackReplyReader(ref Utf8JsonReader reader);

/// <summary>One third-party callback as the spec describes it; generated into <c>ImCallbackCatalog</c>.</summary>
public sealed class ImCallbackDescriptor
{
    /// <summary>Creates a descriptor (generated code calls this).</summary>
    public ImCallbackDescriptor(string command, string name, ImCallbackKind kind, ImCallbackOutcomes outcomes, string? docs, ImCallbackPayloadReader readPayload, ImCallbackReplyReader readReply)
    {
        Command = command ?? throw new ArgumentNullException(nameof(command));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Outcomes = outcomes;
        Docs = docs;
        ReadPayload = readPayload ?? throw new ArgumentNullException(nameof(readPayload));
        ReadReply = readReply ?? throw new ArgumentNullException(nameof(readReply));
    }

    /// <summary>Tencent's <c>CallbackCommand</c>.</summary>
    public string Command { get; }

    /// <summary>The C# name of the payload class.</summary>
    public string Name { get; }

    /// <summary>Before or after the event.</summary>
    public ImCallbackKind Kind { get; }

    /// <summary>What a reply may ask for (before-callbacks); <see cref="ImCallbackOutcomes.None"/> for after-callbacks.</summary>
    public ImCallbackOutcomes Outcomes { get; }

    /// <summary>Tencent's documentation page.</summary>
    public string? Docs { get; }

    /// <summary>The reply codes of a before-callback as its spec states them (<see cref="ImCallbackReplyCodes.None"/> for after-callbacks).</summary>
    public ImCallbackReplyCodes ReplyCodes { get; init; } = ImCallbackReplyCodes.None;

    /// <summary>
    /// Whether Tencent's body repeats <c>CallbackCommand</c> (spec <c>commandInBody</c>, default true). Either way the
    /// command is in the URL's query string, which is what the receiver and the emulator go by.
    /// </summary>
    public bool CommandInBody { get; init; } = true;

    /// <summary>Reads the payload.</summary>
    public ImCallbackPayloadReader ReadPayload { get; }

    /// <summary>Reads a reply (the emulator reads the app's answer with it).</summary>
    public ImCallbackReplyReader ReadReply { get; }

    /// <inheritdoc />
    public override string ToString() => Command;
}
