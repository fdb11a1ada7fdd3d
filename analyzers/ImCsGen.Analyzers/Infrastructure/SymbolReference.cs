using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// Compares symbols by reference, for the per-compilation caches. Within one compilation Roslyn hands out one
/// object per declared symbol (and per OriginalDefinition), so this finds the same entries as
/// <see cref="SymbolEqualityComparer"/> at a fraction of the hashing cost; a miss only costs a second entry.
/// </summary>
internal sealed class SymbolReference : IEqualityComparer<ISymbol>
{
    public static readonly SymbolReference Comparer = new();

    public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

    public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
}
