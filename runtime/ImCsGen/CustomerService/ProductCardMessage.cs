using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>src 22: a product card <c>content{header, desc, pic, url}</c>; either side may send one.</summary>
public sealed class ProductCardMessage : CustomerServiceMessage
{
    /// <summary>Creates a card.</summary>
    public ProductCardMessage(string header, string? description, string? pictureUrl, string? url)
    {
        Header = CsJson.Required(header, nameof(header));
        Description = description;
        PictureUrl = pictureUrl;
        Url = url;
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.ProductCard;

    /// <summary>Product name (<c>header</c>).</summary>
    public string Header { get; }

    /// <summary>Short description, e.g. a price (<c>desc</c>).</summary>
    public string? Description { get; }

    /// <summary>Picture URL (<c>pic</c>).</summary>
    public string? PictureUrl { get; }

    /// <summary>Link opened when the card is tapped (<c>url</c>).</summary>
    public string? Url { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("content");
        writer.WriteString("header", Header);
        WriteOptional(writer, "desc", Description);
        WriteOptional(writer, "pic", PictureUrl);
        WriteOptional(writer, "url", Url);
        writer.WriteEndObject();
    }

    internal static ProductCardMessage ReadPayload(JsonElement root)
    {
        var content = CsJson.RequiredObject(root, "content", "content");
        return new ProductCardMessage(
            CsJson.RequiredString(content, "header", "content.header"),
            CsJson.OptionalString(content, "desc"),
            CsJson.OptionalString(content, "pic"),
            CsJson.OptionalString(content, "url"));
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
