using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen;
using ImCsGen.CustomerService;
using ImCsGen.Emulator;
using ImCsGen.Emulator.Desk;
using ImCsGen.Emulator.Tccc;
using ImCsGen.Im;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;

namespace CustomerServiceDemo;

/// <summary>
/// The scenario: provision the virtual account, start a consultation, the flow greets and shows hot
/// questions, a hot question is answered, the customer asks for a human, routing picks an agent of the
/// right skill group, the agent answers and ends the session, the customer rates it; then the service
/// record and the transcript are printed. Every IM call goes through the generated <see cref="ImClient"/>;
/// the agent side (skill group, agent, its status, the session record and transcript) goes through the
/// generated <see cref="TcccClient"/> over TCCC's cloud API. In the embedded emulator the desk starts without
/// the agent: only the TCCC API's CreateStaff / SetStaffStatus make the after-sales request reach a human.
/// </summary>
public static class DemoRunner
{
    private const string HotQuestion = "Where is my order?";
    private const string HumanRequest = "My parcel arrived damaged and I want a refund. Can I talk to a human? My number is 13812345678.";
    private const int Rating = 105;
    private const string SkillGroupName = "After-sales";

    /// <summary>Runs the scenario, writing to <paramref name="output"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(DemoOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            if (options.Endpoint is null)
            {
                // The backend's callback endpoint; the emulator calls it back (signed) for every REST send.
                var emulatorOptions = new EmulatorOptions { ServiceDesk = DeskWithoutAgent(options.TcccAgent) };
                await using var backend = await CallbackBackend.StartAsync(emulatorOptions.SdkAppId, options.VirtualAccount, output, cancellationToken).ConfigureAwait(false);
                emulatorOptions.Callbacks = new ImCsGen.Emulator.Callbacks.EmulatorCallbackOptions { Url = backend.Url, Token = backend.Token };
                await using var emulator = await ImEmulator.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
                var client = ImClient.Create(emulator.CreateClientOptions());
                await output.WriteLineAsync("ImCsGen customer-service demo against the embedded IM emulator at " + emulator.BaseAddress).ConfigureAwait(false);
                var tccc = new TcccAgentSide(TcccClient.Create(emulator.CreateTcccClientOptions()), emulator.TcccSdkAppId(), output);
                var scenario = new Scenario(client, output, options, emulator.Options.Administrators[0], emulator, tccc);
                await scenario.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var client = ImClient.Create(new ImClientOptions
                {
                    SdkAppId = options.SdkAppId,
                    Identifier = options.Identifier!,
                    SecretKey = options.SecretKey,
                    BaseAddress = options.Endpoint,
                });
                await output.WriteLineAsync("ImCsGen customer-service demo against " + options.Endpoint + " (SDKAppID " + options.SdkAppId.ToString(CultureInfo.InvariantCulture) + ")").ConfigureAwait(false);
                TcccAgentSide? tccc = null;
                if (options.TcccSecretId is not null)
                {
                    // A real TCCC account: SecretId from the command line, SecretKey from the environment only.
                    var tcccClient = TcccClient.Create(new TencentCloudClientOptions { SecretId = options.TcccSecretId, SecretKey = options.TcccSecretKey, Endpoint = options.TcccEndpoint });
                    var tcccApp = options.TcccSdkAppId != 0 ? options.TcccSdkAppId : options.SdkAppId;
                    await output.WriteLineAsync("TCCC (ccc 2020-02-10) at " + (options.TcccEndpoint?.ToString() ?? "https://" + TcccClientActions.Host + "/") + " as " + options.TcccSecretId + ", SdkAppId " + tcccApp.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    tccc = new TcccAgentSide(tcccClient, tcccApp, output);
                }

                var scenario = new Scenario(client, output, options, options.Identifier!, null, tccc);
                await scenario.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (ImException e)
        {
            await output.WriteLineAsync("IM call failed: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (TencentCloudException e)
        {
            await output.WriteLineAsync("TCCC call failed: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The emulator's default desk without <paramref name="agent"/>, whom the demo creates through TCCC's API.</summary>
    private static ServiceDeskConfig DeskWithoutAgent(string agent)
    {
        var config = ServiceDeskConfig.CreateDefault();
        foreach (var configured in config.Agents.Where(a => a.Id == agent).ToList())
        {
            config.Agents.Remove(configured);
        }

        return config;
    }

    private sealed class Scenario
    {
        private readonly ImClient _client;
        private readonly TextWriter _out;
        private readonly DemoOptions _options;
        private readonly string _admin;
        private readonly ImEmulator? _emulator;
        private readonly TcccAgentSide? _tccc;
        private readonly CustomerServiceProvisioner _provisioner;
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<(C2CMessageListItem Message, CustomerServiceMessage? Plugin)> _received = new();

        public Scenario(ImClient client, TextWriter output, DemoOptions options, string admin, ImEmulator? emulator, TcccAgentSide? tccc)
        {
            _tccc = tccc;
            _client = client;
            _out = output;
            _options = options;
            _admin = admin;
            _emulator = emulator;
            _provisioner = new CustomerServiceProvisioner(client);
        }

        private string Customer => _options.Customer;

        private string Service => _options.VirtualAccount;

        public async Task RunAsync(CancellationToken ct)
        {
            var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
            var flow = _emulator?.Desk.Flows.FirstOrDefault(f => f.VirtualAccount == Service);
            var account = new VirtualAccount(Service, flow?.Nick ?? "Customer Service", flow?.FaceUrl);

            await Step(1, "Provision the administrator, the virtual account and the customer").ConfigureAwait(false);
            await _provisioner.ProvisionAsync(_admin, account, "Administrator", ct).ConfigureAwait(false);
            await _provisioner.EnsureCustomerAsync(Customer, "Lin", ct).ConfigureAwait(false);
            await _provisioner.PinAsync(Customer, Service, ct).ConfigureAwait(false);
            var profile = await _client.GetProfileAsync(new GetProfileRequest { ToAccount = new List<string> { Service }, TagList = new List<string> { "Tag_Profile_IM_Nick", "Tag_Profile_IM_Image" } }, ct).ConfigureAwait(false);
            foreach (var item in profile.UserProfileItem?.FirstOrDefault()?.ProfileItem ?? new List<ProfileItem>())
            {
                await Line("profile of " + Service + ": " + item.Tag + " = " + item.Value.ToString()).ConfigureAwait(false);
            }

            var contacts = await _client.GetRecentContactsAsync(new GetRecentContactsRequest { FromAccount = Customer, TimeStamp = 0, StartIndex = 0, TopTimeStamp = 0, TopStartIndex = 0, AssistFlags = 3 }, ct).ConfigureAwait(false);
            var pinned = contacts.SessionItem?.FirstOrDefault(c => c.ToAccount == Service)?.TopFlag == 1;
            await Line(Service + " is " + (pinned ? "pinned at the top of " : "in ") + Customer + "'s conversation list").ConfigureAwait(false);
            if (_tccc is not null)
            {
                await Line("TCCC: provision the agent side (skill group, agent, status)").ConfigureAwait(false);
                await _tccc.ProvisionAsync(_options.TcccAgent, SkillGroupName, ct).ConfigureAwait(false);
            }

            await Step(2, "The backend starts a consultation (admin sends From_Account = " + Service + ")").ConfigureAwait(false);
            await _provisioner.StartConsultationAsync(Customer, Service, "Hi Lin, thanks for your order #1234. We are here if you need anything.", ct).ConfigureAwait(false);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            var menu = _received.Select(r => r.Plugin).OfType<BranchMenuMessage>().LastOrDefault();
            var question = menu?.FindItem(HotQuestion)?.Content ?? HotQuestion;
            await Step(3, Customer + " taps the hot question \"" + question + "\"").ConfigureAwait(false);
            await SendAsCustomerAsync(CustomerServiceElements.Text(question), ct).ConfigureAwait(false);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            await Step(4, Customer + " asks for a human: \"" + HumanRequest + "\"").ConfigureAwait(false);
            await SendAsCustomerAsync(CustomerServiceElements.Text(HumanRequest), ct).ConfigureAwait(false);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            if (_emulator is null)
            {
                await Line("(agents answer from the TCCC workbench of a real App; the demo stops here)").ConfigureAwait(false);
                if (_tccc is not null)
                {
                    await _tccc.ReadBackAsync(null, Customer, since, ct).ConfigureAwait(false);
                }

                return;
            }

            var session = _emulator.Desk.FindOpenSession(Customer, Service) ?? throw new InvalidOperationException("The service desk opened no session.");
            var agent = _emulator.Desk.GetAgents().First(a => a.Id == session.RoutedAgentId);
            await Line("routing: skill group " + session.SkillGroup?.Name + " -> agent " + agent.Name + " <" + agent.Id + ">").ConfigureAwait(false);

            await Step(5, agent.Name + " accepts the session and answers").ConfigureAwait(false);
            _emulator.Desk.Accept(agent.Id, session.SessionId);
            _emulator.Desk.Reply(agent.Id, session.SessionId, "Hello Lin, I am sorry about the damaged parcel. I have issued a full refund; you will see it within 3 days.");
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);
            await SendAsCustomerAsync(CustomerServiceElements.Text("Great, thank you!"), ct).ConfigureAwait(false);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            await Step(6, agent.Name + " ends the session").ConfigureAwait(false);
            _emulator.Desk.End(agent.Id, session.SessionId);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            var request = _received.Select(r => r.Plugin).OfType<SatisfactionRequestMessage>().LastOrDefault() ?? throw new InvalidOperationException("No satisfaction request (src 9) arrived.");
            var answer = request.Answer(Rating);
            await Step(7, Customer + " rates the session: " + answer.Content).ConfigureAwait(false);
            await SendAsCustomerAsync(answer.ToMsgBody(), ct).ConfigureAwait(false);
            await ShowNewMessagesAsync(ct).ConfigureAwait(false);

            await PrintRecordAsync(_emulator.Desk.FindSession(session.SessionId)!).ConfigureAwait(false);
            if (_tccc is not null)
            {
                await _tccc.ReadBackAsync(session.SessionId, Customer, since, ct).ConfigureAwait(false);
            }
        }

        private Task SendAsCustomerAsync(IList<MsgBodyElement> body, CancellationToken ct)
            => _provisioner.SendAsync(Customer, Service, body, ct);

        private async Task ShowNewMessagesAsync(CancellationToken ct)
        {
            var response = await _client.GetC2CRoamMessagesAsync(
                new GetC2CRoamMessagesRequest
                {
                    OperatorAccount = Customer,
                    PeerAccount = Service,
                    MaxCnt = 100,
                    MinTime = 0,
                    MaxTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600,
                },
                ct).ConfigureAwait(false);
            foreach (var message in response.MsgList ?? new List<C2CMessageListItem>())
            {
                if (message.MsgKey is null || !_seen.Add(message.MsgKey) || message.FromAccount != Service)
                {
                    continue;
                }

                foreach (var element in message.MsgBody ?? new List<MsgBodyElement>())
                {
                    element.TryGetCustomerServiceMessage(out var plugin);
                    _received.Add((message, plugin));
                    var text = element switch
                    {
                        TIMTextElem t => t.Text,
                        _ when plugin is not null => Render(plugin),
                        _ => "[" + element.MsgType + "]",
                    };
                    await Line("  " + Service + " -> " + Customer + ": " + text).ConfigureAwait(false);
                }
            }
        }

        private async Task PrintRecordAsync(ServiceSession session)
        {
            await _out.WriteLineAsync().ConfigureAwait(false);
            await _out.WriteLineAsync("Service record").ConfigureAwait(false);
            await _out.WriteLineAsync("  session id    " + session.SessionId).ConfigureAwait(false);
            await _out.WriteLineAsync("  started by    " + session.Activation).ConfigureAwait(false);
            await _out.WriteLineAsync("  customer      " + session.User).ConfigureAwait(false);
            await _out.WriteLineAsync("  skill group   " + session.SkillGroup?.Id + " (" + session.SkillGroup?.Name + ")").ConfigureAwait(false);
            await _out.WriteLineAsync("  agent         " + session.StaffId).ConfigureAwait(false);
            await _out.WriteLineAsync("  end status    " + session.EndStatusCode?.ToString(CultureInfo.InvariantCulture) + (session.EndStatusCode == EndStatus.Normal ? " (normal)" : string.Empty)).ConfigureAwait(false);
            await _out.WriteLineAsync("  auto answers  " + session.AutoAnswers.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await _out.WriteLineAsync("  satisfaction  " + (session.SatisfactionId is { } id ? id.ToString(CultureInfo.InvariantCulture) + " " + session.SatisfactionLabel : "none")).ConfigureAwait(false);
            await _out.WriteLineAsync().ConfigureAwait(false);
            await _out.WriteLineAsync("Transcript").ConfigureAwait(false);
            foreach (var entry in session.Transcript)
            {
                var time = DateTimeOffset.FromUnixTimeSeconds(entry.Timestamp).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var content = entry.Type == "text" ? entry.Content : "[" + entry.Type + "] " + entry.Content;
                await _out.WriteLineAsync("  " + time + "  " + entry.Role.PadRight(7) + " " + entry.From.PadRight(26) + " " + content).ConfigureAwait(false);
            }
        }

        private Task Step(int number, string title) => _out.WriteLineAsync(Environment.NewLine + "[" + number.ToString(CultureInfo.InvariantCulture) + "] " + title);

        private Task Line(string text) => _out.WriteLineAsync("    " + text);

        private static string Render(CustomerServiceMessage plugin) => plugin switch
        {
            BranchMenuMessage menu => "[menu src 15] " + menu.Header + ": " + string.Join(" | ", menu.Items.Select(i => i.Content)),
            SatisfactionRequestMessage rating => "[satisfaction request src 9] " + rating.Head + " " + string.Join(" ", rating.Options.Select(o => o.Id.ToString(CultureInfo.InvariantCulture) + "=" + o.Content)),
            SessionEndMessage end => "[session end src 19] " + end.Text,
            NoSeatOnlineMessage none => "[no agent online src 18] " + none.Text,
            _ => "[plugin src " + plugin.Src + "]",
        };
    }
}
