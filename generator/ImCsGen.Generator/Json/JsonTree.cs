using System.Collections.Generic;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Json;

// A minimal JSON tree that remembers where each value and property name stands in the file, so every
// spec diagnostic can point at its line and column. JsonDocument does not expose positions.

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

internal abstract class JsonNode
{
    protected JsonNode(SpecLocation location) => Location = location;

    public SpecLocation Location { get; }

    public abstract JsonKind Kind { get; }

    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

internal sealed class JsonProperty
{
    public JsonProperty(string name, SpecLocation nameLocation, JsonNode value)
    {
        Name = name;
        NameLocation = nameLocation;
        Value = value;
    }

    public string Name { get; }

    public SpecLocation NameLocation { get; }

    public JsonNode Value { get; }
}

internal sealed class JsonObjectNode : JsonNode
{
    public JsonObjectNode(SpecLocation location, List<JsonProperty> properties)
        : base(location) => Properties = properties;

    public List<JsonProperty> Properties { get; }

    public override JsonKind Kind => JsonKind.Object;

    public JsonProperty? Find(string name)
    {
        foreach (var p in Properties)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }
}

internal sealed class JsonArrayNode : JsonNode
{
    public JsonArrayNode(SpecLocation location, List<JsonNode> items)
        : base(location) => Items = items;

    public List<JsonNode> Items { get; }

    public override JsonKind Kind => JsonKind.Array;
}

internal sealed class JsonScalarNode : JsonNode
{
    public JsonScalarNode(SpecLocation location, JsonKind kind, string text)
        : base(location)
    {
        Kind = kind;
        Text = text;
    }

    public override JsonKind Kind { get; }

    /// <summary>The string's value, or a number's literal text exactly as written.</summary>
    public string Text { get; }
}
