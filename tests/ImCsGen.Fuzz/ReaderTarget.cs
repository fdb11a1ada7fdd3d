using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using ImCsGen.Serialization;

namespace ImCsGen.Fuzz;

/// <summary>
/// Target (b): every generated reader that has a documented example, on mutations of that example: REST
/// responses and requests through <see cref="ImClientCodecs.ByPath"/>, callback payloads and replies through
/// <see cref="ImCallbackCatalog"/>. Rules: the only exception is <see cref="ImJsonException"/> with a path; a
/// body that is not one well-formed JSON document is refused; what was read writes back, and the written JSON
/// reads again and writes the same bytes; allocation stays within a bound proportional to the input.
/// </summary>
/// <remarks>TCCC (TencentCloud API) examples are not seeds: that family has no codec table to find its readers by name.</remarks>
public sealed class ReaderTarget : IFuzzTarget
{
    /// <summary>Allocation allowed per input: a fixed part plus this many bytes per input byte (strings are UTF-16, elements cloned).</summary>
    public const long FixedAllocationBound = 4L << 20;
    public const long PerByteAllocationBound = 64;

    private readonly Dictionary<string, Codec> _codecs = new(StringComparer.Ordinal);

    public ReaderTarget()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var file in SeedFiles.Under("examples").Where(p => !p.StartsWith("examples/tccc/", StringComparison.Ordinal)))
        {
            var bytes = SeedFiles.Read(file);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("examples", out var examples))
            {
                continue;
            }

            ImEndpointCodec? endpoint = root.TryGetProperty("endpoint", out var path) && ImClientCodecs.ByPath.TryGetValue(path.GetString()!, out var found) ? found : null;
            ImCallbackDescriptor? callback = root.TryGetProperty("callback", out var command) && ImCallbackCatalog.TryGet(command.GetString(), out var descriptor) ? descriptor : null;
            var index = 0;
            foreach (var example in examples.EnumerateArray())
            {
                foreach (var part in new[] { "request", "response", "payload", "reply" })
                {
                    if (!example.TryGetProperty(part, out var body) || body.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    Codec? codec = (part, endpoint, callback) switch
                    {
                        ("request", { } e, _) => Codec.Request(e),
                        ("response", { } e, _) => Codec.Response(e),
                        ("payload", _, { } c) => Codec.Payload(c),
                        ("reply", _, { } c) => Codec.Reply(c),
                        _ => null,
                    };
                    if (codec is null)
                    {
                        continue;
                    }

                    var name = file + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + part;
                    _codecs[name] = codec;
                    seeds.Add(new FuzzSeed(name, System.Text.Encoding.UTF8.GetBytes(body.GetRawText())));
                }

                index++;
            }
        }

        Seeds = seeds;
    }

    public string Name => "readers";

    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>Allocation of the last input, and the largest seen (the report prints it).</summary>
    public long MaxAllocationPerInput { get; private set; }

    public void Run(FuzzSeed seed, byte[] input)
    {
        var codec = _codecs[seed.Name];
        var before = GC.GetAllocatedBytesForCurrentThread();
        object value;
        try
        {
            value = codec.Read(input);
        }
        catch (ImJsonException e)
        {
            if (string.IsNullOrEmpty(e.Path))
            {
                throw new FuzzFailure("ImJsonException without a path: " + e.Message, e);
            }

            CheckAllocation(before, input);
            return;
        }

        CheckAllocation(before, input);
        if (!IsOneDocument(input))
        {
            throw new FuzzFailure(codec.Kind + " reader accepted a body that is not one well-formed JSON document");
        }

        byte[] written;
        try
        {
            written = codec.Write(value);
        }
        catch (Exception e)
        {
            throw new FuzzFailure("a " + codec.Kind + " that was read cannot be written back: " + e.GetType().Name + ": " + e.Message, e);
        }

        object again;
        try
        {
            again = codec.Read(written);
        }
        catch (Exception e)
        {
            throw new FuzzFailure("the written " + codec.Kind + " does not read again: " + e.GetType().Name + ": " + e.Message, e);
        }

        var rewritten = codec.Write(again);
        if (!rewritten.AsSpan().SequenceEqual(written))
        {
            throw new FuzzFailure("writing is not stable: read(write(x)) writes other bytes than write(x)");
        }
    }

    private void CheckAllocation(long before, byte[] input)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        MaxAllocationPerInput = Math.Max(MaxAllocationPerInput, allocated);
        if (allocated > FixedAllocationBound + (PerByteAllocationBound * input.Length))
        {
            throw new FuzzFailure("reading a " + input.Length + "-byte body allocated " + allocated + " bytes");
        }
    }

    /// <summary>Whether the bytes are exactly one well-formed JSON value (the reader's own defaults: depth 64, no comments).</summary>
    public static bool IsOneDocument(byte[] input)
    {
        try
        {
            using var document = JsonDocument.Parse(input);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose()
    {
    }

    /// <summary>How one seed's body is read and written back.</summary>
    private sealed class Codec
    {
        private readonly Func<byte[], object> _read;
        private readonly Action<object, Utf8JsonWriter> _write;

        private Codec(string kind, Func<byte[], object> read, Action<object, Utf8JsonWriter> write)
        {
            Kind = kind;
            _read = read;
            _write = write;
        }

        public string Kind { get; }

        public object Read(byte[] body) => _read(body);

        public byte[] Write(object value)
        {
            var output = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(output))
            {
                _write(value, writer);
            }

            return output.WrittenSpan.ToArray();
        }

        // Each reader starts like the transport and the callback endpoint do: a fresh Utf8JsonReader over the whole body.
        public static Codec Request(ImEndpointCodec codec) => new("request", body =>
        {
            var reader = new Utf8JsonReader(body);
            return codec.ReadRequest(ref reader);
        }, (value, writer) => ((IImRequest)value).WriteJson(writer));

        public static Codec Response(ImEndpointCodec codec) => new("response", body =>
        {
            var reader = new Utf8JsonReader(body);
            return codec.ReadResponse(ref reader);
        }, (value, writer) => codec.WriteResponse((ImResponse)value, writer));

        public static Codec Payload(ImCallbackDescriptor descriptor) => new("callback payload", body =>
        {
            var reader = new Utf8JsonReader(body);
            return descriptor.ReadPayload(ref reader);
        }, (value, writer) => ((ImCallbackPayload)value).WriteJson(writer));

        public static Codec Reply(ImCallbackDescriptor descriptor) => new("callback reply", body =>
        {
            var reader = new Utf8JsonReader(body);
            return descriptor.ReadReply(ref reader);
        }, (value, writer) => ((ImCallbackReply)value).WriteJson(writer));
    }
}
