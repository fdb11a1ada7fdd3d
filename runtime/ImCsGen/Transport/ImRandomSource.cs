using System;
using ImCsGen.Serialization;

namespace ImCsGen.Transport;

/// <summary>The default <see cref="IImRandomSource"/>: uniform uint32 values from <see cref="Random.Shared"/> (thread-safe).</summary>
public sealed class ImRandomSource : IImRandomSource
{
    /// <summary>The shared instance.</summary>
    public static ImRandomSource Shared { get; } = new();

    /// <inheritdoc />
    public uint NextUInt32() => (uint)Random.Shared.NextInt64(0, 0x1_0000_0000L);
}

/// <summary>De-duplication keys from a random source and a clock (the transport's <see cref="TimeProvider"/>).</summary>
internal sealed class ImIdempotencyKeySource : IImRandomSource
{
    private readonly IImRandomSource _random;
    private readonly TimeProvider _time;

    public ImIdempotencyKeySource(IImRandomSource random, TimeProvider time)
    {
        _random = random;
        _time = time;
    }

    public uint NextUInt32() => _random.NextUInt32();

    public long UnixTimeSeconds() => _time.GetUtcNow().ToUnixTimeSeconds();
}
