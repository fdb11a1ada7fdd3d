using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>src 30: a bot answer as Markdown (<c>content</c> is the Markdown text).</summary>
public sealed class RichTextMessage : CustomerServiceMessage
{
    /// <summary>Creates the message.</summary>
    public RichTextMessage(string markdown) => Markdown = CsJson.Required(markdown, nameof(markdown));

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.RichText;

    /// <summary>The Markdown text.</summary>
    public string Markdown { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer) => writer.WriteString("content", Markdown);

    internal static RichTextMessage ReadPayload(JsonElement root) => new(CsJson.RequiredString(root, "content", "content"));
}
