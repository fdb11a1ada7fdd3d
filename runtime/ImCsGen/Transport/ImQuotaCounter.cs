using System;
using System.Text;
using System.Text.Json;

namespace ImCsGen.Transport;

/// <summary>Counts the items a call uses of an endpoint's quota, from the serialized request body.</summary>
internal static class ImQuotaCounter
{
    /// <summary>
    /// The number of elements of the top-level array <paramref name="field"/> of <paramref name="body"/>; 1 when
    /// the field is absent or not an array (one call is at least one message).
    /// </summary>
    public static int Count(ReadOnlySpan<byte> body, string field)
    {
        var name = Encoding.UTF8.GetBytes(field);
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return 1;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (!match)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return 1;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }

            return Math.Max(count, 1);
        }

        return 1;
    }
}
