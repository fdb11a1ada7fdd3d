using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImCsGen.Idempotency;
using ImCsGen.Serialization;

namespace ImCsGen.Transport;

/// <summary>
/// Serializes a request body once per logical call; every attempt sends the same bytes (and so the same
/// de-duplication keys). The array is exact-sized and owned by the call: HttpClient may still be sending it
/// when an early answer arrives, so it is never handed back to a pool.
/// </summary>
internal static class ImRequestBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [System.ThreadStatic]
    private static Cache? t_cache;

    // One buffer and writer per thread, reset after each call (as STJ's SerializeToUtf8Bytes does with its own
    // cache): a call allocates only the body array, not a new ArrayBufferWriter and Utf8JsonWriter (~750 bytes).
    // The cache is taken off the thread while in use, so a re-entrant call would simply build its own.
    public static byte[] Serialize(IImRequest request, ImDeduplicationKeys? keys)
    {
        var cache = t_cache ?? new Cache();
        t_cache = null;
        try
        {
            if (keys is { } chosen)
            {
                request.WriteJson(cache.Writer, in chosen);
            }
            else
            {
                request.WriteJson(cache.Writer);
            }

            cache.Writer.Flush();
            return cache.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            cache.Buffer.ResetWrittenCount();
            cache.Writer.Reset(cache.Buffer);

            // An unusually large body does not stay cached on the thread.
            if (cache.Buffer.Capacity <= Cache.MaxCachedCapacity)
            {
                t_cache = cache;
            }
        }
    }

    private sealed class Cache
    {
        public const int MaxCachedCapacity = 64 * 1024;

        public Cache() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);

        public ArrayBufferWriter<byte> Buffer { get; } = new(512);

        public Utf8JsonWriter Writer { get; }
    }
}
