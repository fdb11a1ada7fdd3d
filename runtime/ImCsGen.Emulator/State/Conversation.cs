using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.State;

/// <summary>One side's view of a C2C conversation (its recent-contact entry).</summary>
public sealed class Conversation
{
    internal Conversation(string owner, string peer)
    {
        Owner = owner;
        Peer = peer;
    }

    /// <summary>The user whose conversation list holds the entry.</summary>
    public string Owner { get; }

    /// <summary>The other party.</summary>
    public string Peer { get; }

    /// <summary>Time of the last message, Unix seconds (0 when only created by a mark or a pin).</summary>
    public long LastMessageTime { get; internal set; }

    /// <summary>Unread messages from <see cref="Peer"/>.</summary>
    public int Unread { get; internal set; }

    /// <summary>Whether the owner deleted the entry (it comes back with the next message).</summary>
    public bool Deleted { get; internal set; }

    /// <summary>Standard mark bits (bit index 0..63 set by <c>mark_contact</c>).</summary>
    public ulong StandardMarks { get; internal set; }

    /// <summary>The custom mark string.</summary>
    public string? CustomMark { get; internal set; }

    /// <summary>When the marks last changed, Unix seconds.</summary>
    public long MarkTime { get; internal set; }

    /// <summary>Conversation groups the entry belongs to (by group id).</summary>
    internal SortedSet<int> Groups { get; } = new();

    /// <summary>
    /// Whether the entry is pinned to the top (<c>TopFlag</c> 1 in <c>get_list</c>). The emulator pins an
    /// entry when its standard mark bit <see cref="PinMarkBit"/> is set through <c>mark_contact</c>.
    /// </summary>
    public bool Pinned => (StandardMarks & (1UL << PinMarkBit)) != 0;

    /// <summary>The standard mark bit the emulator treats as "pinned" (bit 0, the star mark).</summary>
    public const int PinMarkBit = 0;
}
