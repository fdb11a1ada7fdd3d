using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImCsGen.Validation;

/// <summary>Checks the generated <c>Validate</c> methods call; each throws <see cref="ImValidationException"/>.</summary>
public static class ImValidate
{
    /// <summary>Tencent's limit on a UserID, in UTF-8 bytes.</summary>
    public const int MaxUserIdBytes = 32;

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>A required value must not be null.</summary>
    public static void Required(object? value, string field)
    {
        if (value is null)
        {
            throw new ImValidationException(field, "required", "is required but is null.");
        }
    }

    /// <summary>A UserID: non-empty, not only white space, at most 32 UTF-8 bytes.</summary>
    public static void UserId(string? value, string field)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            throw new ImValidationException(field, "userId", "a UserID must not be empty or white space.");
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxUserIdBytes)
        {
            throw new ImValidationException(field, "userId", "a UserID is at most 32 UTF-8 bytes; this one has " + bytes.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>Every item of a UserID list.</summary>
    public static void UserIds(IList<string>? values, string field)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var item = values[i];
            if (item is null)
            {
                throw new ImValidationException(Item(field, i), "required", "a list item must not be null.");
            }

            // The item path is built only on failure: validation must not allocate on the happy path.
            try
            {
                UserId(item, field);
            }
            catch (ImValidationException e)
            {
                throw new ImValidationException(Item(field, i), e.Rule, e.Detail);
            }
        }
    }

    /// <summary>Byte-length and pattern rules applied to every item of a string list.</summary>
    public static void EachString(IList<string>? values, int minBytes, int maxBytes, string? pattern, string field)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            try
            {
                Required(values[i], field);
                MinBytes(values[i], minBytes, field);
                MaxBytes(values[i], maxBytes, field);
                if (pattern is not null)
                {
                    Pattern(values[i], pattern, field);
                }
            }
            catch (ImValidationException e)
            {
                throw new ImValidationException(Item(field, i), e.Rule, e.Detail);
            }
        }
    }

    /// <summary>Length in UTF-8 bytes at most <paramref name="max"/>.</summary>
    public static void MaxBytes(string? value, int max, string field)
    {
        if (value is not null)
        {
            var bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > max)
            {
                throw new ImValidationException(field, "maxBytes", "is at most " + max.ToString(CultureInfo.InvariantCulture) + " UTF-8 bytes; this value has " + bytes.ToString(CultureInfo.InvariantCulture) + ".");
            }
        }
    }

    /// <summary>Length in UTF-8 bytes at least <paramref name="min"/>.</summary>
    public static void MinBytes(string? value, int min, string field)
    {
        if (value is not null)
        {
            var bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes < min)
            {
                throw new ImValidationException(field, "minBytes", "is at least " + min.ToString(CultureInfo.InvariantCulture) + " UTF-8 bytes; this value has " + bytes.ToString(CultureInfo.InvariantCulture) + ".");
            }
        }
    }

    /// <summary>An integer within inclusive bounds.</summary>
    public static void Range(long? value, long min, long max, string field)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ImValidationException(field, "range", "must be within " + min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture) + "; got " + v.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>A number within inclusive bounds.</summary>
    public static void Range(double? value, double min, double max, string field)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            throw new ImValidationException(field, "range", "must be within " + min.ToString("R", CultureInfo.InvariantCulture) + ".." + max.ToString("R", CultureInfo.InvariantCulture) + "; got " + v.ToString("R", CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>At most <paramref name="max"/> items.</summary>
    public static void MaxItems<T>(ICollection<T>? value, int max, string field)
    {
        if (value is not null && value.Count > max)
        {
            throw new ImValidationException(field, "maxItems", "takes at most " + max.ToString(CultureInfo.InvariantCulture) + " items; got " + value.Count.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>At least <paramref name="min"/> items.</summary>
    public static void MinItems<T>(ICollection<T>? value, int min, string field)
    {
        if (value is not null && value.Count < min)
        {
            throw new ImValidationException(field, "minItems", "needs at least " + min.ToString(CultureInfo.InvariantCulture) + " items; got " + value.Count.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    /// <summary>At most <paramref name="max"/> items whose kind (discriminator) is <paramref name="kind"/>.</summary>
    public static void MaxPerVariant<T>(IList<T>? items, string kind, int max, string field, Func<T, string> kindOf)
    {
        ArgumentNullException.ThrowIfNull(kindOf);
        if (items is null)
        {
            return;
        }

        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && string.Equals(kindOf(item), kind, StringComparison.Ordinal) && ++count > max)
            {
                throw new ImValidationException(field, "maxPerVariant", "takes at most " + max.ToString(CultureInfo.InvariantCulture) + " " + kind + " item(s); item " + i.ToString(CultureInfo.InvariantCulture) + " is one too many.");
            }
        }
    }

    /// <summary>The whole value matches <paramref name="pattern"/>.</summary>
    public static void Pattern(string? value, string pattern, string field)
    {
        if (value is null)
        {
            return;
        }

        var regex = Patterns.GetOrAdd(pattern, static p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        if (!regex.IsMatch(value))
        {
            throw new ImValidationException(field, "pattern", "must match the pattern " + pattern + ".");
        }
    }

    /// <summary>
    /// Starts measuring the JSON size of a value: write it to the returned scope's <see cref="JsonSizeScope.Writer"/>,
    /// then call <see cref="EndJsonSize"/>. The writer and its buffer are reused per thread, so the check
    /// costs no allocation per request.
    /// </summary>
    public static JsonSizeScope StartJsonSize()
    {
        var scope = t_sizeScope ??= new JsonSizeScope();
        scope.Reset();
        return scope;
    }

    /// <summary>Ends a measurement and throws when the value took more than <paramref name="max"/> bytes.</summary>
    public static void EndJsonSize(JsonSizeScope scope, int max, string field)
    {
        scope.Writer.Flush();
        var size = scope.Counter.Count;
        if (size > max)
        {
            throw TooLarge(field, max, size);
        }
    }

    [ThreadStatic]
    private static JsonSizeScope? t_sizeScope;

    /// <summary>Where the next byte of <paramref name="writer"/> goes: the start of a value measured as it is written.</summary>
    public static long JsonPosition(Utf8JsonWriter writer) => writer.BytesCommitted + writer.BytesPending;

    /// <summary>
    /// Throws when the value written since <paramref name="start"/> (a <see cref="JsonPosition"/>) took more than
    /// <paramref name="max"/> bytes: the same rule and message as the measuring pass of Validate().
    /// </summary>
    public static void WrittenJsonSize(Utf8JsonWriter writer, long start, int max, string field)
    {
        var size = JsonPosition(writer) - start;
        if (size > max)
        {
            throw TooLarge(field, max, size);
        }
    }

    private static ImValidationException TooLarge(string field, int max, long size) =>
        new(field, "maxJsonBytes", "is at most " + max.ToString(CultureInfo.InvariantCulture) + " bytes as JSON; this value has " + size.ToString(CultureInfo.InvariantCulture) + ".");

    /// <summary>Builds the path of a list item (<c>MsgBody[2]</c>).</summary>
    public static string Item(string field, int index) => field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}

/// <summary>A reusable writer that only counts the bytes written to it.</summary>
public sealed class JsonSizeScope
{
    internal JsonSizeScope()
    {
        Counter = new CountingBufferWriter();
        // The encoder the transport writes bodies with (ImRequestBody): Chinese text counts its UTF-8 bytes, 3 per
        // character, not the 6 of a \uXXXX escape, so a message under 12 KB on the wire is never refused here.
        Writer = new Utf8JsonWriter(Counter, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The writer to measure with.</summary>
    public Utf8JsonWriter Writer { get; }

    internal CountingBufferWriter Counter { get; }

    internal void Reset()
    {
        Counter.Count = 0;
        Writer.Reset(Counter);
    }

    /// <summary>Hands out one scratch buffer again and again, keeping only the count.</summary>
    internal sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Count { get; set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            EnsureSize(sizeHint);
            return _scratch;
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            EnsureSize(sizeHint);
            return _scratch;
        }

        private void EnsureSize(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[sizeHint];
            }
        }
    }
}
