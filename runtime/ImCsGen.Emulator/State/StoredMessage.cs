using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ImCsGen.Emulator.State;

/// <summary>Where a stored message came from.</summary>
public enum MessageOrigin
{
    /// <summary>openim/sendmsg or batchsendmsg.</summary>
    Send,

    /// <summary>openim/importmsg.</summary>
    Import,

    /// <summary>The customer-service flow or an agent, acting as the virtual account.</summary>
    ServiceDesk,

    /// <summary>A user's client, simulated through the control API.</summary>
    Client,
}

/// <summary>A stored C2C message.</summary>
public sealed class StoredMessage
{
    internal StoredMessage(long id, string from, string to, uint msgSeq, uint msgRandom, long msgTime, string msgBodyJson, string? cloudCustomData, MessageOrigin origin)
    {
        Id = id;
        From = from;
        To = to;
        MsgSeq = msgSeq;
        MsgRandom = msgRandom;
        MsgTime = msgTime;
        MsgBodyJson = msgBodyJson;
        CloudCustomData = cloudCustomData;
        Origin = origin;
        MsgKey = msgSeq.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + msgRandom.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + msgTime.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Store order (1, 2, ...), unique within the emulator.</summary>
    public long Id { get; }

    /// <summary>Sender.</summary>
    public string From { get; }

    /// <summary>Recipient.</summary>
    public string To { get; }

    /// <summary>MsgSeq (caller's or assigned).</summary>
    public uint MsgSeq { get; }

    /// <summary>MsgRandom.</summary>
    public uint MsgRandom { get; }

    /// <summary>Message time, Unix seconds.</summary>
    public long MsgTime { get; }

    /// <summary><c>{MsgSeq}_{MsgRandom}_{MsgTime}</c>, as Tencent forms C2C keys.</summary>
    public string MsgKey { get; }

    /// <summary>The MsgBody array as JSON.</summary>
    public string MsgBodyJson { get; internal set; }

    /// <summary>CloudCustomData.</summary>
    public string? CloudCustomData { get; internal set; }

    /// <summary>How it was stored.</summary>
    public MessageOrigin Origin { get; }

    /// <summary>Whether it was recalled.</summary>
    public bool Recalled { get; internal set; }

    /// <summary>Whether it was modified after sending.</summary>
    public bool Modified { get; internal set; }

    /// <summary>Whether the recipient sent a read receipt for it.</summary>
    public bool ReadReceiptSent { get; internal set; }

    /// <summary>Whether the message accepts extension key/values (SupportMessageExtension 1).</summary>
    public bool SupportsExtension { get; internal set; }

    /// <summary>Users who deleted it from their own roaming history.</summary>
    internal HashSet<string> DeletedFor { get; } = new(StringComparer.Ordinal);

    /// <summary>Extension key/values: key → (value, seq).</summary>
    internal Dictionary<string, (string Value, long Seq)> Extensions { get; } = new(StringComparer.Ordinal);

    internal long ExtensionSeq { get; set; }

    internal long ExtensionClearSeq { get; set; }

    /// <summary>How many times a retry of the same message was answered without storing it again.</summary>
    public int DuplicatesSuppressed { get; internal set; }

    /// <summary>The texts of its TIMTextElem elements and the Data of its TIMCustomElem elements, in order.</summary>
    public IReadOnlyList<MessagePart> Parts()
    {
        var parts = new List<MessagePart>();
        using var document = JsonDocument.Parse(MsgBodyJson);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var type = element.TryGetProperty("MsgType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : string.Empty;
            string? text = null;
            if (element.TryGetProperty("MsgContent", out var content) && content.ValueKind == JsonValueKind.Object)
            {
                var field = type == "TIMCustomElem" ? "Data" : type == "TIMTextElem" ? "Text" : null;
                if (field is not null && content.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString();
                }
            }

            parts.Add(new MessagePart(type, text ?? string.Empty));
        }

        return parts;
    }

    /// <inheritdoc />
    public override string ToString() => From + " -> " + To + " " + MsgKey;
}

/// <summary>One element of a message: its MsgType and its text (TIMTextElem) or Data (TIMCustomElem).</summary>
public readonly record struct MessagePart(string MsgType, string Content);
