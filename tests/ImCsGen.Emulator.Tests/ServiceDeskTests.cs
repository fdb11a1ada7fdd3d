using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.CustomerService;
using ImCsGen.Emulator.Desk;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class ServiceDeskTests : IAsyncLifetime
{
    private const string Service = "@customer_service_account";
    private const string User = "cust_1";
    private TestEmulator _t = null!;
    private CustomerServiceProvisioner _provisioner = null!;

    public async Task InitializeAsync()
    {
        _t = await TestEmulator.StartAsync();
        _provisioner = new CustomerServiceProvisioner(_t.Client);
        await _provisioner.ProvisionAsync(_t.Admin, new VirtualAccount(Service, "Shop Service", "https://shop.example/a.png"));
        await _provisioner.EnsureCustomerAsync(User, "Lin");
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task UserSays(string text) => _provisioner.SendAsync(User, Service, CustomerServiceElements.Text(text));

    private List<CustomerServiceMessage> PluginMessagesToUser()
        => _t.Emulator.State.GetMessages(User, Service)
            .Where(m => m.From == Service)
            .SelectMany(m => m.Parts())
            .Select(p => CustomerServiceMessage.TryParse(p.Content, out var message) ? message : null)
            .OfType<CustomerServiceMessage>()
            .ToList();

    private List<string> TextsToUser()
        => _t.Emulator.State.GetMessages(User, Service).Where(m => m.From == Service).SelectMany(m => m.Parts()).Where(p => p.MsgType == "TIMTextElem").Select(p => p.Content).ToList();

    [Fact]
    public async Task Provisioning_sets_nickname_avatar_and_pins_the_service_account()
    {
        await _provisioner.PinAsync(User, Service);
        var account = _t.Emulator.State.FindAccount(Service)!;
        Assert.Equal("Shop Service", account.Nick);
        Assert.Equal("https://shop.example/a.png", account.FaceUrl);
        Assert.True(_t.Emulator.State.FindConversation(User, Service)!.Pinned);
        var list = await _t.Client.GetRecentContactsAsync(new GetRecentContactsRequest { FromAccount = User, TimeStamp = 0, StartIndex = 0, TopTimeStamp = 0, TopStartIndex = 0, AssistFlags = 3 });
        Assert.Equal(1, Assert.Single(list.SessionItem!).TopFlag);
    }

    [Fact]
    public async Task Backend_activation_runs_the_whole_flow_with_agents_driven_over_the_control_api()
    {
        await _provisioner.StartConsultationAsync(User, Service, "Hi Lin, how can we help?");
        var session = Assert.Single(_t.Emulator.Desk.GetSessions());
        Assert.Equal(SessionActivation.Backend, session.Activation);
        var menu = Assert.IsType<BranchMenuMessage>(Assert.Single(PluginMessagesToUser()));
        Assert.Equal("Hot questions", menu.Header);
        Assert.Contains(menu.Items, i => i.Content == "Where is my order?");
        Assert.Contains("Hello! I am the shop assistant. How can I help you today?", TextsToUser());

        await UserSays("where is my order?");
        Assert.Equal(1, session.AutoAnswers);
        Assert.StartsWith("Orders ship within 24 hours", TextsToUser().Last(), StringComparison.Ordinal);

        await UserSays("I want a refund. Human please");
        Assert.Equal(SessionState.Queued, session.State);
        Assert.Equal("after-sales", session.SkillGroup!.Id);
        Assert.Equal("bob@shop.example", session.RoutedAgentId);

        using var queue = await _t.ControlGetAsync("_emulator/agents/bob@shop.example/queue");
        var queued = Assert.Single(queue.RootElement.GetProperty("sessions").EnumerateArray());
        Assert.Equal(session.SessionId, queued.GetProperty("sessionId").GetString());

        var (wrong, _) = await _t.ControlPostAsync("_emulator/agents/alice@shop.example/accept", "{\"sessionId\":\"" + session.SessionId + "\"}");
        Assert.Equal(409, wrong);
        var (accepted, _) = await _t.ControlPostAsync("_emulator/agents/bob@shop.example/accept", "{}");
        Assert.Equal(200, accepted);
        Assert.Equal(SessionState.Serving, session.State);
        var (replied, _) = await _t.ControlPostAsync("_emulator/agents/bob@shop.example/reply", "{\"sessionId\":\"" + session.SessionId + "\",\"text\":\"Refund issued.\"}");
        Assert.Equal(200, replied);
        Assert.Equal("Refund issued.", TextsToUser().Last());
        await UserSays("thanks");
        var (ended, _) = await _t.ControlPostAsync("_emulator/agents/bob@shop.example/end", "{\"sessionId\":\"" + session.SessionId + "\"}");
        Assert.Equal(200, ended);

        var plugins = PluginMessagesToUser();
        Assert.IsType<SessionEndMessage>(plugins[^2]);
        var rating = Assert.IsType<SatisfactionRequestMessage>(plugins[^1]);
        Assert.Equal(session.SessionId, rating.SessionId);
        Assert.True(rating.ExpiresAt > DateTimeOffset.UtcNow);

        await _provisioner.SendAsync(User, Service, rating.Answer(104));
        Assert.Equal(104, session.SatisfactionId);
        Assert.Equal("Satisfied", session.SatisfactionLabel);
        Assert.Equal(EndStatus.Normal, session.EndStatusCode);
        Assert.Equal("bob@shop.example", session.StaffId);

        using var record = await _t.ControlGetAsync("_emulator/sessions/" + session.SessionId);
        var json = record.RootElement.GetProperty("session");
        Assert.Equal("after-sales", json.GetProperty("skillGroupId").GetString());
        Assert.Equal("bob@shop.example", json.GetProperty("staffId").GetString());
        Assert.Equal(1, json.GetProperty("endStatus").GetInt32());
        Assert.Equal(104, json.GetProperty("satisfaction").GetProperty("id").GetInt32());
        var roles = json.GetProperty("transcript").EnumerateArray().Select(e => e.GetProperty("role").GetString()).ToList();
        Assert.Equal("backend", roles[0]);
        Assert.Contains("agent", roles);
        Assert.Equal("user", roles[^2]);
        Assert.Contains(json.GetProperty("transcript").EnumerateArray(), e => e.GetProperty("type").GetString() == "satisfaction-answer");

        using var cdrs = await _t.ControlGetAsync("_emulator/tccc/cdrs");
        var cdr = Assert.Single(cdrs.RootElement.GetProperty("IMCdrList").EnumerateArray());
        Assert.Equal(session.SessionId, cdr.GetProperty("SessionId").GetString());
        Assert.Equal("Lin", cdr.GetProperty("Nickname").GetString());
        Assert.Equal(104, cdr.GetProperty("Satisfaction").GetProperty("Id").GetInt32());
        Assert.Equal("After-sales", cdr.GetProperty("SkillGroupName").GetString());
        using var chat = await _t.ControlGetAsync("_emulator/tccc/chat-messages?sessionId=" + session.SessionId + "&order=1");
        var firstLine = chat.RootElement.GetProperty("Messages")[0];
        Assert.Equal(Service, firstLine.GetProperty("From").GetString());
        Assert.Equal("Hi Lin, how can we help?", firstLine.GetProperty("Messages")[0].GetProperty("Content").GetString());

        // A second rating of the same session is refused (the plugin's "duplicate submit").
        await _provisioner.SendAsync(User, Service, rating.Answer(101));
        Assert.Equal(104, session.SatisfactionId);
        Assert.Equal(1, _t.Emulator.Desk.RejectedRatings);
    }

    [Fact]
    public async Task Client_activation_by_the_plugin_src_7_message_greets_and_shows_the_menu()
    {
        var data = new SessionRequestMessage().ToData();
        Assert.Equal("{\"src\":\"7\",\"customerServicePlugin\":0}", data);
        var (status, _) = await _t.ControlPostAsync("_emulator/users/" + User + "/send", "{\"to\":\"" + Service + "\",\"data\":" + JsonSerializerString(data) + "}");
        Assert.Equal(200, status);
        var session = Assert.Single(_t.Emulator.Desk.GetSessions());
        Assert.Equal(SessionActivation.ClientRequest, session.Activation);
        Assert.Equal(SessionState.Bot, session.State);
        Assert.IsType<BranchMenuMessage>(Assert.Single(PluginMessagesToUser()));

        // Opening the chat again while the session is open does not greet twice.
        _t.Emulator.SendPluginAsClient(User, Service, new SessionRequestMessage());
        Assert.Single(_t.Emulator.Desk.GetSessions());
        Assert.Single(PluginMessagesToUser());
    }

    [Fact]
    public async Task Routing_uses_the_hot_question_topic_and_the_rules_and_only_free_agents()
    {
        await _provisioner.StartConsultationAsync(User, Service, "hello");
        await UserSays("Which size should I choose?");
        await UserSays("agent please");
        var session = _t.Emulator.Desk.FindOpenSession(User, Service)!;
        Assert.Equal("pre-sales", session.SkillGroup!.Id);
        Assert.Equal("alice@shop.example", session.RoutedAgentId);
        Assert.Single(_t.Emulator.Desk.GetQueue("alice@shop.example"));
    }

    [Fact]
    public async Task Without_a_free_agent_the_user_gets_no_seat_online_and_the_session_ends_with_status_3()
    {
        var (status, _) = await _t.ControlPostAsync("_emulator/agents/bob@shop.example/status", "{\"status\":\"offline\"}");
        Assert.Equal(200, status);
        await _provisioner.StartConsultationAsync(User, Service, "hello");
        await UserSays("my item is broken, human please");
        var session = Assert.Single(_t.Emulator.Desk.GetSessions());
        Assert.Equal(SessionState.Ended, session.State);
        Assert.Equal(EndStatus.NoAgentOnline, session.EndStatusCode);
        Assert.IsType<NoSeatOnlineMessage>(PluginMessagesToUser().Last());
        Assert.DoesNotContain(PluginMessagesToUser(), m => m is SatisfactionRequestMessage);
    }

    [Fact]
    public async Task Unknown_text_gets_the_fallback_and_a_timeout_ends_the_session_with_108()
    {
        await UserSays("blah");
        var session = Assert.Single(_t.Emulator.Desk.GetSessions());
        Assert.Equal(SessionActivation.UserMessage, session.Activation);
        Assert.StartsWith("Sorry, I did not understand", TextsToUser().Last(), StringComparison.Ordinal);
        var (status, _) = await _t.ControlPostAsync("_emulator/sessions/" + session.SessionId + "/timeout");
        Assert.Equal(200, status);
        Assert.Equal(EndStatus.UserTimeout, session.EndStatusCode);
        Assert.IsType<SessionTimeoutMessage>(PluginMessagesToUser().Last());
        var (again, _) = await _t.ControlPostAsync("_emulator/sessions/" + session.SessionId + "/timeout");
        Assert.Equal(409, again);
        var (missing, _) = await _t.ControlPostAsync("_emulator/sessions/nope/timeout");
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task A_rating_for_another_users_session_is_refused()
    {
        await _provisioner.EnsureCustomerAsync("cust_2");
        await _provisioner.StartConsultationAsync(User, Service, "hello");
        await UserSays("human");
        var session = _t.Emulator.Desk.FindOpenSession(User, Service)!;
        _t.Emulator.Desk.Accept(session.RoutedAgentId!);
        _t.Emulator.Desk.End(session.RoutedAgentId!, session.SessionId);
        await _provisioner.SendAsync("cust_2", Service, new SatisfactionAnswerMessage(105, "Very satisfied", session.SessionId));
        Assert.Null(session.SatisfactionId);
        Assert.Equal(1, _t.Emulator.Desk.RejectedRatings);
    }

    [Fact]
    public void Config_errors_name_the_json_path()
    {
        var badGroup = Assert.Throws<FormatException>(() => ServiceDeskConfig.Parse("""{"skillGroups":[{"id":"a"}],"agents":[{"id":"x","skillGroups":["b"]}]}"""));
        Assert.Contains("agents[x].skillGroups", badGroup.Message, StringComparison.Ordinal);
        var noWelcome = Assert.Throws<FormatException>(() => ServiceDeskConfig.Parse("""{"skillGroups":[{"id":"a"}],"flows":[{"virtualAccount":"v","menu":{"items":[{"question":"q","answer":"a"}]},"transfer":{"defaultSkillGroup":"a"}}]}"""));
        Assert.Contains("$.flows[0].welcome", noWelcome.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ServiceDeskConfig.Parse("not json"));
    }

    private static string JsonSerializerString(string value)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
