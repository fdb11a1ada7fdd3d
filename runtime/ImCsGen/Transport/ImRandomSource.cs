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
