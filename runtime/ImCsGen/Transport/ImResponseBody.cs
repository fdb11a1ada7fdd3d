using System;
using System.Buffers;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Transport;

/// <summary>
/// An answer body read into a pooled array. The envelope reader parses it in place (nothing read keeps a
/// reference to the bytes), then <see cref="Dispose"/> returns the array: no copy of the body is ever made.
/// </summary>
internal readonly struct ImResponseBody : IDisposable
{
    private readonly byte[]? _buffer;

    private ImResponseBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer is null ? default : _buffer.AsSpan(0, Length);

    /// <summary>
    /// Reads the body up to <paramref name="maxBytes"/>; a larger answer is refused (by its Content-Length when
    /// it has one, else as soon as it grows past the cap), never buffered whole.
    /// </summary>
    public static async ValueTask<ImResponseBody> ReadAsync(HttpContent content, int maxBytes, string path, int status, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw TooLarge(path, status, maxBytes, length.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > maxBytes)
                    {
                        throw TooLarge(path, status, maxBytes, "more than " + maxBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)maxBytes + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count, Math.Min(buffer.Length, maxBytes + 1) - count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // Ownership of the array passes to the caller, who disposes the result.
                    var body = new ImResponseBody(buffer, count);
                    buffer = null;
                    return body;
                }

                count += read;
                if (count > maxBytes)
                {
                    throw TooLarge(path, status, maxBytes, "more than " + maxBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static ImTransportException TooLarge(string path, int status, int maxBytes, string size)
        => new(ImErrorCodes.InvalidResponse, path, "the answer has " + size + ", more than MaxResponseBytes (" + maxBytes.ToString(CultureInfo.InvariantCulture) + "); it was not read", false, status);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
