using System;
using System.Text.Json;

namespace ImCsGen.CustomerService;

/// <summary>src 7: the user's client asks the customer-service account for a session; starts the session flow.</summary>
public sealed class SessionRequestMessage : CustomerServiceMessage
{
    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.SessionRequest;

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
    }
}

/// <summary>A session notice (end, timeout, no agent online) with an optional text for the user.</summary>
public abstract class SessionNoticeMessage : CustomerServiceMessage
{
    /// <summary>Creates the notice.</summary>
    protected SessionNoticeMessage(string? text) => Text = text;

    /// <summary>Text shown with the notice, if any (written as <c>content</c>).</summary>
    public string? Text { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        if (Text is not null)
        {
            writer.WriteString("content", Text);
        }
    }
}

/// <summary>src 19: the session ended.</summary>
public sealed class SessionEndMessage : SessionNoticeMessage
{
    /// <summary>Creates the notice.</summary>
    public SessionEndMessage(string? text = null)
        : base(text)
    {
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.SessionEnd;
}

/// <summary>src 20: the session ended because the user did not answer in time.</summary>
public sealed class SessionTimeoutMessage : SessionNoticeMessage
{
    /// <summary>Creates the notice.</summary>
    public SessionTimeoutMessage(string? text = null)
        : base(text)
    {
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.SessionTimeout;
}

/// <summary>src 18: no agent of the skill group is online.</summary>
public sealed class NoSeatOnlineMessage : SessionNoticeMessage
{
    /// <summary>Creates the notice.</summary>
    public NoSeatOnlineMessage(string? text = null)
        : base(text)
    {
    }

    /// <inheritdoc />
    public override string Src => CustomerServiceSrc.NoSeatOnline;
}

/// <summary>A plugin message whose src this library does not model; its JSON is kept unchanged.</summary>
public sealed class UnknownCustomerServiceMessage : CustomerServiceMessage
{
    private readonly string _src;

    /// <summary>Wraps the raw JSON of a plugin message.</summary>
    public UnknownCustomerServiceMessage(string src, string rawJson)
    {
        _src = src ?? throw new ArgumentNullException(nameof(src));
        RawJson = rawJson ?? throw new ArgumentNullException(nameof(rawJson));
    }

    /// <inheritdoc />
    public override string Src => _src;

    /// <summary>The message exactly as received.</summary>
    public string RawJson { get; }

    /// <inheritdoc />
    protected override void WritePayload(Utf8JsonWriter writer)
    {
        using var document = JsonDocument.Parse(RawJson);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("src") || property.NameEquals("customerServicePlugin"))
            {
                continue;
            }

            property.WriteTo(writer);
        }
    }
}
