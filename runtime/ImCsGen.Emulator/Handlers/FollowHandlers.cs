using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Emulator.Http;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Follow relations: follow, unfollow, lists (followers, following, mutual), check, counts.</summary>
internal static class FollowHandlers
{
    // spec follow_add (prose): a user can follow at most 5000 users (32100).
    private const int FollowingLimit = 5000;
    private const int FollowingLimitCode = 32100;

    public static void Follow(ImCall call)
    {
        var from = From(call);
        var items = call.RequiredArray("FollowItem");
        var following = Following(call, from);
        var added = new List<string>();
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var to = call.RequiredString(items[i], "To_Account", "FollowItem[" + i.ToString(CultureInfo.InvariantCulture) + "].To_Account", userId: true);
            int code;
            string info;
            if (call.State.FindAccount(to) is null)
            {
                (code, info) = (EmulatorErrorCodes.RelationAccountNotFound, "account not imported");
            }
            else if (string.Equals(to, from, StringComparison.Ordinal))
            {
                (code, info) = (EmulatorErrorCodes.RelationInvalidParameter, "a user cannot follow itself");
            }
            else if (!following.ContainsKey(to) && following.Count >= FollowingLimit)
            {
                (code, info) = (FollowingLimitCode, "a user can follow at most 5000 users");
            }
            else
            {
                if (following.TryAdd(to, call.NowSeconds))
                {
                    added.Add(to);
                }

                (code, info) = (0, string.Empty);
            }

            Result(call, to, code, info);
        }

        call.Writer.WriteEndArray();

        // Follow.CallbackAfterFollowAdd (the admin's follow_add is a trigger its page names), only for follows added now.
        if (added.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.FollowAdded(from, added, call.NowMilliseconds));
        }
    }

    public static void Unfollow(ImCall call)
    {
        var from = From(call);
        var following = Following(call, from);
        var removed = new List<string>();
        call.Writer.WriteStartArray("ResultItem");
        foreach (var to in call.RequiredUserIds("To_Account"))
        {
            if (following.Remove(to))
            {
                removed.Add(to);
            }

            Result(call, to, 0, string.Empty);
        }

        call.Writer.WriteEndArray();

        // Follow.CallbackAfterFollowDelete (the admin's follow_delete is a trigger), only for users actually unfollowed.
        if (removed.Count > 0)
        {
            call.RaiseCallback(() => Callbacks.MessageChangeCallbacks.FollowDeleted(from, removed, call.NowMilliseconds));
        }
    }

    public static void GetList(ImCall call)
    {
        var from = From(call);
        var type = call.RequiredInt64("FollowType");
        var want = (int)call.RequiredInt64("WantNum");
        var cursor = call.OptionalString("StartCursor") ?? string.Empty;
        var start = cursor.Length == 0 ? 0 : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : throw call.Invalid("StartCursor", "not a cursor this call returned");
        var all = call.State.Areas.Following;
        IEnumerable<(string User, long Time)> list = type switch
        {
            1 => all.Where(p => p.Value.ContainsKey(from)).Select(p => (p.Key, p.Value[from])),
            2 => Following(call, from).Select(p => (p.Key, p.Value)),
            3 => Following(call, from).Where(p => all.TryGetValue(p.Key, out var back) && back.ContainsKey(from)).Select(p => (p.Key, p.Value)),
            _ => throw call.Invalid("FollowType", "must be 1 (followers), 2 (following) or 3 (mutual)"),
        };
        var sorted = list.OrderBy(p => p.Time).ThenBy(p => p.User, StringComparer.Ordinal).ToList();
        var page = sorted.Skip(start).Take(want).ToList();
        call.Writer.WriteStartArray("FollowItem");
        foreach (var (user, time) in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", user);
            call.Writer.WriteNumber("FollowTime", time);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        var end = start + page.Count;
        call.Writer.WriteString("NextCursor", end >= sorted.Count ? string.Empty : end.ToString(CultureInfo.InvariantCulture));
    }

    public static void Check(ImCall call)
    {
        var from = From(call);
        var all = call.State.Areas.Following;
        call.Writer.WriteStartArray("ResultItem");
        foreach (var to in call.RequiredUserIds("To_Account"))
        {
            // FollowType: 0 none, 1 the peer follows me, 2 I follow the peer, 3 both (the FollowListType values).
            var iFollow = Following(call, from).ContainsKey(to);
            var followsMe = all.TryGetValue(to, out var back) && back.ContainsKey(from);
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", to);
            call.Writer.WriteNumber("ResultCode", 0);
            call.Writer.WriteString("ResultInfo", string.Empty);
            call.Writer.WriteNumber("FollowType", iFollow && followsMe ? 3 : iFollow ? 2 : followsMe ? 1 : 0);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Counts(ImCall call)
    {
        From(call);
        var all = call.State.Areas.Following;
        call.Writer.WriteStartArray("FollowInfo");
        foreach (var to in call.RequiredUserIds("To_Account"))
        {
            var following = Following(call, to);
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", to);
            call.Writer.WriteNumber("ResultCode", call.State.FindAccount(to) is null ? EmulatorErrorCodes.RelationAccountNotFound : 0);
            call.Writer.WriteString("ResultInfo", string.Empty);
            call.Writer.WriteNumber("FollowerCount", all.Count(p => p.Value.ContainsKey(to)));
            call.Writer.WriteNumber("FollowingCount", following.Count);
            call.Writer.WriteNumber("MutualFollowingCount", following.Keys.Count(k => all.TryGetValue(k, out var back) && back.ContainsKey(to)));
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    private static string From(ImCall call)
    {
        var from = call.RequiredString("From_Account", userId: true);
        call.RequireAccount(from, EmulatorErrorCodes.RelationAccountNotFound, "From_Account");
        return from;
    }

    private static Dictionary<string, long> Following(ImCall call, string user)
    {
        var all = call.State.Areas.Following;
        if (!all.TryGetValue(user, out var following))
        {
            following = new Dictionary<string, long>(StringComparer.Ordinal);
            all[user] = following;
        }

        return following;
    }

    private static void Result(ImCall call, string to, int code, string info)
    {
        call.Writer.WriteStartObject();
        call.Writer.WriteString("To_Account", to);
        call.Writer.WriteNumber("ResultCode", code);
        call.Writer.WriteString("ResultInfo", info);
        call.Writer.WriteEndObject();
    }
}
