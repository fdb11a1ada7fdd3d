using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator.State;

/// <summary>
/// Everything the emulated App stores. All access goes through <see cref="Sync"/>: REST handlers, the
/// service desk and the control API take it, so every call sees a consistent state (REST calls are
/// therefore serialised, which is fine at test scale).
/// </summary>
public sealed class EmulatorState
{
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly List<StoredMessage> _messages = new();
    private readonly Dictionary<string, List<StoredMessage>> _byPair = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Owner, string Peer), Conversation> _conversations = new();
    private uint _nextSeq;

    // 2^57: the emulator's tiny IDs count up from here (18 digits, as in Tencent's examples); never reset, so an ID is
    // never handed to two accounts of one emulator.
    private const long TinyIdBase = 144115188075855872;
    private long _tinyIds;

    internal EmulatorState(IEnumerable<string> administrators, TimeProvider clock)
    {
        Clock = clock;
        foreach (var admin in administrators)
        {
            _accounts[admin] = new Account(admin, isAdministrator: true, clock.GetUtcNow(), NextTinyId());
        }
    }

    /// <summary>The lock every reader and writer of the state holds.</summary>
    public object Sync { get; } = new();

    internal TimeProvider Clock { get; }

    /// <summary>De-duplication keys of stored messages, under the rules the spec states.</summary>
    internal DeduplicationIndex Deduplication { get; } = new();

    /// <summary>Values Tencent would draw for fields it fills (a missing MsgSeq); seeded, so runs replay.</summary>
    internal Random KeyRandom { get; } = new(20260204);

    /// <summary>Relations (friends, blocklist, friend groups).</summary>
    internal Relations Relations { get; } = new();

    /// <summary>Conversation groups per owner: name → (id, members).</summary>
    internal Dictionary<string, SortedDictionary<string, int>> ConversationGroups { get; } = new(StringComparer.Ordinal);

    internal int NextConversationGroupId { get; set; } = 1;

    /// <summary>Groups, their members, messages, attributes, counters and topics.</summary>
    public GroupStore Groups { get; private set; } = new();

    /// <summary>All-member push, user attributes and tags, global mute, official accounts, follows, chatbots, audit.</summary>
    public AreaState Areas { get; private set; } = new();

    /// <summary>Chat-file URLs banned through <c>forbid_illegal_object</c>.</summary>
    internal HashSet<string> BannedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Called (under the lock) after a message from REST or a simulated client is stored.</summary>
    internal Action<StoredMessage>? MessageDelivered { get; set; }

    /// <summary>
    /// After-event callbacks raised by the handler of the call in progress (only when callbacks are configured); the
    /// pipeline sends them once the call succeeded and drops them when it failed.
    /// </summary>
    internal List<ImCsGen.Callbacks.ImCallbackPayload> PendingCallbacks { get; } = new();

    /// <summary>Total messages stored (every origin, recalled ones included).</summary>
    public int MessageCount
    {
        get
        {
            lock (Sync)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>How many sends were answered as duplicates of a stored message.</summary>
    public int DuplicatesSuppressed { get; internal set; }

    /// <summary>The account, or null when not imported. Administrators always exist.</summary>
    public Account? FindAccount(string userId)
    {
        lock (Sync)
        {
            return _accounts.TryGetValue(userId, out var account) ? account : null;
        }
    }

    /// <summary>A snapshot of all accounts, administrators first.</summary>
    public IReadOnlyList<Account> GetAccounts()
    {
        lock (Sync)
        {
            return _accounts.Values.OrderByDescending(a => a.IsAdministrator).ThenBy(a => a.UserId, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Messages between two accounts (both directions), in store order.</summary>
    public IReadOnlyList<StoredMessage> GetMessages(string a, string b)
    {
        lock (Sync)
        {
            return _byPair.TryGetValue(PairKey(a, b), out var list) ? list.ToList() : new List<StoredMessage>();
        }
    }

    /// <summary>All messages, in store order.</summary>
    public IReadOnlyList<StoredMessage> GetAllMessages()
    {
        lock (Sync)
        {
            return _messages.ToList();
        }
    }

    /// <summary>The conversation entry of <paramref name="owner"/> with <paramref name="peer"/>, if any.</summary>
    public Conversation? FindConversation(string owner, string peer)
    {
        lock (Sync)
        {
            return _conversations.TryGetValue((owner, peer), out var c) ? c : null;
        }
    }

    internal Account ImportAccount(string userId, string? nick, string? faceUrl)
    {
        if (!_accounts.TryGetValue(userId, out var account))
        {
            account = new Account(userId, isAdministrator: false, Clock.GetUtcNow(), NextTinyId());
            _accounts[userId] = account;
        }

        // Re-importing is allowed and updates nickname and avatar, as Tencent does.
        if (nick is not null)
        {
            account.Profile[ProfileTags.Nick] = Json.Quote(nick);
        }

        if (faceUrl is not null)
        {
            account.Profile[ProfileTags.Image] = Json.Quote(faceUrl);
        }

        return account;
    }

    internal bool DeleteAccount(string userId)
    {
        if (!_accounts.TryGetValue(userId, out var account) || account.IsAdministrator)
        {
            return false;
        }

        _accounts.Remove(userId);
        Relations.Forget(userId);
        return true;
    }

    internal IEnumerable<Conversation> ConversationsOf(string owner) => _conversations.Values.Where(c => string.Equals(c.Owner, owner, StringComparison.Ordinal));

    internal Conversation GetOrCreateConversation(string owner, string peer)
    {
        if (!_conversations.TryGetValue((owner, peer), out var conversation))
        {
            conversation = new Conversation(owner, peer);
            _conversations[(owner, peer)] = conversation;
        }

        return conversation;
    }

    internal void RemoveConversation(string owner, string peer) => _conversations.Remove((owner, peer));

    /// <summary>
    /// A client's "mark all as read" (C2C.CallbackAfterMsgReadAll, https://cloud.tencent.com/document/product/269/128225):
    /// every one-to-one unread count of <paramref name="owner"/> and every group unread count of theirs drop to 0.
    /// Returns how many conversations had unread messages and, per group that had some, its newest MsgSeq (the Seq a
    /// client passes when it clears a group up to the newest message).
    /// </summary>
    internal (int Conversations, List<(string GroupId, uint MsgSeq)> Groups) ClearAllUnread(string owner)
    {
        var conversations = 0;
        foreach (var conversation in ConversationsOf(owner).Where(c => c.Unread > 0))
        {
            conversation.Unread = 0;
            conversations++;
        }

        var groups = new List<(string GroupId, uint MsgSeq)>();
        foreach (var group in Groups.All)
        {
            if (group.FindMember(owner) is { UnreadMsgNum: > 0 } member)
            {
                member.UnreadMsgNum = 0;
                groups.Add((group.Id, group.Stream.NextMsgSeq - 1));
            }
        }

        return (conversations, groups);
    }

    internal IReadOnlyList<StoredMessage> PairMessages(string a, string b) => _byPair.TryGetValue(PairKey(a, b), out var list) ? list : Array.Empty<StoredMessage>();

    internal StoredMessage? FindByKey(string a, string b, string msgKey)
    {
        foreach (var message in PairMessages(a, b))
        {
            if (string.Equals(message.MsgKey, msgKey, StringComparison.Ordinal))
            {
                return message;
            }
        }

        return null;
    }

    internal uint NextSeq() => ++_nextSeq;

    private long NextTinyId() => TinyIdBase + ++_tinyIds;

    internal StoredMessage Store(string from, string to, uint? msgSeq, uint msgRandom, long msgTime, string msgBodyJson, string? cloudCustomData, MessageOrigin origin, bool countUnread)
    {
        var message = new StoredMessage(_messages.Count + 1, from, to, msgSeq ?? NextSeq(), msgRandom, msgTime, msgBodyJson, cloudCustomData, origin);
        _messages.Add(message);
        var pair = PairKey(from, to);
        if (!_byPair.TryGetValue(pair, out var list))
        {
            list = new List<StoredMessage>();
            _byPair[pair] = list;
        }

        list.Add(message);
        Touch(from, to, msgTime, unread: false);
        Touch(to, from, msgTime, unread: countUnread);
        return message;
    }

    internal void Reset(IEnumerable<string> administrators)
    {
        _accounts.Clear();
        _messages.Clear();
        _byPair.Clear();
        Deduplication.Clear();
        _conversations.Clear();
        ConversationGroups.Clear();
        BannedFiles.Clear();
        Relations.Clear();
        DuplicatesSuppressed = 0;
        Groups = new GroupStore();
        Areas = new AreaState();
        foreach (var admin in administrators)
        {
            _accounts[admin] = new Account(admin, isAdministrator: true, Clock.GetUtcNow(), NextTinyId());
        }
    }

    internal static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + "\n" + b : b + "\n" + a;

    private void Touch(string owner, string peer, long time, bool unread)
    {
        var conversation = GetOrCreateConversation(owner, peer);
        conversation.Deleted = false;
        conversation.LastMessageTime = Math.Max(conversation.LastMessageTime, time);
        if (unread)
        {
            conversation.Unread++;
        }
    }
}
