using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Http;

/// <summary>
/// One IM REST call as a handler sees it: the parsed body, the state, the clock and the writer for the
/// response fields that follow the envelope. Readers throw <see cref="ImCallException"/> with the
/// endpoint group's "invalid parameter" code and a message naming the field.
/// </summary>
public sealed class ImCall
{
    internal ImCall(string path, JsonElement body, Utf8JsonWriter writer, EmulatorState state, DateTimeOffset now, int invalidParameterCode, EmulatorOptions options, string identifier)
    {
        Identifier = identifier;
        Options = options;
        Path = path;
        Body = body;
        Writer = writer;
        State = state;
        Now = now;
        InvalidParameterCode = invalidParameterCode;
    }

    /// <summary>The administrator the call was made as (the URL's identifier).</summary>
    public string Identifier { get; }

    /// <summary>The emulator's options.</summary>
    public EmulatorOptions Options { get; }

    /// <summary><c>service/command</c>.</summary>
    public string Path { get; }

    /// <summary>The request body (a JSON object).</summary>
    public JsonElement Body { get; }

    /// <summary>Writes response fields after the envelope.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>The emulator's state (the caller holds its lock).</summary>
    public EmulatorState State { get; }

    /// <summary>The emulator clock's time of the call.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Unix seconds of <see cref="Now"/>.</summary>
    public long NowSeconds => Now.ToUnixTimeSeconds();

    /// <summary>The code used for missing or wrongly typed fields.</summary>
    public int InvalidParameterCode { get; }

    /// <summary>Fails the call with the group's invalid-parameter code.</summary>
    public ImCallException Invalid(string field, string rule) => new(InvalidParameterCode, field + ": " + rule);

    /// <summary>Queues an after-event callback (built only when callbacks are configured); sent if the call succeeds.</summary>
    internal void RaiseCallback(Func<ImCsGen.Callbacks.ImCallbackPayload> build)
    {
        if (Options.Callbacks is not null)
        {
            State.PendingCallbacks.Add(build());
        }
    }

    /// <summary>
    /// Queues an after-event callback sent only if the call fails (Group.CallbackAfterGroupFull fires when a join fails
    /// because the group is full); built only when callbacks are configured.
    /// </summary>
    internal void RaiseCallbackOnFailure(Func<ImCsGen.Callbacks.ImCallbackPayload> build)
    {
        if (Options.Callbacks is not null)
        {
            (FailureCallbacks ??= new()).Add(build());
        }
    }

    /// <summary>Callbacks of <see cref="RaiseCallbackOnFailure"/>, or null.</summary>
    internal List<ImCsGen.Callbacks.ImCallbackPayload>? FailureCallbacks { get; private set; }

    /// <summary>Users the app's before-callback refused (Group.CallbackBeforeInviteJoinGroup's RefusedMembers_Account), or null.</summary>
    internal IReadOnlyList<string>? RefusedByCallback { get; init; }

    /// <summary>The event time callbacks carry (Unix milliseconds).</summary>
    internal long NowMilliseconds => Now.ToUnixTimeMilliseconds();

    /// <summary>Whether the body has the field (and it is not null).</summary>
    public bool Has(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A required string (a UserID is also checked for 1..32 bytes when <paramref name="userId"/>).</summary>
    public string RequiredString(string name, bool userId = false) => RequiredString(Body, name, name, userId);

    /// <summary>An optional string.</summary>
    public string? OptionalString(string name) => OptionalString(Body, name, name);

    /// <summary>A required string of an item.</summary>
    public string RequiredString(JsonElement item, string name, string path, bool userId = false)
    {
        var value = OptionalString(item, name, path) ?? throw Invalid(path, "required");
        if (userId)
        {
            CheckUserId(value, path);
        }

        return value;
    }

    /// <summary>An optional string of an item.</summary>
    public string? OptionalString(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            // Tencent's 60015: account fields must be strings; generic type errors use the group code.
            throw Invalid(path, "expected a string but found " + value.ValueKind.ToString());
        }

        return value.GetString();
    }

    /// <summary>An optional integer.</summary>
    public long? OptionalInt64(string name) => OptionalInt64(Body, name, name);

    /// <summary>An optional integer of an item.</summary>
    public long? OptionalInt64(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw Invalid(path, "expected an integer");
    }

    /// <summary>A required integer.</summary>
    public long RequiredInt64(string name) => OptionalInt64(name) ?? throw Invalid(name, "required");

    /// <summary>An optional uint32 (MsgRandom, MsgSeq).</summary>
    public uint? OptionalUInt32(string name)
    {
        var value = OptionalInt64(name);
        if (value is null)
        {
            return null;
        }

        if (value < 0 || value > uint.MaxValue)
        {
            throw Invalid(name, "must be a uint32 (0..4294967295)");
        }

        return (uint)value.Value;
    }

    /// <summary>A required array (at least <paramref name="minItems"/> items, at most <paramref name="maxItems"/>).</summary>
    public List<JsonElement> RequiredArray(string name, int minItems = 1, int maxItems = int.MaxValue) => RequiredArray(Body, name, name, minItems, maxItems);

    /// <summary>A required array of an item.</summary>
    public List<JsonElement> RequiredArray(JsonElement item, string name, string path, int minItems = 1, int maxItems = int.MaxValue)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Invalid(path, "required");
        }

        return Items(value, path, minItems, maxItems);
    }

    /// <summary>An optional array (empty when absent).</summary>
    public List<JsonElement> OptionalArray(string name, int maxItems = int.MaxValue) => OptionalArray(Body, name, name, maxItems);

    /// <summary>An optional array of an item (empty when absent).</summary>
    public List<JsonElement> OptionalArray(JsonElement item, string name, string path, int maxItems = int.MaxValue)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new List<JsonElement>();
        }

        return Items(value, path, 0, maxItems);
    }

    /// <summary>A required array of UserIDs.</summary>
    public List<string> RequiredUserIds(string name, int maxItems = int.MaxValue)
    {
        var result = new List<string>();
        var items = RequiredArray(name, 1, maxItems);
        for (var i = 0; i < items.Count; i++)
        {
            var path = name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (items[i].ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, "expected a string UserID");
            }

            var id = items[i].GetString()!;
            CheckUserId(id, path);
            result.Add(id);
        }

        return result;
    }

    /// <summary>An optional array of strings.</summary>
    public List<string> OptionalStrings(string name)
    {
        var result = new List<string>();
        var items = OptionalArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.String)
            {
                throw Invalid(name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", "expected a string");
            }

            result.Add(items[i].GetString()!);
        }

        return result;
    }

    /// <summary>Writes the response field <paramref name="name"/> as an array of strings.</summary>
    public void WriteStrings(string name, IEnumerable<string> values)
    {
        Writer.WriteStartArray(name);
        foreach (var value in values)
        {
            Writer.WriteStringValue(value);
        }

        Writer.WriteEndArray();
    }

    /// <summary>Fails unless <paramref name="userId"/> is an imported account (or an administrator).</summary>
    public Account RequireAccount(string userId, int notFoundCode, string field)
        => State.FindAccount(userId) ?? throw new ImCallException(notFoundCode, field + ": account '" + userId + "' is not imported");

    private List<JsonElement> Items(JsonElement value, string path, int minItems, int maxItems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, "expected an array");
        }

        var list = new List<JsonElement>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item);
        }

        if (list.Count < minItems)
        {
            throw Invalid(path, "needs at least " + minItems.ToString(CultureInfo.InvariantCulture) + " item(s)");
        }

        if (list.Count > maxItems)
        {
            throw Invalid(path, "allows at most " + maxItems.ToString(CultureInfo.InvariantCulture) + " items");
        }

        return list;
    }

    private void CheckUserId(string value, string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        if (bytes == 0 || bytes > 32)
        {
            throw Invalid(path, "a UserID must be 1..32 bytes");
        }
    }
}
