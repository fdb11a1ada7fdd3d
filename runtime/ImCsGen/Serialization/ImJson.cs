using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ImCsGen.Serialization;

/// <summary>Reads one value at the reader's current token.</summary>
public delegate T ImJsonValueReader<T>(ref Utf8JsonReader reader);

/// <summary>
/// Small, allocation-conscious helpers the generated readers call. They are lenient where Tencent is
/// inconsistent (numbers sometimes arrive as strings) and strict where a silent loss would hide a bug
/// (a number that does not fit its type throws <see cref="ImJsonException"/> naming the field).
/// </summary>
public static class ImJson
{
    /// <summary>
    /// Whether the reader stands before a whole document (a fresh reader) or on its root object: a generated
    /// <c>ReadJson</c> then goes through <see cref="ReadDocument{T}"/>; a nested object is read directly.
    /// </summary>
    public static bool IsDocumentStart(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.None || (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartObject);

    /// <summary>
    /// Reads a whole body with <paramref name="read"/> so that every failure is an <see cref="ImJsonException"/>
    /// with a JSON path. Found by fuzzing (issue 18): System.Text.Json's own failures (malformed JSON, depth over
    /// the reader's MaxDepth) and <see cref="InvalidOperationException"/> (invalid UTF-8, a lone surrogate escape)
    /// used to leave the public readers unwrapped, and content after the object was ignored. From a fresh reader
    /// (<see cref="JsonTokenType.None"/>) on a final block, only whitespace may follow the object.
    /// </summary>
    /// <param name="reader">A fresh reader, or one on its root object.</param>
    /// <param name="path">The path named when the body is not one JSON value (the type's name).</param>
    /// <param name="read">The type's object reader.</param>
    public static T ReadDocument<T>(ref Utf8JsonReader reader, string path, ImJsonValueReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var start = reader;
        var fresh = reader.TokenType == JsonTokenType.None;
        try
        {
            var value = read(ref reader);
            if (fresh && reader.IsFinalBlock && reader.Read())
            {
                throw new ImJsonException(path, "unexpected " + reader.TokenType.ToString() + " after the JSON object (a body is one object).");
            }

            return value;
        }
        catch (JsonException e)
        {
            throw Malformed(start, reader.BytesConsumed, path, e);
        }
        catch (InvalidOperationException e)
        {
            throw Malformed(start, reader.BytesConsumed, path, e);
        }
    }

    /// <summary>
    /// The reader's own failure as an <see cref="ImJsonException"/> located at the property being read: a copy of
    /// the reader from the body's start is walked up to the failing token, keeping the names and indexes passed.
    /// </summary>
    private static ImJsonException Malformed(Utf8JsonReader walker, long failedAt, string root, Exception inner)
    {
        // One frame per open object/array: the property being read in an object, the item index in an array.
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        try
        {
            while (walker.BytesConsumed < failedAt && walker.Read())
            {
                var last = frames.Count - 1;
                switch (walker.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = walker.GetString();
                        frames[last] = (false, -1, name is { Length: > 64 } ? name.Substring(0, 64) + "..." : name);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (last >= 0 && frames[last].IsArray)
                        {
                            frames[last] = (true, frames[last].Index + 1, null);
                        }

                        frames.Add((walker.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(last);
                        break;
                    default:
                        if (last >= 0 && frames[last].IsArray)
                        {
                            frames[last] = (true, frames[last].Index + 1, null);
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The walk stops where the reader failed (a name that is not text ends it too): the path so far is the place.
        }

        var path = new System.Text.StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (!frame.IsArray && frame.Name is not null)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(frame.Name);
            }
        }

        var reason = inner is JsonException { BytePositionInLine: { } position, LineNumber: { } line }
            ? "malformed JSON (line " + (line + 1).ToString(CultureInfo.InvariantCulture) + ", byte " + position.ToString(CultureInfo.InvariantCulture) + ")"
            : "unreadable text (invalid UTF-8 or a lone surrogate escape)";
        var at = path.Length == 0 ? root : path.ToString();
        return ImJsonException.FromReader(at, reason + ": " + FirstSentence(inner.Message), inner);
    }

    /// <summary>System.Text.Json's message up to its position suffix (which the caller words itself).</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message;
    }

    /// <summary>Asserts the reader is on (or moves to) the start of an object.</summary>
    public static void ReadStartObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ImJsonException(path, "expected a JSON object but found " + reader.TokenType.ToString() + ".");
        }
    }

    /// <summary>
    /// Moves to the next property name of the current object; returns false on its end. The caller
    /// either reads the value (after one <c>reader.Read()</c>) or calls <see cref="SkipValue"/>.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>From a property name, skips its value (unknown properties are not fatal).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Reads a string; JSON null gives null, numbers and booleans are kept as their text.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new ImJsonException(path, "expected a string but found " + reader.TokenType.ToString() + "."),
    };

    /// <summary>Reads a string that must not be null.</summary>
    public static string ReadRequiredString(ref Utf8JsonReader reader, string path)
        => ReadString(ref reader, path) ?? throw new ImJsonException(path, "expected a string but found null.");

    /// <summary>Reads an int32 from a number or a numeric string.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        return checked((int)ReadInteger(ref reader, path, int.MinValue, int.MaxValue));
    }

    /// <summary>Reads an int64 from a number or a numeric string.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        return ReadInteger(ref reader, path, long.MinValue, long.MaxValue);
    }

    /// <summary>Reads a uint32 from a number or a numeric string.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var value))
        {
            return value;
        }

        return checked((uint)ReadInteger(ref reader, path, uint.MinValue, uint.MaxValue));
    }

    /// <summary>Reads a double from a number or a numeric string.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, string path)
    {
        // Only finite values: "-1e400" used to read as -Infinity, which Utf8JsonWriter cannot write back
        // (found by fuzzing, issue 18); "NaN" and "Infinity" strings are refused for the same reason.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String
            && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return value;
        }

        throw new ImJsonException(path, "expected a number but found " + Describe(ref reader) + ".");
    }

    /// <summary>Reads a boolean; 0/1 numbers and "true"/"false" strings are accepted too.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out var number) && (number == 0 || number == 1):
                return number == 1;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                return parsed;
            default:
                throw new ImJsonException(path, "expected a boolean but found " + Describe(ref reader) + ".");
        }
    }

    /// <summary>
    /// Writes a kept JSON value. An element that was never read (a required field missing from a tolerant read)
    /// is written as null, as a missing required string is; <c>WriteTo</c> used to throw InvalidOperationException
    /// on it (found by fuzzing, issue 18).
    /// </summary>
    public static void WriteElement(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
            return;
        }

        value.WriteTo(writer);
    }

    /// <summary>Reads any JSON value and keeps it as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ReadElement(ref Utf8JsonReader reader)
    {
        CheckText(reader);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> (made an ImJsonException with a path by
    /// <see cref="ReadDocument{T}"/>) when a string or name in the value is not valid UTF-8 or holds a lone surrogate
    /// escape: JsonElement.ParseValue keeps such text, and WriteTo then throws when the value is written back
    /// (found by fuzzing, issue 18). Walks a copy of the reader; only escaped text allocates.
    /// </summary>
    private static void CheckText(Utf8JsonReader copy)
    {
        var depth = copy.CurrentDepth;
        var container = copy.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
        while (true)
        {
            if (copy.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                if (copy.ValueIsEscaped || copy.HasValueSequence)
                {
                    _ = copy.GetString();
                }
                else if (!System.Text.Unicode.Utf8.IsValid(copy.ValueSpan))
                {
                    throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
                }
            }

            // A scalar is one token; a container ends at its closing token (same depth). A body that ends early
            // is left to ParseValue, which reports it.
            if (!container || !copy.Read() || (copy.CurrentDepth == depth && copy.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                return;
            }
        }
    }

    /// <summary>Reads a JSON array (null gives null) with <paramref name="readItem"/> for each item.</summary>
    public static List<T>? ReadList<T>(ref Utf8JsonReader reader, string path, ImJsonValueReader<T> readItem)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ImJsonException(path, "expected an array but found " + reader.TokenType.ToString() + ".");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(readItem(ref reader));
        }

        return list;
    }

    /// <summary>Enumerates <paramref name="list"/> without allocating (see <see cref="ImItems{T}"/>).</summary>
    public static ImItems<T> Items<T>(IList<T> list) => new(list);

    /// <summary>Reads a JSON array that is not null, with <paramref name="readItem"/> for each item; an item's error path gets its index.</summary>
    public static List<T> ReadArray<T>(ref Utf8JsonReader reader, string path, ImJsonValueReader<T> readItem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ImJsonException(path, "expected an array but found " + reader.TokenType.ToString() + ".");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                list.Add(readItem(ref reader));
            }
            catch (ImJsonException e)
            {
                throw e.WithParent("[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]");
            }
        }

        return list;
    }

    private static long ReadInteger(ref Utf8JsonReader reader, string path, long min, long max)
    {
        long value;
        bool ok;
        if (reader.TokenType == JsonTokenType.String)
        {
            var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
            ok = Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length;
        }
        else if (reader.TokenType == JsonTokenType.Number)
        {
            ok = reader.TryGetInt64(out value);
        }
        else
        {
            throw new ImJsonException(path, "expected an integer but found " + reader.TokenType.ToString() + ".");
        }

        if (!ok || value < min || value > max)
        {
            throw new ImJsonException(path, "expected an integer in " + min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture) + " but found " + Describe(ref reader) + ".");
        }

        return value;
    }

    private static string Describe(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
        {
            var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            var text = System.Text.Encoding.UTF8.GetString(span);
            return text.Length > 40 ? text.Substring(0, 40) + "..." : text;
        }

        return reader.TokenType.ToString();
    }
}

/// <summary>A response body that does not have the shape the spec describes.</summary>
public sealed class ImJsonException : Exception
{
    /// <summary>Creates the exception for the JSON property at <paramref name="path"/>.</summary>
    public ImJsonException(string path, string message)
        : base("Invalid IM response JSON at '" + path + "': " + message)
    {
        Path = path;
    }

    private ImJsonException(string path, string message, Exception inner)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>A failure of the JSON reader itself (see <see cref="ImJson.ReadDocument{T}"/>), kept as the inner exception.</summary>
    internal static ImJsonException FromReader(string path, string message, Exception inner)
        => new(path, "Invalid IM response JSON at '" + path + "': " + message, inner);

    /// <summary>The property path (<c>MsgList[3].MsgBody</c>) where reading failed.</summary>
    public string Path { get; }

    /// <summary>The same failure seen from the enclosing property (<c>Text</c> becomes <c>MsgContent.Text</c>).</summary>
    public ImJsonException WithParent(string parent)
    {
        var path = Path.StartsWith("[", StringComparison.Ordinal) ? parent + Path : parent + "." + Path;
        var message = "Invalid IM response JSON at '" + path + "'" + Message.Substring(Message.IndexOf("':", StringComparison.Ordinal) + 1);
        return new ImJsonException(path, message, this);
    }
}
