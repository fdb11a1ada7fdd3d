using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace ImCsGen.Generator.Tests.Support;

internal static class JsonAssert
{
    /// <summary>Asserts two JSON texts are the same value (property order ignored, numbers compared by value).</summary>
    public static void Equivalent(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = Compare(e.RootElement, a.RootElement, "$");
        if (difference is not null)
        {
            throw new XunitException("JSON differs at " + difference + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Utf8JsonReader Reader(string json) => new(Encoding.UTF8.GetBytes(json));

    private static string? Compare(JsonElement e, JsonElement a, string path)
    {
        if (e.ValueKind != a.ValueKind)
        {
            return path + ": " + e.ValueKind + " vs " + a.ValueKind;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var eNames = e.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var aNames = a.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (!eNames.SequenceEqual(aNames))
                {
                    return path + ": properties [" + string.Join(",", eNames) + "] vs [" + string.Join(",", aNames) + "]";
                }

                foreach (var name in eNames)
                {
                    var d = Compare(e.GetProperty(name), a.GetProperty(name), path + "." + name);
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (e.GetArrayLength() != a.GetArrayLength())
                {
                    return path + ": length " + e.GetArrayLength() + " vs " + a.GetArrayLength();
                }

                for (var i = 0; i < e.GetArrayLength(); i++)
                {
                    var d = Compare(e[i], a[i], path + "[" + i + "]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return e.GetDecimal() == a.GetDecimal() ? null : path + ": " + e + " vs " + a;
            default:
                return e.ToString() == a.ToString() ? null : path + ": " + e + " vs " + a;
        }
    }
}
