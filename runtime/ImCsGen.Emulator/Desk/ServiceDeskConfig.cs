using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using ImCsGen.CustomerService;

namespace ImCsGen.Emulator.Desk;

/// <summary>
/// The customer-service set-up TCCC would hold: session service flows bound to virtual accounts, skill
/// groups and agents. Read from JSON with <see cref="Parse"/> (format in the emulator README).
/// </summary>
public sealed class ServiceDeskConfig
{
    /// <summary>The flows, one per customer-service virtual account.</summary>
    public IList<ServiceFlow> Flows { get; } = new List<ServiceFlow>();

    /// <summary>The skill groups.</summary>
    public IList<SkillGroup> SkillGroups { get; } = new List<SkillGroup>();

    /// <summary>The agents (staff).</summary>
    public IList<AgentConfig> Agents { get; } = new List<AgentConfig>();

    /// <summary>
    /// Reads a configuration. Throws <see cref="FormatException"/> naming the JSON path and the rule when
    /// the document is wrong (unknown skill group, missing welcome text...).
    /// </summary>
    public static ServiceDeskConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException("service desk config: not valid JSON (line " + (e.LineNumber + 1)?.ToString(CultureInfo.InvariantCulture) + "): " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("$: expected a JSON object with flows, skillGroups and agents.");
            }

            var config = new ServiceDeskConfig();
            foreach (var (item, path) in Items(root, "skillGroups", "$"))
            {
                config.SkillGroups.Add(new SkillGroup(
                    Str(item, "id", path),
                    OptStr(item, "name") ?? Str(item, "id", path),
                    (int)(OptInt(item, "maxConcurrency", path) ?? 5)));
            }

            foreach (var (item, path) in Items(root, "agents", "$"))
            {
                var agent = new AgentConfig(Str(item, "id", path), OptStr(item, "name") ?? Str(item, "id", path)) { Status = OptStr(item, "status") ?? AgentStatus.Free };
                foreach (var (group, groupPath) in Items(item, "skillGroups", path))
                {
                    agent.SkillGroups.Add(group.ValueKind == JsonValueKind.String ? group.GetString()! : throw new FormatException(groupPath + ": expected a skill group id."));
                }

                config.Agents.Add(agent);
            }

            foreach (var (item, path) in Items(root, "flows", "$"))
            {
                config.Flows.Add(ReadFlow(item, path));
            }

            config.Validate();
            return config;
        }
    }

    /// <summary>Checks cross references (skill groups of agents and rules, duplicate accounts).</summary>
    public void Validate()
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in SkillGroups)
        {
            if (!groups.Add(group.Id))
            {
                throw new FormatException("skillGroups: duplicate id '" + group.Id + "'.");
            }

            if (group.MaxConcurrency < 1)
            {
                throw new FormatException("skillGroups[" + group.Id + "].maxConcurrency: must be at least 1.");
            }
        }

        foreach (var agent in Agents)
        {
            foreach (var group in agent.SkillGroups)
            {
                if (!groups.Contains(group))
                {
                    throw new FormatException("agents[" + agent.Id + "].skillGroups: unknown skill group '" + group + "'.");
                }
            }

            if (!AgentStatus.IsKnown(agent.Status))
            {
                throw new FormatException("agents[" + agent.Id + "].status: must be one of free, busy, rest, notReady, offline.");
            }
        }

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flow in Flows)
        {
            if (!accounts.Add(flow.VirtualAccount))
            {
                throw new FormatException("flows: two flows for virtual account '" + flow.VirtualAccount + "'.");
            }

            foreach (var rule in flow.Routing)
            {
                if (!groups.Contains(rule.SkillGroup))
                {
                    throw new FormatException("flows[" + flow.VirtualAccount + "].transfer.rules: unknown skill group '" + rule.SkillGroup + "'.");
                }
            }

            foreach (var question in flow.HotQuestions)
            {
                if (question.SkillGroup is not null && !groups.Contains(question.SkillGroup))
                {
                    throw new FormatException("flows[" + flow.VirtualAccount + "].hotQuestions: unknown skill group '" + question.SkillGroup + "'.");
                }
            }

            if (!groups.Contains(flow.DefaultSkillGroup))
            {
                throw new FormatException("flows[" + flow.VirtualAccount + "].transfer.defaultSkillGroup: unknown skill group '" + flow.DefaultSkillGroup + "'.");
            }
        }
    }

    /// <summary>The set-up the demo and the host use when no file is given (an online shop).</summary>
    public static ServiceDeskConfig CreateDefault() => Parse(DefaultJson);

    /// <summary>The JSON of <see cref="CreateDefault"/>, also a template for own files.</summary>
    public const string DefaultJson = """
    {
      "skillGroups": [
        { "id": "pre-sales", "name": "Pre-sales", "maxConcurrency": 5 },
        { "id": "after-sales", "name": "After-sales", "maxConcurrency": 5 }
      ],
      "agents": [
        { "id": "alice@shop.example", "name": "Alice", "skillGroups": ["pre-sales"], "status": "free" },
        { "id": "bob@shop.example", "name": "Bob", "skillGroups": ["after-sales"], "status": "free" },
        { "id": "carol@shop.example", "name": "Carol", "skillGroups": ["after-sales"], "status": "rest" }
      ],
      "flows": [
        {
          "virtualAccount": "@customer_service_account",
          "nick": "Shop Service",
          "faceUrl": "https://shop.example/avatar/service.png",
          "welcome": "Hello! I am the shop assistant. How can I help you today?",
          "menu": {
            "header": "Hot questions",
            "items": [
              { "question": "Where is my order?", "answer": "Orders ship within 24 hours; the tracking number is in Orders > Details.", "skillGroup": "after-sales" },
              { "question": "How do I return an item?", "answer": "Open Orders > Return within 7 days of delivery; the courier picks it up for free.", "skillGroup": "after-sales" },
              { "question": "Which size should I choose?", "answer": "Each product page has a size chart; between two sizes, take the larger one.", "skillGroup": "pre-sales" }
            ]
          },
          "fallback": "Sorry, I did not understand. Pick a hot question or type 'human' to talk to an agent.",
          "transfer": {
            "menuItem": "Talk to a human",
            "keywords": ["human", "agent", "人工", "转人工"],
            "text": "Connecting you to a human agent, please wait...",
            "acceptedText": "{agent} is now serving you.",
            "noAgentText": "No agent is online right now. Please try again later.",
            "rules": [
              { "keywords": ["refund", "return", "broken", "damaged", "退款", "退货"], "skillGroup": "after-sales" },
              { "keywords": ["size", "price", "stock", "discount"], "skillGroup": "pre-sales" }
            ],
            "defaultSkillGroup": "pre-sales",
            "autoAccept": false
          },
          "end": {
            "text": "This session has ended. Thank you for contacting us.",
            "satisfaction": {
              "head": "How satisfied are you with our service?",
              "tail": "Thank you for your feedback.",
              "validMinutes": 1440,
              "thanks": "Thanks for rating us!"
            }
          }
        }
      ]
    }
    """;

    private static ServiceFlow ReadFlow(JsonElement item, string path)
    {
        var menu = Obj(item, "menu", path);
        var transfer = Obj(item, "transfer", path);
        var end = OptObj(item, "end");
        var satisfaction = end is { } e ? OptObj(e, "satisfaction") : null;
        var flow = new ServiceFlow(Str(item, "virtualAccount", path), Str(item, "welcome", path), Str(transfer, "defaultSkillGroup", path + ".transfer"))
        {
            Nick = OptStr(item, "nick"),
            FaceUrl = OptStr(item, "faceUrl"),
            MenuHeader = OptStr(menu, "header") ?? "Hot questions",
            Fallback = OptStr(item, "fallback") ?? "Sorry, I did not understand.",
            TransferMenuItem = OptStr(transfer, "menuItem"),
            TransferText = OptStr(transfer, "text") ?? "Connecting you to a human agent...",
            AcceptedText = OptStr(transfer, "acceptedText") ?? "{agent} is now serving you.",
            NoAgentText = OptStr(transfer, "noAgentText") ?? "No agent is online right now.",
            AutoAccept = transfer.TryGetProperty("autoAccept", out var auto) && auto.ValueKind == JsonValueKind.True,
            EndText = end is { } endElement ? OptStr(endElement, "text") : null,
            SatisfactionHead = satisfaction is { } s1 ? OptStr(s1, "head") : null,
            SatisfactionTail = satisfaction is { } s2 ? OptStr(s2, "tail") : null,
            SatisfactionThanks = satisfaction is { } s3 ? OptStr(s3, "thanks") : null,
            SatisfactionValidFor = TimeSpan.FromMinutes(satisfaction is { } s4 ? OptInt(s4, "validMinutes", path + ".end.satisfaction") ?? 1440 : 1440),
            RequestSatisfaction = satisfaction is not null,
        };

        foreach (var (question, questionPath) in Items(menu, "items", path + ".menu"))
        {
            flow.HotQuestions.Add(new HotQuestion(Str(question, "question", questionPath), Str(question, "answer", questionPath), OptStr(question, "skillGroup")));
        }

        if (flow.HotQuestions.Count == 0)
        {
            throw new FormatException(path + ".menu.items: the hot-question menu needs at least one question.");
        }

        foreach (var (keyword, keywordPath) in Items(transfer, "keywords", path + ".transfer"))
        {
            flow.TransferKeywords.Add(keyword.GetString() ?? throw new FormatException(keywordPath + ": expected a string."));
        }

        foreach (var (rule, rulePath) in Items(transfer, "rules", path + ".transfer"))
        {
            var routing = new RoutingRule(Str(rule, "skillGroup", rulePath));
            foreach (var (keyword, keywordPath) in Items(rule, "keywords", rulePath))
            {
                routing.Keywords.Add(keyword.GetString() ?? throw new FormatException(keywordPath + ": expected a string."));
            }

            if (routing.Keywords.Count == 0)
            {
                throw new FormatException(rulePath + ".keywords: a routing rule needs at least one keyword.");
            }

            flow.Routing.Add(routing);
        }

        if (satisfaction is { } sat && sat.TryGetProperty("options", out _))
        {
            foreach (var (option, optionPath) in Items(sat, "options", path + ".end.satisfaction"))
            {
                flow.SatisfactionOptions.Add(new SatisfactionOption((int)(OptInt(option, "id", optionPath) ?? throw new FormatException(optionPath + ".id: required.")), Str(option, "content", optionPath)));
            }
        }
        else
        {
            foreach (var option in SatisfactionOption.FiveStars)
            {
                flow.SatisfactionOptions.Add(option);
            }
        }

        return flow;
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException(path + "." + name + ": expected an array.");
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, path + "." + name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            index++;
        }
    }

    private static JsonElement Obj(JsonElement parent, string name, string path)
        => OptObj(parent, name) ?? throw new FormatException(path + "." + name + ": required object.");

    private static JsonElement? OptObj(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string Str(JsonElement parent, string name, string path)
    {
        var value = OptStr(parent, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException(path + "." + name + ": required non-empty string.");
        }

        return value;
    }

    private static string? OptStr(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? OptInt(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw new FormatException(path + "." + name + ": expected an integer.");
    }
}

/// <summary>A session service flow bound to one customer-service virtual account.</summary>
public sealed class ServiceFlow
{
    /// <summary>Creates a flow.</summary>
    public ServiceFlow(string virtualAccount, string welcome, string defaultSkillGroup)
    {
        VirtualAccount = virtualAccount;
        Welcome = welcome;
        DefaultSkillGroup = defaultSkillGroup;
    }

    /// <summary>The virtual account's UserID.</summary>
    public string VirtualAccount { get; }

    /// <summary>Nickname the provisioner gives the account.</summary>
    public string? Nick { get; set; }

    /// <summary>Avatar URL the provisioner gives the account.</summary>
    public string? FaceUrl { get; set; }

    /// <summary>Greeting sent when a session starts.</summary>
    public string Welcome { get; }

    /// <summary>Title of the hot-question menu.</summary>
    public string MenuHeader { get; set; } = "Hot questions";

    /// <summary>Hot questions and their automatic answers.</summary>
    public IList<HotQuestion> HotQuestions { get; } = new List<HotQuestion>();

    /// <summary>Answer to text the bot does not recognise.</summary>
    public string Fallback { get; set; } = "Sorry, I did not understand.";

    /// <summary>Extra menu entry that transfers to a human, if any.</summary>
    public string? TransferMenuItem { get; set; }

    /// <summary>Words that ask for a human (case-insensitive containment).</summary>
    public IList<string> TransferKeywords { get; } = new List<string>();

    /// <summary>Routing rules, first match wins.</summary>
    public IList<RoutingRule> Routing { get; } = new List<RoutingRule>();

    /// <summary>Skill group when no rule matches.</summary>
    public string DefaultSkillGroup { get; }

    /// <summary>Sent when the transfer starts.</summary>
    public string TransferText { get; set; } = "Connecting you to a human agent...";

    /// <summary>Sent when an agent accepts; <c>{agent}</c> is replaced by the agent's name.</summary>
    public string AcceptedText { get; set; } = "{agent} is now serving you.";

    /// <summary>Sent (as src 18) when no agent of the group is available.</summary>
    public string NoAgentText { get; set; } = "No agent is online right now.";

    /// <summary>Whether the routed agent accepts at once (otherwise the agent accepts through the control API).</summary>
    public bool AutoAccept { get; set; }

    /// <summary>Text of the session-end notice (src 19).</summary>
    public string? EndText { get; set; }

    /// <summary>Whether a satisfaction request (src 9) follows the end of a served session.</summary>
    public bool RequestSatisfaction { get; set; } = true;

    /// <summary>Satisfaction request head.</summary>
    public string? SatisfactionHead { get; set; }

    /// <summary>Satisfaction request tail.</summary>
    public string? SatisfactionTail { get; set; }

    /// <summary>Sent after a rating is recorded.</summary>
    public string? SatisfactionThanks { get; set; }

    /// <summary>How long the user may rate.</summary>
    public TimeSpan SatisfactionValidFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The rating options.</summary>
    public IList<SatisfactionOption> SatisfactionOptions { get; } = new List<SatisfactionOption>();
}

/// <summary>A hot question, its automatic answer and the skill group its topic belongs to.</summary>
public sealed record HotQuestion(string Question, string Answer, string? SkillGroup);

/// <summary>Route to <see cref="SkillGroup"/> when a user's message in the session contains one of <see cref="Keywords"/>.</summary>
public sealed class RoutingRule
{
    /// <summary>Creates a rule.</summary>
    public RoutingRule(string skillGroup) => SkillGroup = skillGroup;

    /// <summary>Target skill group id.</summary>
    public string SkillGroup { get; }

    /// <summary>Trigger words (case-insensitive containment).</summary>
    public IList<string> Keywords { get; } = new List<string>();
}

/// <summary>A skill group (技能组).</summary>
public sealed record SkillGroup(string Id, string Name, int MaxConcurrency);

/// <summary>An agent (staff member) as configured.</summary>
public sealed class AgentConfig
{
    /// <summary>Creates an agent.</summary>
    public AgentConfig(string id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The agent's account (TCCC uses the e-mail address).</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Skill group ids.</summary>
    public IList<string> SkillGroups { get; } = new List<string>();

    /// <summary>Initial status (<see cref="AgentStatus"/>).</summary>
    public string Status { get; set; } = AgentStatus.Free;
}

/// <summary>TCCC agent statuses the emulator uses for routing: only <see cref="Free"/> agents get sessions.</summary>
public static class AgentStatus
{
    /// <summary>Available.</summary>
    public const string Free = "free";

    /// <summary>Busy.</summary>
    public const string Busy = "busy";

    /// <summary>On a break.</summary>
    public const string Rest = "rest";

    /// <summary>Not ready.</summary>
    public const string NotReady = "notReady";

    /// <summary>Offline.</summary>
    public const string Offline = "offline";

    /// <summary>Whether <paramref name="status"/> is one of the above.</summary>
    public static bool IsKnown(string status) => status is Free or Busy or Rest or NotReady or Offline;
}
