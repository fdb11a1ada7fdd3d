using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>One entry of a branch menu. Tapping it makes the client send <see cref="Content"/> as plain text.</summary>
public sealed class BranchMenuItem
{
    /// <summary>Creates an entry.</summary>
    public BranchMenuItem(string content, string? description = null)
    {
        Content = CsJson.Required(content, nameof(content));
        Description = description;
    }

    /// <summary>The entry's text (<c>content</c>), sent back verbatim when chosen.</summary>
    public string Content { get; }

    /// <summary>Optional explanation under the entry (<c>desc</c>).</summary>
    public string? Description { get; }
}

/// <summary>src 15: a branch / hot-question menu: <c>content{header, items[{content, desc}], selected?{content}}</c>.</summary>
public sealed class BranchMenuMessage : CustomerServiceMessage
{
    /// <summary>Creates a menu with at least one entry.</summary>
    public BranchMenuMessage(string header, IReadOnlyList<BranchMenuItem> items, string? selected = null)
    {
        Header = CsJson.Required(header, nameof(header));
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("items: a branch menu needs at least one entry.", nameof(items));
        }

        Items = items;
        Selected = selected;
    }

    /// <summary>Creates a menu from entry texts.</summary>
    public BranchMenuMessage(string header, params string[] items)
        : this(header, ToItems(items))
    {
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.BranchMenu;

    /// <summary>The menu title (<c>content.header</c>; some senders write <c>title</c>).</summary>
    public string Header { get; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<BranchMenuItem> Items { get; }

    /// <summary>The entry already chosen, if the menu is shown as answered.</summary>
    public string? Selected { get; }

    /// <summary>The entry whose content equals <paramref name="text"/> (ordinal, trimmed), or null.</summary>
    public BranchMenuItem? FindItem(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        foreach (var item in Items)
        {
            if (string.Equals(item.Content, trimmed, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("content");
        writer.WriteString("header", Header);
        writer.WriteStartArray("items");
        foreach (var item in Items)
        {
            writer.WriteStartObject();
            writer.WriteString("content", item.Content);
            if (item.Description is not null)
            {
                writer.WriteString("desc", item.Description);
            }

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

    internal static BranchMenuMessage ReadPayload(JsonElement root)
    {
        var content = CsJson.RequiredObject(root, "content", "content");
        var header = CsJson.OptionalString(content, "header") ?? CsJson.OptionalString(content, "title") ?? string.Empty;
        var items = new List<BranchMenuItem>();
        var index = 0;
        foreach (var item in CsJson.Array(content, "items", "content.items"))
        {
            var path = "content.items[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            items.Add(new BranchMenuItem(CsJson.RequiredString(item, "content", path + ".content"), CsJson.OptionalString(item, "desc")));
            index++;
        }

        string? selected = null;
        if (content.TryGetProperty("selected", out var selectedElement) && selectedElement.ValueKind == JsonValueKind.Object)
        {
            selected = CsJson.OptionalString(selectedElement, "content");
        }

        if (items.Count == 0)
        {
            throw new FormatException("content.items: a branch menu needs at least one entry.");
        }

        return new BranchMenuMessage(header.Length == 0 ? "-" : header, items, selected);
    }

    private static BranchMenuItem[] ToItems(string[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new BranchMenuItem[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            result[i] = new BranchMenuItem(items[i]);
        }

        return result;
    }
}
