using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>
/// The JSON pieces every before-callback family needs to turn an app's reply into the REST caller's answer:
/// the answer envelope, copying reply fields into a rewritten body, and writing to bytes.
/// </summary>
internal static class CallbackJson
{
    /// <summary>
    /// The REST answer for a refused or dropped call. A drop (<paramref name="dropTime"/> set) looks like an ordinary
    /// success to the sender; <paramref name="dropKey"/> adds the C2C MsgKey such a success carries.
    /// </summary>
    public static byte[] Envelope(int code, string info, long? dropTime = null, bool dropKey = false)
        => Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("ActionStatus", code == 0 ? "OK" : "FAIL");
            w.WriteString("ErrorInfo", info);
            w.WriteNumber("ErrorCode", code);
            if (dropTime is { } time)
            {
                w.WriteNumber("MsgTime", time);
                if (dropKey)
                {
                    w.WriteString("MsgKey", "0_0_" + time.ToString(CultureInfo.InvariantCulture));
                }
            }

            w.WriteEndObject();
        });

    /// <summary>Copies <paramref name="name"/> from the app's reply when it is present and not null.</summary>
    public static void Copy(Utf8JsonWriter w, JsonElement from, string name)
    {
        if (from.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
