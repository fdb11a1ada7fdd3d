using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>src 21: a form asking the user for information; the answer comes back as plain text.</summary>
public sealed class FormMessage : CustomerServiceMessage
{
    /// <summary>Form type 1: the user picks one of <see cref="Items"/>.</summary>
    public const int ChoiceType = 1;

    /// <summary>Form type 2 (any value but 1): the user types free text.</summary>
    public const int InputType = 2;

    /// <summary>Creates a form. A choice form needs at least one item.</summary>
    public FormMessage(int type, string header, IReadOnlyList<string>? items = null, string? selected = null)
    {
        Header = CsJson.Required(header, nameof(header));
        Items = items ?? Array.Empty<string>();
        if (type == ChoiceType && Items.Count == 0)
        {
            throw new ArgumentException("items: a choice form (type 1) needs at least one item.", nameof(items));
        }

        Type = type;
        Selected = selected;
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.Form;

    /// <summary><see cref="ChoiceType"/> or free input.</summary>
    public int Type { get; }

    /// <summary>The question (<c>content.header</c>).</summary>
    public string Header { get; }

    /// <summary>The choices (<c>content.items[].content</c>).</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>The answer already given, if shown as answered.</summary>
    public string? Selected { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("content");
        writer.WriteNumber("type", Type);
        writer.WriteString("header", Header);
        writer.WriteStartArray("items");
        foreach (var item in Items)
        {
            writer.WriteStartObject();
            writer.WriteString("content", item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (Selected is not null)
        {
            writer.WriteStartObject("selected");
            writer.WriteString("content", Selected);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    internal static FormMessage ReadPayload(JsonElement root)
    {
        var content = CsJson.RequiredObject(root, "content", "content");
        var type = (int)(CsJson.OptionalInt64(content, "type", "content.type") ?? InputType);
        var items = new List<string>();
        if (content.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                items.Add(CsJson.RequiredString(item, "content", "content.items[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].content"));
                index++;
            }
        }

        string? selected = null;
        if (content.TryGetProperty("selected", out var selectedElement) && selectedElement.ValueKind == JsonValueKind.Object)
        {
            selected = CsJson.OptionalString(selectedElement, "content");
        }

        if (type == ChoiceType && items.Count == 0)
        {
            throw new FormatException("content.items: a choice form (type 1) needs at least one item.");
        }

        return new FormMessage(type, CsJson.RequiredString(content, "header", "content.header"), items, selected);
    }
}
