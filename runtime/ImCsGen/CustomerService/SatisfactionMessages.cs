using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>How the satisfaction options are drawn.</summary>
public enum SatisfactionScale
{
    /// <summary>Stars (<c>type</c> 1).</summary>
    Stars = 1,

    /// <summary>Numbers (<c>type</c> 2).</summary>
    Numbers = 2,
}

/// <summary>One satisfaction option: an id and its label.</summary>
public sealed class SatisfactionOption
{
    /// <summary>Creates an option.</summary>
    public SatisfactionOption(int id, string content)
    {
        Id = id;
        Content = CsJson.Required(content, nameof(content));
    }

    /// <summary>Option id (clients map ids of 100 and more to the score id − 100).</summary>
    public int Id { get; }

    /// <summary>The option's label.</summary>
    public string Content { get; }

    /// <summary>The five options the plugin uses by default (ids 101..105, "1".."5").</summary>
    public static IReadOnlyList<SatisfactionOption> FiveStars { get; } = new[]
    {
        new SatisfactionOption(101, "Very dissatisfied"),
        new SatisfactionOption(102, "Dissatisfied"),
        new SatisfactionOption(103, "Neutral"),
        new SatisfactionOption(104, "Satisfied"),
        new SatisfactionOption(105, "Very satisfied"),
    };
}

/// <summary>
/// src 9: the request to rate the session, <c>menuContent{type, head, tail, menu[{id, content}], sessionId,
/// expireTime, selected?}</c>. The user answers with a <see cref="SatisfactionAnswerMessage"/>.
/// </summary>
public sealed class SatisfactionRequestMessage : CustomerServiceMessage
{
    /// <summary>Creates the request.</summary>
    public SatisfactionRequestMessage(string sessionId, IReadOnlyList<SatisfactionOption> options, SatisfactionScale scale = SatisfactionScale.Stars, string? head = null, string? tail = null, DateTimeOffset? expiresAt = null, SatisfactionOption? selected = null)
    {
        SessionId = CsJson.Required(sessionId, nameof(sessionId));
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            throw new ArgumentException("options: a satisfaction request needs at least one option.", nameof(options));
        }

        Options = options;
        Scale = scale;
        Head = head;
        Tail = tail;
        ExpiresAt = expiresAt;
        Selected = selected;
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.SatisfactionRequest;

    /// <summary>The session being rated; the answer must carry it back.</summary>
    public string SessionId { get; }

    /// <summary>The options (<c>menu</c>).</summary>
    public IReadOnlyList<SatisfactionOption> Options { get; }

    /// <summary>Stars or numbers (<c>type</c>).</summary>
    public SatisfactionScale Scale { get; }

    /// <summary>Text above the options (<c>head</c>).</summary>
    public string? Head { get; }

    /// <summary>Text below the options (<c>tail</c>).</summary>
    public string? Tail { get; }

    /// <summary>After this instant clients no longer let the user answer (<c>expireTime</c>, Unix seconds).</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The option already chosen, when shown as answered.</summary>
    public SatisfactionOption? Selected { get; }

    /// <summary>Builds the user's answer choosing the option with <paramref name="optionId"/>.</summary>
    public SatisfactionAnswerMessage Answer(int optionId)
    {
        foreach (var option in Options)
        {
            if (option.Id == optionId)
            {
                return new SatisfactionAnswerMessage(option.Id, option.Content, SessionId);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(optionId), optionId, "optionId: not one of the request's options.");
    }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("menuContent");
        writer.WriteNumber("type", (int)Scale);
        if (Head is not null)
        {
            writer.WriteString("head", Head);
        }

        if (Tail is not null)
        {
            writer.WriteString("tail", Tail);
        }

        writer.WriteStartArray("menu");
        foreach (var option in Options)
        {
            WriteOption(writer, option);
        }

        writer.WriteEndArray();
        writer.WriteString("sessionId", SessionId);
        if (ExpiresAt is { } expiresAt)
        {
            writer.WriteNumber("expireTime", expiresAt.ToUnixTimeSeconds());
        }

        if (Selected is not null)
        {
            writer.WritePropertyName("selected");
            WriteOption(writer, Selected);
        }

        writer.WriteEndObject();
    }

    internal static SatisfactionRequestMessage ReadPayload(JsonElement root)
    {
        var content = CsJson.RequiredObject(root, "menuContent", "menuContent");
        var options = new List<SatisfactionOption>();
        var index = 0;
        foreach (var item in CsJson.Array(content, "menu", "menuContent.menu"))
        {
            options.Add(ReadOption(item, "menuContent.menu[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
            index++;
        }

        if (options.Count == 0)
        {
            throw new FormatException("menuContent.menu: a satisfaction request needs at least one option.");
        }

        var type = CsJson.OptionalInt64(content, "type", "menuContent.type") ?? 1;
        var expire = CsJson.OptionalInt64(content, "expireTime", "menuContent.expireTime");
        SatisfactionOption? selected = null;
        if (content.TryGetProperty("selected", out var selectedElement) && selectedElement.ValueKind == JsonValueKind.Object)
        {
            selected = ReadOption(selectedElement, "menuContent.selected");
        }

        return new SatisfactionRequestMessage(
            CsJson.RequiredString(content, "sessionId", "menuContent.sessionId"),
            options,
            type == 2 ? SatisfactionScale.Numbers : SatisfactionScale.Stars,
            CsJson.OptionalString(content, "head"),
            CsJson.OptionalString(content, "tail"),
            expire is { } seconds && seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            selected);
    }

    internal static void WriteOption(Utf8JsonWriter writer, SatisfactionOption option)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", option.Id);
        writer.WriteString("content", option.Content);
        writer.WriteEndObject();
    }

    internal static SatisfactionOption ReadOption(JsonElement item, string path)
    {
        var id = CsJson.OptionalInt64(item, "id", path + ".id") ?? throw new FormatException(path + ".id: missing; an option id is required.");
        if (id < int.MinValue || id > int.MaxValue)
        {
            throw new FormatException(path + ".id: out of the int32 range.");
        }

        return new SatisfactionOption((int)id, CsJson.RequiredString(item, "content", path + ".content"));
    }
}

/// <summary>src 10: the user's rating, <c>menuSelected{id, content, sessionId}</c>.</summary>
public sealed class SatisfactionAnswerMessage : CustomerServiceMessage
{
    /// <summary>Creates the answer.</summary>
    public SatisfactionAnswerMessage(int optionId, string content, string sessionId)
    {
        OptionId = optionId;
        Content = CsJson.Required(content, nameof(content));
        SessionId = CsJson.Required(sessionId, nameof(sessionId));
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.SatisfactionAnswer;

    /// <summary>The chosen option id.</summary>
    public int OptionId { get; }

    /// <summary>The chosen option's label.</summary>
    public string Content { get; }

    /// <summary>The rated session (from the request).</summary>
    public string SessionId { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("menuSelected");
        writer.WriteNumber("id", OptionId);
        writer.WriteString("content", Content);
        writer.WriteString("sessionId", SessionId);
        writer.WriteEndObject();
    }

    internal static SatisfactionAnswerMessage ReadPayload(JsonElement root)
    {
        var selected = CsJson.RequiredObject(root, "menuSelected", "menuSelected");
        var option = SatisfactionRequestMessage.ReadOption(selected, "menuSelected");
        return new SatisfactionAnswerMessage(option.Id, option.Content, CsJson.RequiredString(selected, "sessionId", "menuSelected.sessionId"));
    }
}
