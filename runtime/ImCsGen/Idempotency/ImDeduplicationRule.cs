using System;
using System.Collections.Generic;

namespace ImCsGen.Idempotency;

/// <summary>Which checksum of the message content is part of a de-duplication key.</summary>
public enum ImContentChecksum
{
    /// <summary>The content is not part of the key: equal keys are duplicates whatever the content.</summary>
    None = 0,

    /// <summary>The CRC32 checksum of the content is part of the key.</summary>
    Crc32 = 1,
}

/// <summary>Which messages share one key space.</summary>
public enum ImDeduplicationScope
{
    /// <summary>
    /// Each one-to-one message, sender to recipient: a batch send to several recipients with one set of keys
    /// stores one message per recipient, and a repeat to the same recipient within the window is a duplicate.
    /// </summary>
    Recipient = 0,

    /// <summary>One one-to-one conversation in either direction (A to B and B to A share the key space).</summary>
    Conversation = 1,
}

/// <summary>
/// Tencent's documented de-duplication rule of one endpoint, emitted from the spec's <c>deduplication</c>
/// entry. The runtime uses it to choose keys once per call; the emulator applies it to what it stores.
/// </summary>
public sealed class ImDeduplicationRule
{
    /// <summary>Creates a rule.</summary>
    public ImDeduplicationRule(
        IReadOnlyList<string> keyFields,
        ImContentChecksum contentChecksum,
        string? contentField,
        int? windowSeconds,
        ImDeduplicationScope scope,
        IReadOnlyList<string> serverFillsMissing,
        IReadOnlyList<string> clientSets,
        string source)
    {
        KeyFields = keyFields ?? throw new ArgumentNullException(nameof(keyFields));
        if (keyFields.Count == 0)
        {
            throw new ArgumentException("A de-duplication rule names at least one key field.", nameof(keyFields));
        }

        if (contentChecksum != ImContentChecksum.None && string.IsNullOrEmpty(contentField))
        {
            throw new ArgumentException("A content checksum needs the field whose content it covers.", nameof(contentField));
        }

        if (windowSeconds is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "The window must be positive (null: no documented expiry).");
        }

        ContentChecksum = contentChecksum;
        ContentField = contentField;
        WindowSeconds = windowSeconds;
        Scope = scope;
        ServerFillsMissing = serverFillsMissing ?? throw new ArgumentNullException(nameof(serverFillsMissing));
        ClientSets = clientSets ?? throw new ArgumentNullException(nameof(clientSets));
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>Wire names of the request fields that make up the key (<c>From_Account</c>, <c>MsgSeq</c>, <c>MsgRandom</c>).</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>Whether (and how) the content is part of the key.</summary>
    public ImContentChecksum ContentChecksum { get; }

    /// <summary>The wire name of the field whose content the checksum covers (<c>MsgBody</c>), when there is a checksum.</summary>
    public string? ContentField { get; }

    /// <summary>How long a key is remembered, in seconds; null when Tencent documents no expiry.</summary>
    public int? WindowSeconds { get; }

    /// <summary>Which messages share one key space.</summary>
    public ImDeduplicationScope Scope { get; }

    /// <summary>Key fields Tencent fills with a random value when the request leaves them out (so a retry without them is a new message).</summary>
    public IReadOnlyList<string> ServerFillsMissing { get; }

    /// <summary>Key fields the client chooses once per logical call when the caller left them unset.</summary>
    public IReadOnlyList<string> ClientSets { get; }

    /// <summary>The Tencent page that documents the rule.</summary>
    public string Source { get; }

    /// <summary>Whether <paramref name="wireName"/> is one of the key fields.</summary>
    public bool IsKeyField(string wireName)
    {
        for (var i = 0; i < KeyFields.Count; i++)
        {
            if (string.Equals(KeyFields[i], wireName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Join(" + ", KeyFields) + (ContentChecksum == ImContentChecksum.Crc32 ? " + CRC32(" + ContentField + ")" : string.Empty)
            + (WindowSeconds is { } window ? " within " + window.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s" : string.Empty)
            + " per " + (Scope == ImDeduplicationScope.Recipient ? "recipient" : "conversation");
}
