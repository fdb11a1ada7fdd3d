using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImCsGen.Idempotency;

namespace ImCsGen.Emulator.State;

/// <summary>
/// Remembers de-duplication keys of stored messages, applying a rule read from the spec's emitted metadata
/// (<see cref="ImDeduplicationRule"/> on the generated endpoint): which fields make the key, whether the
/// content's CRC32 is part of it, how long a key lives (by the emulator's clock) and its scope. Endpoints
/// whose rules cite the same Tencent page share one key space (sendmsg and batchsendmsg: one C2C rule).
/// </summary>
internal sealed class DeduplicationIndex
{
    private readonly Dictionary<string, (StoredMessage Message, DateTimeOffset StoredAt)> _keys = new(StringComparer.Ordinal);

    /// <summary>The message stored under <paramref name="key"/> whose key is still valid at <paramref name="now"/>, or null.</summary>
    public StoredMessage? Find(string key, ImDeduplicationRule rule, DateTimeOffset now)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (rule.WindowSeconds is { } window && now - entry.StoredAt > TimeSpan.FromSeconds(window))
        {
            // Expired: Tencent no longer knows the key, so the same keys store a new message.
            _keys.Remove(key);
            return null;
        }

        return entry.Message;
    }

    public void Remember(string key, StoredMessage message, DateTimeOffset now) => _keys[key] = (message, now);

    public void Clear() => _keys.Clear();

    /// <summary>
    /// The key of one message under <paramref name="rule"/>. Key fields come from <paramref name="resolved"/>
    /// (values the handler resolved: the sender when From_Account is absent, a MsgSeq the server filled)
    /// or else from the body's JSON; the scope adds the recipient or the conversation.
    /// </summary>
    public static string Compose(ImDeduplicationRule rule, JsonElement body, IReadOnlyDictionary<string, string> resolved, string from, string to)
    {
        var key = new StringBuilder(rule.Source).Append('\n');
        key.Append(rule.Scope == ImDeduplicationScope.Conversation ? EmulatorState.PairKey(from, to) : from + "\n" + to).Append('\n');
        foreach (var field in rule.KeyFields)
        {
            key.Append(field).Append('=');
            if (resolved.TryGetValue(field, out var value))
            {
                key.Append(value);
            }
            else if (body.TryGetProperty(field, out var element) && element.ValueKind != JsonValueKind.Null)
            {
                key.Append(element.GetRawText());
            }

            key.Append('\n');
        }

        if (rule.ContentChecksum == ImContentChecksum.Crc32 && body.TryGetProperty(rule.ContentField!, out var content))
        {
            key.Append("crc32=").Append(Crc32.Of(content).ToString("x8", CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    /// <summary>For each field the rule says Tencent fills when absent: a random uint32 if the body leaves it out.</summary>
    public static Dictionary<string, string> FillMissing(ImDeduplicationRule rule, JsonElement body, Random random, out Dictionary<string, uint> filled)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        filled = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var field in rule.ServerFillsMissing)
        {
            if (!body.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                var value = (uint)random.NextInt64(0, uint.MaxValue + 1L);
                filled[field] = value;
                resolved[field] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        return resolved;
    }
}

/// <summary>CRC-32 (IEEE 802.3, the zlib polynomial) of a JSON value written compactly.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    public static uint Of(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        var crc = 0xFFFF_FFFFu;
        foreach (var b in buffer.WrittenSpan)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
