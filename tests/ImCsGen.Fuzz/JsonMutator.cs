using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImCsGen.Fuzz;

/// <summary>Raw JSON text kept in a tree node as is (deep nesting, lone surrogates, huge numbers).</summary>
internal sealed record RawJson(string Text);

/// <summary>
/// A seeded, structure-aware mutator of JSON documents: it parses a seed (a real spec file or a documented
/// example), applies one to four tree edits (wrong types, missing or renamed members, duplicate names, copied
/// subtrees that make type references cyclic, huge and non-finite numbers, odd strings, deep nesting), writes
/// the tree back (sometimes with a duplicated property), and sometimes damages the bytes (truncation, invalid
/// UTF-8, trailing content). The same seed and Random state always give the same bytes, so a run is replayable.
/// </summary>
internal static class JsonMutator
{
    /// <summary>Replacement values as raw JSON: type confusion, integer edges, non-finite and overlong numbers, odd strings.</summary>
    private static readonly string[] Atoms =
    {
        "null", "true", "false", "0", "-0", "1", "-1", "0.5", "1e400", "-1e400", "1e-400", "-1E+400",
        "2147483647", "2147483648", "-2147483649", "4294967295", "4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890123456789", "1.7976931348623157e308",
        "\"\"", "\"x\"", "\"-1e400\"", "\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"99999999999999999999\"",
        "\"true\"", "\"0\"", "\"-1\"", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\\n\\t\\\"\"",
        "\"\u00e9\u4e2d\u6587\"", "\"OK\"", "\"FAIL\"", "[]", "{}", "[null]", "[[]]", "{\"\":null}", "[1,\"a\",{}]",
    };

    /// <summary>Bytes that open, close or separate JSON values, or start a number or an escape.</summary>
    private const string StructuralBytes = "{}[],:\"\\0e-";

    private static readonly string[] TrailingContent = { " x", "{}", ",", "]", "}", " {\"a\":1}", "\u0000", " null", "\"", " 1" };

    /// <summary>Mutates <paramref name="seed"/> (valid UTF-8 JSON) with <paramref name="random"/>.</summary>
    public static byte[] Mutate(byte[] seed, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            // A seed that is already malformed (a replayed crash): damage its bytes only.
            return MutateBytes(seed, random);
        }

        var keys = new List<string>();
        var strings = new List<string>();
        Collect(root, keys, strings);
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            root = Edit(root, random, keys, strings);
        }

        var text = new StringBuilder(seed.Length + 64);
        Write(root, text, random, duplicateChance: random.Next(8) == 0 ? 0.05 : 0);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return random.Next(4) == 0 ? MutateBytes(bytes, random) : bytes;
    }

    /// <summary>Byte damage: truncation, invalid UTF-8 in a string, trailing content, a flipped/removed/inserted byte, a BOM.</summary>
    public static byte[] MutateBytes(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        switch (random.Next(7))
        {
            case 0:
                return input.AsSpan(0, random.Next(input.Length + 1)).ToArray();
            case 1:
                // Invalid UTF-8 right after a quote (mostly inside a string): a lone continuation byte, an
                // overlong form, an encoded surrogate, a truncated sequence.
                byte[][] bad = { new byte[] { 0xFF }, new byte[] { 0x80 }, new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xE4, 0xB8 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 } };
                var quotes = Enumerable.Range(0, bytes.Count).Where(i => bytes[i] == (byte)'"').ToList();
                var at = quotes.Count > 0 ? quotes[random.Next(quotes.Count)] + 1 : random.Next(bytes.Count + 1);
                bytes.InsertRange(at, bad[random.Next(bad.Length)]);
                break;
            case 2:
                bytes.AddRange(Encoding.UTF8.GetBytes(TrailingContent[random.Next(TrailingContent.Length)]));
                break;
            case 3 when bytes.Count > 0:
                var flip = random.Next(bytes.Count);
                bytes[flip] = (byte)(bytes[flip] ^ (1 << random.Next(8)));
                break;
            case 4 when bytes.Count > 0:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
            case 5:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)StructuralBytes[random.Next(StructuralBytes.Length)]);
                break;
            default:
                bytes.InsertRange(0, new byte[] { 0xEF, 0xBB, 0xBF });
                break;
        }

        return bytes.ToArray();
    }

    private static JsonNode? Edit(JsonNode? root, Random random, List<string> keys, List<string> strings)
    {
        var nodes = new List<JsonNode>();
        Nodes(root, nodes);
        if (nodes.Count == 0)
        {
            return Atom(random);
        }

        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(11))
        {
            case 0:
            case 1:
                return Replace(root, target, Atom(random));
            case 2:
                // A copy of another subtree: a type reference pointing at another (or the enclosing) type makes cycles.
                return Replace(root, target, nodes[random.Next(nodes.Count)].DeepClone());
            case 3:
                if (RandomObject(nodes, random) is { Count: > 0 } removeFrom)
                {
                    removeFrom.RemoveAt(random.Next(removeFrom.Count));
                }

                return root;
            case 4:
                if (RandomObject(nodes, random) is { Count: > 0 } renameIn)
                {
                    // Renamed to another key of the document (a duplicate or misplaced name), or to an odd one.
                    var index = random.Next(renameIn.Count);
                    var (_, value) = renameIn.GetAt(index);
                    var name = random.Next(3) == 0 ? OddString(random) : keys.Count > 0 ? keys[random.Next(keys.Count)] : "x";
                    renameIn.RemoveAt(index);
                    renameIn[name] = value;
                }

                return root;
            case 5:
                if (RandomObject(nodes, random) is { } addTo && keys.Count > 0)
                {
                    addTo[keys[random.Next(keys.Count)]] = random.Next(2) == 0 ? Atom(random) : nodes[random.Next(nodes.Count)].DeepClone();
                }

                return root;
            case 6:
                if (nodes.OfType<JsonArray>().ToList() is { Count: > 0 } arrays)
                {
                    var array = arrays[random.Next(arrays.Count)];
                    if (array.Count > 0 && random.Next(2) == 0)
                    {
                        array.RemoveAt(random.Next(array.Count));
                    }
                    else if (array.Count > 0)
                    {
                        var copies = random.Next(3) == 0 ? 200 : 1;
                        for (var i = 0; i < copies; i++)
                        {
                            array.Add(array[random.Next(array.Count)]?.DeepClone());
                        }
                    }
                    else
                    {
                        array.Add(Atom(random));
                    }
                }

                return root;
            case 7:
                return Replace(root, target, JsonValue.Create(new RawJson(Nested(random, target))));
            case 8:
                return Replace(root, target, JsonValue.Create(strings.Count > 0 && random.Next(2) == 0 ? strings[random.Next(strings.Count)] : OddString(random)));
            case 9:
                return Replace(root, target, JsonValue.Create(new RawJson(OddNumber(random))));
            default:
                return Replace(root, target, JsonValue.Create(new RawJson(Encoding.UTF8.GetString(MutateBytes(Encoding.UTF8.GetBytes(target.ToJsonString()), random)))));
        }
    }

    /// <summary>The value wrapped in arrays and objects: a little (within the readers' depth) or a lot (stack depth).</summary>
    private static string Nested(Random random, JsonNode inner)
    {
        var depth = random.Next(4) switch { 0 => random.Next(1, 8), 1 => random.Next(60, 70), 2 => random.Next(200, 600), _ => random.Next(5_000, 20_000) };
        var text = new StringBuilder();
        var closers = new Stack<char>();
        for (var i = 0; i < depth; i++)
        {
            if (random.Next(2) == 0)
            {
                text.Append('[');
                closers.Push(']');
            }
            else
            {
                text.Append("{\"a\":");
                closers.Push('}');
            }
        }

        text.Append(inner.ToJsonString());
        while (closers.Count > 0)
        {
            text.Append(closers.Pop());
        }

        return text.ToString();
    }

    private static string OddNumber(Random random) => random.Next(6) switch
    {
        0 => "1" + new string('0', random.Next(20, 400)),
        1 => "-" + random.Next(1, 9).ToString(CultureInfo.InvariantCulture) + "e" + random.Next(300, 100_000).ToString(CultureInfo.InvariantCulture),
        2 => "0." + new string('0', random.Next(300, 400)) + "1",
        3 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        4 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture) + "e" + random.Next(-400, 400).ToString(CultureInfo.InvariantCulture),
        _ => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
    };

    private static string OddString(Random random) => random.Next(7) switch
    {
        0 => string.Empty,
        1 => new string('x', random.Next(1_000, 70_000)),
        2 => "\ud800",
        3 => "a\u0000b\u001f",
        4 => "\u4e2d\u6587\ud83d\ude00 \u200b",
        5 => "class",
        _ => "Name" + random.Next(100).ToString(CultureInfo.InvariantCulture),
    };

    private static JsonNode? Atom(Random random) => JsonValue.Create(new RawJson(Atoms[random.Next(Atoms.Length)]));

    private static JsonObject? RandomObject(List<JsonNode> nodes, Random random)
    {
        var objects = nodes.OfType<JsonObject>().ToList();
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }

    private static JsonNode? Replace(JsonNode? root, JsonNode target, JsonNode? replacement)
    {
        if (ReferenceEquals(root, target) || target.Parent is null)
        {
            return replacement;
        }

        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }

        return root;
    }

    private static void Nodes(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                Nodes(child, into);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Nodes(child, into);
            }
        }
    }

    private static void Collect(JsonNode? node, List<string> keys, List<string> strings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    keys.Add(key);
                    Collect(child, keys, strings);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, keys, strings);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                strings.Add(value.GetValue<string>());
                break;
        }
    }

    private static void Write(JsonNode? node, StringBuilder text, Random random, double duplicateChance)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, child) in obj)
                {
                    var times = duplicateChance > 0 && random.NextDouble() < duplicateChance ? 2 : 1;
                    for (var i = 0; i < times; i++)
                    {
                        if (!first)
                        {
                            text.Append(',');
                        }

                        first = false;
                        WriteString(key, text);
                        text.Append(':');
                        Write(child, text, random, duplicateChance);
                    }
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(array[i], text, random, duplicateChance);
                }

                text.Append(']');
                break;
            case JsonValue value when value.TryGetValue<RawJson>(out var raw):
                text.Append(raw.Text);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(value.GetValue<string>(), text);
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>A JSON string literal; non-ASCII text stays as is, lone surrogates become \u escapes.</summary>
    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
