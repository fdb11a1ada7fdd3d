using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.CustomerService;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Desk;

/// <summary>
/// The TCCC-like session engine: watches C2C messages to and from the configured virtual accounts, runs
/// the flow (welcome, hot-question menu, auto-answers, transfer), routes to a skill group and an agent,
/// lets agents accept, reply and end, asks for and records the satisfaction rating.
/// Everything runs under the state's lock.
/// </summary>
public sealed partial class ServiceDesk
{
    private readonly EmulatorState _state;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, ServiceFlow> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SkillGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly List<ServiceSession> _sessions = new();
    private readonly Random _random = new(7);
    private int _nextSession;

    internal ServiceDesk(EmulatorState state, TimeProvider clock, ServiceDeskConfig config)
    {
        _state = state;
        _clock = clock;
        Configure(config);
        state.MessageDelivered = OnMessageDelivered;
    }

    /// <summary>How many satisfaction answers were refused (unknown session, duplicate, expired).</summary>
    public int RejectedRatings { get; private set; }

    /// <summary>The flows.</summary>
    public IReadOnlyList<ServiceFlow> Flows
    {
        get
        {
            lock (_state.Sync)
            {
                return _flows.Values.ToList();
            }
        }
    }

    /// <summary>The skill groups.</summary>
    public IReadOnlyList<SkillGroup> SkillGroups
    {
        get
        {
            lock (_state.Sync)
            {
                return _groups.Values.ToList();
            }
        }
    }

    /// <summary>Replaces the configuration (sessions are kept).</summary>
    public void Configure(ServiceDeskConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        lock (_state.Sync)
        {
            _flows.Clear();
            _groups.Clear();
            _agents.Clear();
            foreach (var group in config.SkillGroups)
            {
                _groups[group.Id] = group;
            }

            foreach (var flow in config.Flows)
            {
                _flows[flow.VirtualAccount] = flow;
            }

            var order = 0;
            foreach (var agent in config.Agents)
            {
                _agents[agent.Id] = new Agent(agent, order++);
            }
        }
    }

    /// <summary>All sessions, oldest first.</summary>
    public IReadOnlyList<ServiceSession> GetSessions()
    {
        lock (_state.Sync)
        {
            return _sessions.ToList();
        }
    }

    /// <summary>A session by id, or null.</summary>
    public ServiceSession? FindSession(string sessionId)
    {
        lock (_state.Sync)
        {
            return _sessions.FirstOrDefault(s => string.Equals(s.SessionId, sessionId, StringComparison.Ordinal));
        }
    }

    /// <summary>The open session of <paramref name="user"/> with <paramref name="virtualAccount"/>, or null.</summary>
    public ServiceSession? FindOpenSession(string user, string virtualAccount)
    {
        lock (_state.Sync)
        {
            return OpenSession(user, virtualAccount);
        }
    }

    /// <summary>The agents.</summary>
    public IReadOnlyList<Agent> GetAgents()
    {
        lock (_state.Sync)
        {
            return _agents.Values.OrderBy(a => a.Order).ToList();
        }
    }

    /// <summary>Adds (or replaces) an agent.</summary>
    public Agent AddAgent(AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_state.Sync)
        {
            foreach (var group in config.SkillGroups)
            {
                if (!_groups.ContainsKey(group))
                {
                    throw new ServiceDeskException("skillGroups: unknown skill group '" + group + "'", notFound: true);
                }
            }

            if (!AgentStatus.IsKnown(config.Status))
            {
                throw new ServiceDeskException("status: must be one of free, busy, rest, notReady, offline");
            }

            var agent = new Agent(config, _agents.Count);
            _agents[config.Id] = agent;
            return agent;
        }
    }

    /// <summary>Sets an agent's status (only <c>free</c> agents are routed to).</summary>
    public void SetAgentStatus(string agentId, string status)
    {
        if (!AgentStatus.IsKnown(status))
        {
            throw new ServiceDeskException("status: must be one of free, busy, rest, notReady, offline");
        }

        lock (_state.Sync)
        {
            RequireAgent(agentId).Status = status;
        }
    }

    /// <summary>Sessions routed to the agent and waiting to be accepted, oldest first.</summary>
    public IReadOnlyList<ServiceSession> GetQueue(string agentId)
    {
        lock (_state.Sync)
        {
            RequireAgent(agentId);
            return _sessions.Where(s => s.State == SessionState.Queued && string.Equals(s.RoutedAgentId, agentId, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>The agent accepts a queued session (the oldest in its queue when <paramref name="sessionId"/> is null).</summary>
    public ServiceSession Accept(string agentId, string? sessionId = null)
    {
        lock (_state.Sync)
        {
            var agent = RequireAgent(agentId);
            var session = sessionId is null
                ? _sessions.FirstOrDefault(s => s.State == SessionState.Queued && string.Equals(s.RoutedAgentId, agentId, StringComparison.Ordinal))
                    ?? throw new ServiceDeskException("agent '" + agentId + "' has no queued session")
                : RequireSession(sessionId);
            if (session.State != SessionState.Queued)
            {
                throw new ServiceDeskException("session '" + session.SessionId + "' is " + session.State.ToString() + ", not queued");
            }

            if (!string.Equals(session.RoutedAgentId, agentId, StringComparison.Ordinal))
            {
                throw new ServiceDeskException("session '" + session.SessionId + "' was routed to '" + session.RoutedAgentId + "', not to '" + agentId + "'");
            }

            AcceptCore(session, agent);
            return session;
        }
    }

    /// <summary>The serving agent sends a text to the user (as the virtual account).</summary>
    public StoredMessage Reply(string agentId, string sessionId, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ServiceDeskException("text: must not be empty");
        }

        lock (_state.Sync)
        {
            var session = ServingSession(agentId, sessionId);
            return SendText(session, text, agentId, "agent");
        }
    }

    /// <summary>The serving agent ends the session: end notice (src 19), then the satisfaction request (src 9).</summary>
    public ServiceSession End(string agentId, string sessionId)
    {
        lock (_state.Sync)
        {
            var session = ServingSession(agentId, sessionId);
            Finish(session, EndStatus.Normal, new SessionEndMessage(session.Flow.EndText), askRating: session.Flow.RequestSatisfaction);
            return session;
        }
    }

    /// <summary>Ends an open session as if the user stopped answering (src 20, end status 108).</summary>
    public ServiceSession TimeOut(string sessionId)
    {
        lock (_state.Sync)
        {
            var session = RequireSession(sessionId);
            if (session.State == SessionState.Ended)
            {
                throw new ServiceDeskException("session '" + sessionId + "' already ended");
            }

            Finish(session, EndStatus.UserTimeout, new SessionTimeoutMessage(session.Flow.EndText), askRating: false);
            return session;
        }
    }

    internal void Clear()
    {
        _sessions.Clear();
        foreach (var agent in _agents.Values)
        {
            agent.ActiveSessions = 0;
            agent.QueuedSessions = 0;
        }

        RejectedRatings = 0;
        _nextSession = 0;
    }

    /// <summary>The hook the state calls after storing a REST or client message.</summary>
    private void OnMessageDelivered(StoredMessage message)
    {
        if (message.Origin is MessageOrigin.ServiceDesk or MessageOrigin.Import)
        {
            return;
        }

        if (_flows.TryGetValue(message.From, out var fromFlow) && !_flows.ContainsKey(message.To))
        {
            OnBackendMessage(fromFlow, message);
        }
        else if (_flows.TryGetValue(message.To, out var toFlow))
        {
            OnUserMessage(toFlow, message);
        }
    }

    private void OnBackendMessage(ServiceFlow flow, StoredMessage message)
    {
        // Mission path: the backend, as the admin, sends From_Account = virtual account to the user.
        var session = OpenSession(message.To, flow.VirtualAccount);
        var start = session is null;
        session ??= StartSession(flow, message.To, SessionActivation.Backend);
        foreach (var part in message.Parts())
        {
            session.Add(Entry(message.MsgTime, flow.VirtualAccount, "backend", part));
        }

        if (start)
        {
            Greet(session);
        }
    }

    private void OnUserMessage(ServiceFlow flow, StoredMessage message)
    {
        foreach (var part in message.Parts())
        {
            CustomerServiceMessage? plugin = null;
            if (part.MsgType == "TIMCustomElem")
            {
                try
                {
                    CustomerServiceMessage.TryParse(part.Content, out plugin);
                }
                catch (FormatException)
                {
                    plugin = null;
                }
            }

            switch (plugin)
            {
                case SessionRequestMessage:
                {
                    var open = OpenSession(message.From, flow.VirtualAccount);
                    if (open is null)
                    {
                        var session = StartSession(flow, message.From, SessionActivation.ClientRequest);
                        session.Add(Entry(message.MsgTime, message.From, "user", part));
                        Greet(session);
                    }
                    else
                    {
                        open.Add(Entry(message.MsgTime, message.From, "user", part));
                    }

                    continue;
                }

                case SatisfactionAnswerMessage answer:
                    Rate(flow, message, answer, part);
                    continue;
            }

            var current = OpenSession(message.From, flow.VirtualAccount);
            if (current is null)
            {
                current = StartSession(flow, message.From, SessionActivation.UserMessage);
                current.Add(Entry(message.MsgTime, message.From, "user", part));
                Greet(current);
                if (part.MsgType == "TIMTextElem")
                {
                    HandleText(current, part.Content);
                }

                continue;
            }

            current.Add(Entry(message.MsgTime, message.From, "user", part));
            if (part.MsgType == "TIMTextElem")
            {
                HandleText(current, part.Content);
            }
        }
    }

    private void HandleText(ServiceSession session, string text)
    {
        session.UserTexts.Add(text);
        if (session.State != SessionState.Bot)
        {
            // Queued or serving: the text waits for (or goes to) the agent.
            return;
        }

        var flow = session.Flow;
        var trimmed = text.Trim();
        if (flow.TransferMenuItem is not null && string.Equals(trimmed, flow.TransferMenuItem, StringComparison.OrdinalIgnoreCase))
        {
            Transfer(session);
            return;
        }

        foreach (var question in flow.HotQuestions)
        {
            if (string.Equals(trimmed, question.Question, StringComparison.OrdinalIgnoreCase))
            {
                session.AutoAnswers++;
                session.TopicSkillGroup = question.SkillGroup ?? session.TopicSkillGroup;
                SendText(session, question.Answer, flow.VirtualAccount, "bot");
                return;
            }
        }

        foreach (var keyword in flow.TransferKeywords)
        {
            if (trimmed.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                Transfer(session);
                return;
            }
        }

        SendText(session, flow.Fallback, flow.VirtualAccount, "bot");
    }

    // skillGroupId: TCCC's TransferToManual names the group (Tccc/ServiceDesk.Tccc.cs); otherwise the flow routes.
    private void Transfer(ServiceSession session, string? skillGroupId = null)
    {
        var flow = session.Flow;
        var group = _groups[skillGroupId ?? Route(session)];
        session.SkillGroup = group;
        var agent = _agents.Values
            .Where(a => a.Status == AgentStatus.Free && a.SkillGroups.Contains(group.Id) && a.ActiveSessions + a.QueuedSessions < group.MaxConcurrency)
            .OrderBy(a => a.ActiveSessions + a.QueuedSessions).ThenBy(a => a.Order)
            .FirstOrDefault();
        if (agent is null)
        {
            Finish(session, EndStatus.NoAgentOnline, new NoSeatOnlineMessage(flow.NoAgentText), askRating: false);
            return;
        }

        session.State = SessionState.Queued;
        session.QueuedAt = _clock.GetUtcNow();
        session.RoutedAgentId = agent.Id;
        agent.QueuedSessions++;
        SendText(session, flow.TransferText, flow.VirtualAccount, "bot");
        if (flow.AutoAccept)
        {
            AcceptCore(session, agent);
        }
    }

    /// <summary>First routing rule whose keyword appears in the user's texts (newest first), then the last hot question's group, then the default.</summary>
    private string Route(ServiceSession session)
    {
        for (var i = session.UserTexts.Count - 1; i >= 0; i--)
        {
            foreach (var rule in session.Flow.Routing)
            {
                if (rule.Keywords.Any(k => session.UserTexts[i].Contains(k, StringComparison.OrdinalIgnoreCase)))
                {
                    return rule.SkillGroup;
                }
            }
        }

        return session.TopicSkillGroup ?? session.Flow.DefaultSkillGroup;
    }

    private void AcceptCore(ServiceSession session, Agent agent)
    {
        agent.QueuedSessions--;
        agent.ActiveSessions++;
        session.State = SessionState.Serving;
        session.StaffId = agent.Id;
        SendText(session, session.Flow.AcceptedText.Replace("{agent}", agent.Name, StringComparison.Ordinal), session.Flow.VirtualAccount, "bot");
    }

    private void Finish(ServiceSession session, int endStatus, SessionNoticeMessage notice, bool askRating)
    {
        if (session.State == SessionState.Serving && session.StaffId is not null && _agents.TryGetValue(session.StaffId, out var serving))
        {
            serving.ActiveSessions--;
        }
        else if (session.State == SessionState.Queued && session.RoutedAgentId is not null && _agents.TryGetValue(session.RoutedAgentId, out var routed))
        {
            routed.QueuedSessions--;
        }

        var now = _clock.GetUtcNow();
        session.State = SessionState.Ended;
        session.EndedAt = now;
        session.EndStatusCode = endStatus;
        SendPlugin(session, notice);
        if (askRating)
        {
            var expires = now + session.Flow.SatisfactionValidFor;
            session.SatisfactionExpiresAt = expires;
            SendPlugin(session, new SatisfactionRequestMessage(session.SessionId, session.Flow.SatisfactionOptions.ToList(), SatisfactionScale.Stars, session.Flow.SatisfactionHead, session.Flow.SatisfactionTail, expires));
        }
    }

    private void Rate(ServiceFlow flow, StoredMessage message, SatisfactionAnswerMessage answer, MessagePart part)
    {
        var session = _sessions.FirstOrDefault(s => string.Equals(s.SessionId, answer.SessionId, StringComparison.Ordinal));
        var valid = session is not null
            && string.Equals(session.User, message.From, StringComparison.Ordinal)
            && ReferenceEquals(session.Flow, flow)
            && session.State == SessionState.Ended
            && session.SatisfactionExpiresAt is { } expires && _clock.GetUtcNow() <= expires
            && session.SatisfactionId is null
            && session.Flow.SatisfactionOptions.Any(o => o.Id == answer.OptionId);
        if (!valid)
        {
            // Plugin codes 10150 (expired / not started) and 10152 (duplicate) would be shown by the client.
            RejectedRatings++;
            return;
        }

        session!.Add(Entry(message.MsgTime, message.From, "user", part));
        session.SatisfactionId = answer.OptionId;
        session.SatisfactionLabel = answer.Content;
        if (flow.SatisfactionThanks is not null)
        {
            SendText(session, flow.SatisfactionThanks, flow.VirtualAccount, "bot");
        }
    }

    private ServiceSession StartSession(ServiceFlow flow, string user, SessionActivation activation)
    {
        var id = "cs-" + _clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + (++_nextSession).ToString("D4", CultureInfo.InvariantCulture);
        var session = new ServiceSession(id, flow, user, activation, _clock.GetUtcNow());
        _sessions.Add(session);
        return session;
    }

    private void Greet(ServiceSession session)
    {
        var flow = session.Flow;
        SendText(session, flow.Welcome, flow.VirtualAccount, "bot");
        var items = flow.HotQuestions.Select(q => new BranchMenuItem(q.Question)).ToList();
        if (flow.TransferMenuItem is not null)
        {
            items.Add(new BranchMenuItem(flow.TransferMenuItem));
        }

        SendPlugin(session, new BranchMenuMessage(flow.MenuHeader, items));
    }

    private StoredMessage SendText(ServiceSession session, string text, string from, string role)
    {
        var message = Store(session, TextBody(text));
        session.Add(new TranscriptEntry(message.MsgTime, from, role, "text", text));
        return message;
    }

    private void SendPlugin(ServiceSession session, CustomerServiceMessage plugin)
    {
        var message = Store(session, CustomBody(plugin));
        session.Add(new TranscriptEntry(message.MsgTime, session.VirtualAccount, "bot", Kind(plugin), Describe(plugin)));
    }

    private StoredMessage Store(ServiceSession session, string body)
    {
        var random = (uint)_random.NextInt64(0, uint.MaxValue + 1L);
        return _state.Store(session.VirtualAccount, session.User, null, random, _clock.GetUtcNow().ToUnixTimeSeconds(), body, null, MessageOrigin.ServiceDesk, countUnread: true);
    }

    private ServiceSession? OpenSession(string user, string virtualAccount)
        => _sessions.LastOrDefault(s => s.State != SessionState.Ended && string.Equals(s.User, user, StringComparison.Ordinal) && string.Equals(s.VirtualAccount, virtualAccount, StringComparison.Ordinal));

    private Agent RequireAgent(string agentId)
        => _agents.TryGetValue(agentId, out var agent) ? agent : throw new ServiceDeskException("no agent '" + agentId + "'", notFound: true);

    private ServiceSession RequireSession(string sessionId)
        => _sessions.FirstOrDefault(s => string.Equals(s.SessionId, sessionId, StringComparison.Ordinal)) ?? throw new ServiceDeskException("no session '" + sessionId + "'", notFound: true);

    private ServiceSession ServingSession(string agentId, string sessionId)
    {
        RequireAgent(agentId);
        var session = RequireSession(sessionId);
        if (session.State != SessionState.Serving || !string.Equals(session.StaffId, agentId, StringComparison.Ordinal))
        {
            throw new ServiceDeskException("session '" + sessionId + "' is not being served by '" + agentId + "'");
        }

        return session;
    }

    private static TranscriptEntry Entry(long time, string from, string role, MessagePart part)
    {
        if (part.MsgType == "TIMTextElem")
        {
            return new TranscriptEntry(time, from, role, "text", part.Content);
        }

        if (part.MsgType == "TIMCustomElem")
        {
            try
            {
                if (CustomerServiceMessage.TryParse(part.Content, out var plugin))
                {
                    return new TranscriptEntry(time, from, role, Kind(plugin!), Describe(plugin!));
                }
            }
            catch (FormatException)
            {
                // A malformed plugin payload is kept as raw custom data.
            }

            return new TranscriptEntry(time, from, role, "custom", part.Content);
        }

        return new TranscriptEntry(time, from, role, part.MsgType, part.Content);
    }

    internal static string Kind(CustomerServiceMessage message) => message switch
    {
        SessionRequestMessage => "session-request",
        BranchMenuMessage => "menu",
        SatisfactionRequestMessage => "satisfaction-request",
        SatisfactionAnswerMessage => "satisfaction-answer",
        SessionEndMessage => "session-end",
        SessionTimeoutMessage => "session-timeout",
        NoSeatOnlineMessage => "no-agent-online",
        ProductCardMessage => "product-card",
        FormMessage => "form",
        RichTextMessage => "rich-text",
        _ => "plugin-src-" + message.Src,
    };

    internal static string Describe(CustomerServiceMessage message) => message switch
    {
        SessionRequestMessage => "(client opened the chat)",
        BranchMenuMessage menu => menu.Header + ": " + string.Join(" | ", menu.Items.Select(i => i.Content)),
        SatisfactionRequestMessage rating => (rating.Head ?? "Rate this session") + " " + string.Join(" ", rating.Options.Select(o => "[" + o.Id.ToString(CultureInfo.InvariantCulture) + " " + o.Content + "]")),
        SatisfactionAnswerMessage answer => answer.OptionId.ToString(CultureInfo.InvariantCulture) + " " + answer.Content,
        SessionNoticeMessage notice => notice.Text ?? string.Empty,
        ProductCardMessage card => card.Header + (card.Description is null ? string.Empty : " - " + card.Description),
        FormMessage form => form.Header,
        RichTextMessage rich => rich.Markdown,
        _ => message.ToData(),
    };

    internal static string TextBody(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("MsgType", "TIMTextElem");
            writer.WriteStartObject("MsgContent");
            writer.WriteString("Text", text);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string CustomBody(CustomerServiceMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("MsgType", "TIMCustomElem");
            writer.WriteStartObject("MsgContent");
            writer.WriteString("Data", message.ToData());
            writer.WriteString("Desc", Kind(message));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
