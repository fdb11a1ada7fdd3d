using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImCsGen.Emulator.State;

/// <summary>Tiny JSON helpers for raw values kept in the state.</summary>
internal static class Json
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteRaw(Utf8JsonWriter writer, string rawJson)
    {
        using var document = JsonDocument.Parse(rawJson);
        document.RootElement.WriteTo(writer);
    }
}
