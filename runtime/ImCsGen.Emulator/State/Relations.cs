using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator.State;

/// <summary>A friend entry of one user.</summary>
internal sealed class Friend
{
    public Friend(string peer, long addTime) => (Peer, AddTime) = (peer, addTime);

    public string Peer { get; }

    public long AddTime { get; }

    public string? Remark { get; set; }

    public string? AddSource { get; set; }

    public string? AddWording { get; set; }

    public SortedSet<string> Groups { get; } = new(StringComparer.Ordinal);
}

/// <summary>Friends, blocklists and friend groups (lists) of every user.</summary>
internal sealed class Relations
{
    private readonly Dictionary<string, Dictionary<string, Friend>> _friends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _blocked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);

    public Dictionary<string, Friend> FriendsOf(string owner)
    {
        if (!_friends.TryGetValue(owner, out var map))
        {
            map = new Dictionary<string, Friend>(StringComparer.Ordinal);
            _friends[owner] = map;
        }

        return map;
    }

    public bool IsFriend(string owner, string peer) => _friends.TryGetValue(owner, out var map) && map.ContainsKey(peer);

    public Dictionary<string, long> BlockedBy(string owner)
    {
        if (!_blocked.TryGetValue(owner, out var map))
        {
            map = new Dictionary<string, long>(StringComparer.Ordinal);
            _blocked[owner] = map;
        }

        return map;
    }

    public bool IsBlocked(string owner, string peer) => _blocked.TryGetValue(owner, out var map) && map.ContainsKey(peer);

    public List<string> GroupsOf(string owner)
    {
        if (!_groups.TryGetValue(owner, out var list))
        {
            list = new List<string>();
            _groups[owner] = list;
        }

        return list;
    }

    /// <summary>The owner's relation sequence, bumped on every change (StandardSequence / CurrentSequence).</summary>
    public int Sequence(string owner) => _sequences.TryGetValue(owner, out var s) ? s : 0;

    public int Bump(string owner)
    {
        var next = Sequence(owner) + 1;
        _sequences[owner] = next;
        return next;
    }

    public void Forget(string userId)
    {
        _friends.Remove(userId);
        _blocked.Remove(userId);
        _groups.Remove(userId);
        foreach (var map in _friends.Values)
        {
            map.Remove(userId);
        }

        foreach (var map in _blocked.Values)
        {
            map.Remove(userId);
        }
    }

    public void Clear()
    {
        _friends.Clear();
        _blocked.Clear();
        _groups.Clear();
        _sequences.Clear();
    }

    public IEnumerable<string> AllFriendOwners() => _friends.Keys.ToList();
}
