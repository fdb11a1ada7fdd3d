using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>All-member push: the push is recorded with its targeting; attribute names, user attributes and tags are kept.</summary>
internal static class PushHandlers
{
    // spec im_push (prose): more than 1 second between two pushes (90024), attribute and tag conditions not combined (90039),
    // MsgRandom required on the wire (90005) and used to drop duplicates within one second.
    private const int PushTooSoon = 90024;
    private const int ConditionsCombined = 90039;
    private const int RandomMissing = 90005;
    private const int MaxAttributeNames = 10;

    public static void Push(ImCall call)
    {
        var areas = call.State.Areas;
        var random = call.OptionalUInt32("MsgRandom") ?? throw new ImCallException(RandomMissing, "MsgRandom: required (a uint32 used to drop duplicates)");
        var body = MessageHandlers.ReadBody(call, "MsgBody");
        var from = call.OptionalString("From_Account");
        if (from is not null)
        {
            call.RequireAccount(from, EmulatorErrorCodes.MessageAccountNotFound, "From_Account");
        }

        var now = call.NowSeconds;
        var last = areas.Pushes.Count > 0 ? areas.Pushes[^1] : null;
        if (last is not null && now - last.Time < 1)
        {
            if (last.MsgRandom == random)
            {
                // The same push retried within the second: answered with the first task, not pushed again.
                call.Writer.WriteString("TaskId", last.TaskId);
                return;
            }

            throw new ImCallException(PushTooSoon, "two pushes must be more than 1 second apart");
        }

        string? conditionJson = null;
        Func<string, bool> selects = _ => true;
        if (call.Body.TryGetProperty("Condition", out var condition) && condition.ValueKind == JsonValueKind.Object)
        {
            conditionJson = condition.GetRawText();
            selects = Targeting(call, condition);
        }

        var recipients = call.State.GetAccounts().Where(a => !a.IsAdministrator).Select(a => a.UserId).Where(selects).ToList();
        var taskId = "emu-push-" + (areas.NextTaskId++).ToString(CultureInfo.InvariantCulture);
        areas.Pushes.Add(new RecordedPush(taskId, from ?? call.Identifier, random, now, body, conditionJson, call.OptionalInt64("MsgLifeTime") ?? 0, recipients));
        call.Writer.WriteString("TaskId", taskId);
    }

    public static void SetAttributeNames(ImCall call)
    {
        if (!call.Body.TryGetProperty("AttrNames", out var names) || names.ValueKind != JsonValueKind.Object)
        {
            throw call.Invalid("AttrNames", "required: an object of attribute number (\"0\"..\"9\") -> name");
        }

        foreach (var property in names.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= MaxAttributeNames || property.Value.ValueKind != JsonValueKind.String)
            {
                throw call.Invalid("AttrNames." + property.Name, "keys are \"0\"..\"9\" and values attribute names");
            }

            call.State.Areas.AttributeNames[property.Name] = property.Value.GetString()!;
        }
    }

    public static void GetAttributeNames(ImCall call)
    {
        call.Writer.WriteStartObject("AttrNames");
        foreach (var (number, name) in call.State.Areas.AttributeNames)
        {
            call.Writer.WriteString(number, name);
        }

        call.Writer.WriteEndObject();
    }

    public static void GetUserAttributes(ImCall call)
    {
        var users = call.RequiredUserIds("To_Account");
        call.Writer.WriteStartArray("UserAttrs");
        foreach (var user in users)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", user);
            call.Writer.WriteStartObject("Attrs");
            if (call.State.Areas.UserAttributes.TryGetValue(user, out var attrs))
            {
                foreach (var (name, value) in attrs)
                {
                    call.Writer.WriteString(name, value);
                }
            }

            call.Writer.WriteEndObject();
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void SetUserAttributes(ImCall call)
    {
        var known = call.State.Areas.AttributeNames.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (user, item, path) in Items(call, "UserAttrs"))
        {
            if (!item.TryGetProperty("Attrs", out var attrs) || attrs.ValueKind != JsonValueKind.Object)
            {
                throw call.Invalid(path + ".Attrs", "required: an object of attribute name -> value");
            }

            // spec im_set_attr: set the attribute names (im_set_attr_name) first.
            foreach (var property in attrs.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    throw new ImCallException(EmulatorErrorCodes.PushInvalidAttribute, path + ".Attrs." + property.Name + ": not an attribute name set with im_set_attr_name");
                }
            }

            var target = GetOrAdd(call.State.Areas.UserAttributes, user);
            foreach (var property in attrs.EnumerateObject())
            {
                target[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
    }

    public static void RemoveUserAttributes(ImCall call)
    {
        foreach (var (user, item, path) in Items(call, "UserAttrs"))
        {
            var names = call.RequiredArray(item, "Attrs", path + ".Attrs", 0);
            if (call.State.Areas.UserAttributes.TryGetValue(user, out var attrs))
            {
                foreach (var name in names)
                {
                    attrs.Remove(name.GetString() ?? string.Empty);
                }
            }
        }
    }

    public static void GetUserTags(ImCall call)
    {
        var users = call.RequiredUserIds("To_Account");
        call.Writer.WriteStartArray("UserTags");
        foreach (var user in users)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", user);
            call.WriteStrings("Tags", call.State.Areas.UserTags.TryGetValue(user, out var tags) ? tags : Enumerable.Empty<string>());
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void AddUserTags(ImCall call)
    {
        foreach (var (user, item, path) in Items(call, "UserTags"))
        {
            var tags = call.RequiredArray(item, "Tags", path + ".Tags").Select(t => t.GetString() ?? throw call.Invalid(path + ".Tags", "expected strings")).ToList();

            // At most 10 tags per request and 50 bytes per tag are the spec's limits (SpecValidation, with Tencent's 90032/90020).
            var set = GetOrAddSet(call.State.Areas.UserTags, user);

            // spec im_add_tag (prose): at most 100 tags per user in all.
            if (set.Union(tags, StringComparer.Ordinal).Count() > 100)
            {
                throw call.Invalid(path + ".Tags", "a user has at most 100 tags");
            }

            set.UnionWith(tags);
        }
    }

    public static void RemoveUserTags(ImCall call)
    {
        foreach (var (user, item, path) in Items(call, "UserTags"))
        {
            var tags = call.RequiredArray(item, "Tags", path + ".Tags").Select(t => t.GetString() ?? string.Empty);
            if (call.State.Areas.UserTags.TryGetValue(user, out var set))
            {
                set.ExceptWith(tags);
            }
        }
    }

    public static void RemoveAllUserTags(ImCall call)
    {
        foreach (var user in call.RequiredUserIds("To_Account"))
        {
            call.State.Areas.UserTags.Remove(user);
        }
    }

    private static Func<string, bool> Targeting(ImCall call, JsonElement condition)
    {
        var attrsOr = Object(condition, "AttrsOr");
        var attrsAnd = Object(condition, "AttrsAnd");
        var tagsOr = Strings(condition, "TagsOr");
        var tagsAnd = Strings(condition, "TagsAnd");
        if ((attrsOr is not null || attrsAnd is not null) && (tagsOr is not null || tagsAnd is not null))
        {
            throw new ImCallException(ConditionsCombined, "Condition: attribute and tag conditions cannot be combined");
        }

        var areas = call.State.Areas;
        bool Attr(string user, KeyValuePair<string, string> want)
            => areas.UserAttributes.TryGetValue(user, out var attrs) && attrs.TryGetValue(want.Key, out var value) && string.Equals(value, want.Value, StringComparison.Ordinal);
        bool Tag(string user, string tag) => areas.UserTags.TryGetValue(user, out var tags) && tags.Contains(tag);
        return user =>
            (attrsOr is null || attrsOr.Any(a => Attr(user, a)))
            && (attrsAnd is null || attrsAnd.All(a => Attr(user, a)))
            && (tagsOr is null || tagsOr.Any(t => Tag(user, t)))
            && (tagsAnd is null || tagsAnd.All(t => Tag(user, t)));
    }

    private static List<KeyValuePair<string, string>>? Object(JsonElement condition, string name)
        => condition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())).ToList()
            : null;

    private static List<string>? Strings(JsonElement condition, string name)
        => condition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToList()
            : null;

    private static IEnumerable<(string User, JsonElement Item, string Path)> Items(ImCall call, string name)
    {
        var items = call.RequiredArray(name);
        var result = new List<(string, JsonElement, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            result.Add((call.RequiredString(items[i], "To_Account", path + ".To_Account", userId: true), items[i], path));
        }

        return result;
    }

    private static SortedDictionary<string, string> GetOrAdd(Dictionary<string, SortedDictionary<string, string>> map, string key)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = new SortedDictionary<string, string>(StringComparer.Ordinal);
            map[key] = value;
        }

        return value;
    }

    private static SortedSet<string> GetOrAddSet(Dictionary<string, SortedSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = new SortedSet<string>(StringComparer.Ordinal);
            map[key] = value;
        }

        return value;
    }
}
