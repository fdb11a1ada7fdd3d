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
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String
            && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
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

    /// <summary>Reads any JSON value and keeps it as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ReadElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

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
