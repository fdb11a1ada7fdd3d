using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.Desk;

/// <summary>Where a session is.</summary>
public enum SessionState
{
    /// <summary>The bot (flow) answers.</summary>
    Bot,

    /// <summary>Waiting for the routed agent to accept.</summary>
    Queued,

    /// <summary>An agent is serving.</summary>
    Serving,

    /// <summary>Over.</summary>
    Ended,
}

/// <summary>How the session started.</summary>
public enum SessionActivation
{
    /// <summary>The backend sent, as the admin, a message from the virtual account to the user.</summary>
    Backend,

    /// <summary>The user's client sent the plugin's src 7 message to the virtual account.</summary>
    ClientRequest,

    /// <summary>The user wrote to the virtual account without an open session.</summary>
    UserMessage,
}

/// <summary>TCCC's IM end-status codes (IMCdrInfo.EndStatus).</summary>
public static class EndStatus
{
    /// <summary>Ended normally.</summary>
    public const int Normal = 1;

    /// <summary>No agent online.</summary>
    public const int NoAgentOnline = 3;

    /// <summary>Ended by user timeout.</summary>
    public const int UserTimeout = 108;

    /// <summary>Ended by the user.</summary>
    public const int UserEnded = 109;
}

/// <summary>One line of a session transcript.</summary>
/// <param name="Timestamp">When, Unix seconds.</param>
/// <param name="From">Who: the user's UserID, the agent's id, or the virtual account for the bot.</param>
/// <param name="Role">user, bot, agent or backend.</param>
/// <param name="Type">text, or the plugin message kind (menu, satisfaction-request, ...).</param>
/// <param name="Content">The text, or a one-line rendering of the plugin message.</param>
public sealed record TranscriptEntry(long Timestamp, string From, string Role, string Type, string Content);

/// <summary>
/// A customer-service session and, once ended, its service record (session id, agent, skill group,
/// end status, satisfaction) with its transcript.
/// </summary>
public sealed class ServiceSession
{
    private readonly List<TranscriptEntry> _transcript = new();

    internal ServiceSession(string sessionId, ServiceFlow flow, string user, SessionActivation activation, DateTimeOffset startedAt)
    {
        SessionId = sessionId;
        Flow = flow;
        User = user;
        Activation = activation;
        StartedAt = startedAt;
    }

    /// <summary>The session id (also in the satisfaction request).</summary>
    public string SessionId { get; }

    /// <summary>The flow.</summary>
    public ServiceFlow Flow { get; }

    /// <summary>The virtual account.</summary>
    public string VirtualAccount => Flow.VirtualAccount;

    /// <summary>The customer.</summary>
    public string User { get; }

    /// <summary>How it started.</summary>
    public SessionActivation Activation { get; }

    /// <summary>Current state.</summary>
    public SessionState State { get; internal set; }

    /// <summary>Start.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When it was queued for an agent.</summary>
    public DateTimeOffset? QueuedAt { get; internal set; }

    /// <summary>End.</summary>
    public DateTimeOffset? EndedAt { get; internal set; }

    /// <summary>Routed skill group.</summary>
    public SkillGroup? SkillGroup { get; internal set; }

    /// <summary>The agent routing picked.</summary>
    public string? RoutedAgentId { get; internal set; }

    /// <summary>The agent who served (StaffId).</summary>
    public string? StaffId { get; internal set; }

    /// <summary>TCCC end status (<see cref="EndStatus"/>), once ended.</summary>
    public int? EndStatusCode { get; internal set; }

    /// <summary>The rating's option id, once rated.</summary>
    public int? SatisfactionId { get; internal set; }

    /// <summary>The rating's label.</summary>
    public string? SatisfactionLabel { get; internal set; }

    /// <summary>Until when the user may rate.</summary>
    public DateTimeOffset? SatisfactionExpiresAt { get; internal set; }

    /// <summary>Hot questions the bot answered.</summary>
    public int AutoAnswers { get; internal set; }

    /// <summary>The skill group hinted by the last hot question asked.</summary>
    internal string? TopicSkillGroup { get; set; }

    /// <summary>Texts the user wrote, oldest first (for routing).</summary>
    internal List<string> UserTexts { get; } = new();

    /// <summary>A copy of the transcript.</summary>
    public IReadOnlyList<TranscriptEntry> Transcript
    {
        get
        {
            lock (_transcript)
            {
                return _transcript.ToArray();
            }
        }
    }

    /// <summary>Seconds from start to end (or to now while open).</summary>
    public long DurationSeconds(DateTimeOffset now) => (long)((EndedAt ?? now) - StartedAt).TotalSeconds;

    internal void Add(TranscriptEntry entry)
    {
        lock (_transcript)
        {
            _transcript.Add(entry);
        }
    }
}
