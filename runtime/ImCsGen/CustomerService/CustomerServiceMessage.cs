using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>
/// One message of Tencent's customer-service plugin: the JSON that goes into <c>TIMCustomElem.Data</c>,
/// marked with <c>"customerServicePlugin": 0</c> and typed by its <c>src</c> code. Build one of the
/// derived types and call <see cref="ToData"/>; read received data with <see cref="TryParse"/>.
/// </summary>
public abstract class CustomerServiceMessage
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII text (Chinese menus) readable in the stored message instead of \uXXXX escapes;
        // the Data string is embedded in another JSON document, which escapes it again where needed.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The plugin's <c>src</c> code (see <see cref="CustomerServiceSrc"/>).</summary>
    public abstract string Src { get; }

    /// <summary>The JSON for <c>TIMCustomElem.Data</c>.</summary>
    public string ToData()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the whole message object.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("src", Src);
        writer.WriteNumber("customerServicePlugin", 0);
        WritePayload(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the properties that follow <c>src</c> and the plugin marker.</summary>
    protected abstract void WritePayload(Utf8JsonWriter writer);

    /// <inheritdoc />
    public override string ToString() => GetType().Name + " (src " + Src + ")";

    /// <summary>
    /// Whether <paramref name="data"/> is a customer-service plugin message (a JSON object whose
    /// <c>customerServicePlugin</c> is 0), without building it.
    /// </summary>
    public static bool IsCustomerServiceData(string? data)
    {
        if (string.IsNullOrEmpty(data) || data[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            return HasPluginMarker(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads a plugin message. Returns false when <paramref name="data"/> is not a plugin message at all
    /// (not JSON, or no <c>customerServicePlugin: 0</c>); throws <see cref="FormatException"/> naming the
    /// field when it is one but a known <c>src</c> has a malformed payload.
    /// </summary>
    public static bool TryParse(string? data, out CustomerServiceMessage? message)
    {
        message = null;
        if (string.IsNullOrEmpty(data) || data[0] != '{')
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!HasPluginMarker(root))
            {
                return false;
            }

            message = Read(root, data);
            return true;
        }
    }

    /// <summary>Reads a plugin message or throws <see cref="FormatException"/> saying why it is not one.</summary>
    public static CustomerServiceMessage Parse(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (TryParse(data, out var message))
        {
            return message!;
        }

        throw new FormatException("Not a customer-service plugin message: the Data must be a JSON object with \"customerServicePlugin\": 0.");
    }

    private static CustomerServiceMessage Read(JsonElement root, string raw)
    {
        var src = CsJson.ReadSrc(root);
        return src switch
        {
            CustomerServiceSrc.SessionRequest => new SessionRequestMessage(),
            CustomerServiceSrc.BranchMenu => BranchMenuMessage.ReadPayload(root),
            CustomerServiceSrc.ProductCard => ProductCardMessage.ReadPayload(root),
            CustomerServiceSrc.SatisfactionRequest => SatisfactionRequestMessage.ReadPayload(root),
            CustomerServiceSrc.SatisfactionAnswer => SatisfactionAnswerMessage.ReadPayload(root),
            CustomerServiceSrc.Form => FormMessage.ReadPayload(root),
            CustomerServiceSrc.RichText => RichTextMessage.ReadPayload(root),
            CustomerServiceSrc.SessionEnd => new SessionEndMessage(CsJson.OptionalString(root, "content")),
            CustomerServiceSrc.SessionTimeout => new SessionTimeoutMessage(CsJson.OptionalString(root, "content")),
            CustomerServiceSrc.NoSeatOnline => new NoSeatOnlineMessage(CsJson.OptionalString(root, "content")),
            _ => new UnknownCustomerServiceMessage(src, raw),
        };
    }

    private static bool HasPluginMarker(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("customerServicePlugin", out var marker))
        {
            return false;
        }

        // Clients compare with == 0, so "0" as a string counts too.
        return marker.ValueKind switch
        {
            JsonValueKind.Number => marker.TryGetInt32(out var n) && n == 0,
            JsonValueKind.String => string.Equals(marker.GetString(), "0", StringComparison.Ordinal),
            _ => false,
        };
    }
}

/// <summary>Small readers shared by the message types; errors name the JSON path.</summary>
internal static class CsJson
{
    public static string ReadSrc(JsonElement root)
    {
        if (!root.TryGetProperty("src", out var src))
        {
            throw new FormatException("src: missing; every customer-service plugin message carries its src code.");
        }

        return src.ValueKind switch
        {
            JsonValueKind.String => src.GetString() ?? string.Empty,
            JsonValueKind.Number => src.GetRawText(),
            _ => throw new FormatException("src: expected a string or a number but found " + src.ValueKind.ToString() + "."),
        };
    }

    public static JsonElement RequiredObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(path + ": expected a JSON object.");
        }

        return value;
    }

    public static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new FormatException(name + ": expected a string but found " + value.ValueKind.ToString() + "."),
        };
    }

    public static string RequiredString(JsonElement parent, string name, string path)
        => OptionalString(parent, name) ?? throw new FormatException(path + ": missing; a string is required.");

    public static long? OptionalInt64(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new FormatException(path + ": expected an integer.");
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException(path + ": expected a JSON array.");
        }

        return value.EnumerateArray();
    }

    public static string Required(string? value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(parameterName + " must not be empty.", parameterName);
        }

        return value;
    }
}
