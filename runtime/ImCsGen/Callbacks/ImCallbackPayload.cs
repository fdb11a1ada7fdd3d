using System;
using System.Collections.Generic;
using System.Text.Json;
using ImCsGen.Serialization;

namespace ImCsGen.Callbacks;

/// <summary>
/// Base of every generated callback payload: the <c>CallbackCommand</c> Tencent repeats in most bodies, and
/// the properties Tencent sent that the spec does not (yet) list, kept as raw JSON so nothing is lost.
/// </summary>
/// <remarks>
/// Tencent always names the command in the URL's query string; most bodies repeat it, some do not (the spec's
/// <c>commandInBody: false</c>, see <see cref="ImCallbackDescriptor.CommandInBody"/>). A body is read with or without it.
/// </remarks>
public abstract class ImCallbackPayload
{
    /// <summary>The <c>CallbackCommand</c> property of the body, as Tencent sent it (normally the descriptor's command); null when the body had none.</summary>
    public string? CallbackCommand { get; set; }

    /// <summary>Properties the spec does not list, by wire name, in the order they arrived; null when there were none.</summary>
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The callback this payload belongs to (command, kind, documentation).</summary>
    public abstract ImCallbackDescriptor Descriptor { get; }

    /// <summary>Writes the payload as Tencent's callback body.</summary>
    public abstract void WriteJson(Utf8JsonWriter writer);

    /// <summary>Writes <c>CallbackCommand</c>: the value read, or the class's own command (callbacks whose body carries it).</summary>
    protected void WriteCommandProperty(Utf8JsonWriter writer, string command)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("CallbackCommand"u8, CallbackCommand ?? command);
    }

    /// <summary>
    /// Writes <c>CallbackCommand</c> only when this payload holds one (read from a body, or set): for callbacks whose
    /// body, per Tencent's page, has none, so a payload built in code is written as Tencent sends it and one read is
    /// written back unchanged.
    /// </summary>
    protected void WriteCommandPropertyIfSet(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (CallbackCommand is { } command)
        {
            writer.WriteString("CallbackCommand"u8, command);
        }
    }

    /// <summary>Writes the kept unknown properties back unchanged.</summary>
    protected void WriteAdditionalProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (AdditionalProperties is null)
        {
            return;
        }

        foreach (var pair in AdditionalProperties)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }
    }

    /// <summary>From a property name: reads <c>CallbackCommand</c> and returns true, or returns false for any other name.</summary>
    protected bool TryReadCommandProperty(ref Utf8JsonReader reader)
    {
        if (!reader.ValueTextEquals("CallbackCommand"u8))
        {
            return false;
        }

        reader.Read();
        CallbackCommand = ImJson.ReadString(ref reader, "CallbackCommand");
        return true;
    }

    /// <summary>
    /// Reads an array, or a lone value as a one-element list: for a payload field the spec marks <c>acceptsSingle</c>
    /// because Tencent's pages disagree on its shape. Written back, it is always an array.
    /// </summary>
    protected static List<T> ReadArrayOrSingle<T>(ref Utf8JsonReader reader, string path, ImJsonValueReader<T> readItem)
    {
        ArgumentNullException.ThrowIfNull(readItem);
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ImJson.ReadArray(ref reader, path, readItem);
        }

        return new List<T>(1) { readItem(ref reader) };
    }

    /// <summary>From a property name: keeps the property's value as a <see cref="JsonElement"/>.</summary>
    protected void ReadAdditionalProperty(ref Utf8JsonReader reader)
    {
        var name = reader.GetString()!;
        // A name holding a lone surrogate escape ("\ud800") reads, but could never be written back (the writer
        // refuses it): refuse it here, naming it (found by fuzzing, issue 18). UTF-8 round-trips valid UTF-16 only.
        var printable = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(name));
        if (!string.Equals(printable, name, StringComparison.Ordinal))
        {
            throw new ImJsonException(printable, "the property name is not valid Unicode (a lone surrogate escape).");
        }

        reader.Read();
        AdditionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        AdditionalProperties[name] = ImJson.ReadElement(ref reader);
    }
}
