using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Json;

/// <summary>Reads a spec file into a <see cref="JsonNode"/> tree with positions, or reports where its syntax breaks.</summary>
internal static class JsonTreeReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        // Contributors may annotate spec files; trailing commas are still an error, as in strict JSON.
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static JsonNode? Read(string path, string text, out DiagnosticInfo? error)
    {
        // A BOM would shift every byte offset; SourceText already decoded it.
        var utf8 = Encoding.UTF8.GetBytes(text);
        var positions = new TextPositions(path, text, utf8);
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read())
            {
                error = DiagnosticInfo.Create(Diagnostics.SpecDiagnostics.InvalidJson, positions.Span(0, 0), "the file is empty");
                return null;
            }

            var root = ReadValue(ref reader, positions);
            if (reader.Read())
            {
                error = DiagnosticInfo.Create(Diagnostics.SpecDiagnostics.InvalidJson, positions.Span(reader.TokenStartIndex, reader.BytesConsumed), "unexpected content after the top-level value");
                return null;
            }

            error = null;
            return root;
        }
        catch (JsonException e)
        {
            var where = positions.AtLineByte(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            error = DiagnosticInfo.Create(Diagnostics.SpecDiagnostics.InvalidJson, where, Clean(e.Message));
            return null;
        }
        catch (System.InvalidOperationException e)
        {
            // GetString on a lone surrogate escape ("\ud800") throws this, not JsonException; it used to end in
            // IMSPEC020 "internal error" (found by fuzzing, issue 18). It is invalid JSON text at that token.
            error = DiagnosticInfo.Create(Diagnostics.SpecDiagnostics.InvalidJson, positions.Span(reader.TokenStartIndex, reader.BytesConsumed), Clean(e.Message));
            return null;
        }
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader, TextPositions positions)
    {
        var start = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = new List<JsonProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString() ?? string.Empty;
                    var nameLocation = positions.Span(reader.TokenStartIndex, reader.BytesConsumed);
                    reader.Read();
                    properties.Add(new JsonProperty(name, nameLocation, ReadValue(ref reader, positions)));
                }

                return new JsonObjectNode(positions.Span(start, start + 1), properties);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<JsonNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, positions));
                }

                return new JsonArrayNode(positions.Span(start, start + 1), items);
            }

            case JsonTokenType.String:
                return new JsonScalarNode(positions.Span(start, reader.BytesConsumed), JsonKind.String, reader.GetString() ?? string.Empty);
            case JsonTokenType.Number:
                return new JsonScalarNode(positions.Span(start, reader.BytesConsumed), JsonKind.Number, Encoding.UTF8.GetString(reader.ValueSpan.ToArray()));
            case JsonTokenType.True:
                return new JsonScalarNode(positions.Span(start, reader.BytesConsumed), JsonKind.True, "true");
            case JsonTokenType.False:
                return new JsonScalarNode(positions.Span(start, reader.BytesConsumed), JsonKind.False, "false");
            default:
                return new JsonScalarNode(positions.Span(start, reader.BytesConsumed), JsonKind.Null, "null");
        }
    }

    // JsonException messages end with "LineNumber: x | BytePositionInLine: y."; the location says that already.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", System.StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).Trim();
    }
}
