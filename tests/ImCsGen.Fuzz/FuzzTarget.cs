using System;
using System.Collections.Generic;

namespace ImCsGen.Fuzz;

/// <summary>One seed input: where it came from (for the report and replays) and its bytes.</summary>
public sealed record FuzzSeed(string Name, byte[] Bytes);

/// <summary>A finding: the input broke a rule of the target (an exception type it must not throw, a 500, ...).</summary>
public sealed class FuzzFailure : Exception
{
    public FuzzFailure(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A fuzz target. <see cref="Run"/> feeds one input (seed name + mutated bytes) to the code under test and
/// throws <see cref="FuzzFailure"/> (or lets any unexpected exception through) when a rule is broken.
/// </summary>
public interface IFuzzTarget : IDisposable
{
    string Name { get; }

    IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>Mutates a seed; targets with more than a body (the callback's query string) override the default.</summary>
    byte[] Mutate(FuzzSeed seed, Random random) => JsonMutator.Mutate(seed.Bytes, random);

    void Run(FuzzSeed seed, byte[] input);
}
