using System.Threading.Tasks;
using Xunit;
using All = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.ImCsGenAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Tracking;

/// <summary>
/// Ordinary application code (an options class, a controller-like service, a background worker, a batch
/// sender, provisioning at startup) run through the dispatcher with every rule on: it must produce no finding.
/// </summary>
public class RealisticProjectTests
{
    private const string App = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using ImCsGen;
        using ImCsGen.Auth;
        using ImCsGen.CustomerService;
        using ImCsGen.Im;
        using ImCsGen.Transport;

        namespace Shop.Support;

        public sealed class SupportOptions
        {
            public const string Section = "Support";
            public string VirtualAccount { get; set; } = "kefu_01";
            public string Greeting { get; set; } = "Hello, how can we help?";
            public TimeSpan SigLifetime { get; set; } = TimeSpan.FromDays(1);
        }

        public static class Startup
        {
            private static readonly HttpClient Http = new HttpClient();

            public static ImClientOptions ClientOptions(IReadOnlyDictionary<string, string> config) => new ImClientOptions
            {
                SdkAppId = long.Parse(config["TencentIm:SdkAppId"], System.Globalization.CultureInfo.InvariantCulture),
                Identifier = "administrator",
                SecretKey = config["TencentIm:SecretKey"],
                UserSigLifetime = TimeSpan.FromHours(24),
            };

            public static ImHttpTransport Transport(ImClientOptions options) => new ImHttpTransport(Http, options);

            public static Task ProvisionAsync(CustomerServiceProvisioner provisioner, SupportOptions support, ImClientOptions options) =>
                provisioner.ProvisionAsync(options.Identifier, new VirtualAccount(support.VirtualAccount, "Support"));
        }

        public sealed class ConversationController
        {
            private readonly ImClient _client;
            private readonly SupportOptions _support;

            public ConversationController(ImClient client, SupportOptions support)
            {
                _client = client;
                _support = support;
            }

            public async Task<long?> ReplyAsync(string customerId, string text, CancellationToken cancellationToken)
            {
                var agent = _support.VirtualAccount;
                var request = new SendC2CMessageRequest
                {
                    ToAccount = customerId,
                    MsgBody = new List<MsgBodyElement>(),
                };
                request.FromAccount = agent;
                request.MsgBody.Add(new TIMTextElem { Text = text });
                request.MsgLifeTime = 7 * 24 * 3600;
                var response = await _client.SendC2CMessageAsync(request, cancellationToken);
                return response.MsgTime;
            }

            public Task BroadcastAsync(IEnumerable<string> customers, string text, CancellationToken cancellationToken)
            {
                var recipients = customers.Where(c => c.Length > 0).Distinct().ToList();
                return _client.BatchSendC2CMessageAsync(
                    new BatchSendC2CMessageRequest
                    {
                        FromAccount = _support.VirtualAccount,
                        ToAccount = recipients,
                        MsgBody = [new TIMTextElem { Text = text }],
                    },
                    cancellationToken);
            }
        }

        public sealed class WelcomeWorker
        {
            private readonly CustomerServiceProvisioner _provisioner;
            private readonly SupportOptions _support;

            public WelcomeWorker(CustomerServiceProvisioner provisioner, SupportOptions support)
            {
                _provisioner = provisioner;
                _support = support;
            }

            public async Task RunAsync(IAsyncEnumerable<string> newCustomers, CancellationToken stoppingToken)
            {
                await foreach (string customer in newCustomers.WithCancellation(stoppingToken))
                {
                    await _provisioner.EnsureCustomerAsync(customer, cancellationToken: stoppingToken);
                    await _provisioner.StartConsultationAsync(customer, _support.VirtualAccount, _support.Greeting, stoppingToken);
                }
            }

            public string SignFor(string user, string secretKey, long sdkAppId) =>
                UserSig.Generate(sdkAppId, secretKey, user, _support.SigLifetime, DateTimeOffset.UtcNow);
        }
        """;

    [Fact]
    public async Task A_realistic_application_produces_no_finding_with_every_rule_on()
    {
        await All.AnalyzerAsync(App);
    }

    [Fact]
    public async Task The_same_application_with_a_planted_mistake_gets_exactly_that_finding()
    {
        // Proves the test above can fail: the dispatcher does run the rules on this code.
        await All.AnalyzerAsync(App.Replace("request.FromAccount = agent;", "request.FromAccount = {|IMCS003:\"administrator\"|};", System.StringComparison.Ordinal));
    }
}
