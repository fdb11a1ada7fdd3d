using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace ImCsGen.Serialization;

/// <summary>
/// Enumerates an <see cref="IList{T}"/> without boxing an enumerator: a <see cref="List{T}"/> (what collection
/// expressions create) or an array is walked as a span, any other list by index. Generated writers use it,
/// so writing a request allocates nothing.
/// </summary>
public readonly struct ImItems<T>
{
    private readonly IList<T> _list;

    /// <summary>Wraps <paramref name="list"/>.</summary>
    public ImItems(IList<T> list) => _list = list;

    /// <summary>Returns the enumerator.</summary>
    public Enumerator GetEnumerator() => new(_list);

    /// <summary>The span-or-index enumerator.</summary>
    public ref struct Enumerator
    {
        private readonly System.ReadOnlySpan<T> _span;
        private readonly IList<T>? _list;
        private readonly int _count;
        private int _index;

        internal Enumerator(IList<T> list)
        {
            _index = -1;
            if (list is List<T> concrete)
            {
                _span = CollectionsMarshal.AsSpan(concrete);
                _list = null;
                _count = _span.Length;
            }
            else if (list is T[] array)
            {
                _span = array;
                _list = null;
                _count = array.Length;
            }
            else
            {
                _span = default;
                _list = list;
                _count = list.Count;
            }
        }

        /// <summary>The current item.</summary>
        public readonly T Current => _list is null ? _span[_index] : _list[_index];

        /// <summary>Moves to the next item.</summary>
        public bool MoveNext() => ++_index < _count;
    }
}
