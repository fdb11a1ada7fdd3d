using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.CustomerService;
using ImCsGen.Emulator.Desk;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The runtime's own behaviour (UserSig renewal, rate limiting, batch sends) against the emulator.</summary>
public sealed class RuntimeIntegrationTests
{
    [Fact]
    public async Task An_expired_usersig_is_renewed_once_after_70001_and_the_call_succeeds()
    {
        await using var t = await TestEmulator.StartAsync();
        var provider = new StaleFirstProvider(t.Emulator);
        var client = ImClient.Create(new ImClientOptions
        {
            SdkAppId = t.Emulator.Options.SdkAppId,
            Identifier = t.Admin,
            UserSigProvider = provider,
            BaseAddress = t.Emulator.BaseAddress,
        });
        var ips = await client.GetServerIpListAsync(new GetServerIpListRequest());
        Assert.Contains("127.0.0.1", ips.IPList!);
        Assert.Equal(1, t.Emulator.Stats.Responses(70001));
        Assert.Equal(1, provider.Invalidations);
    }

    [Fact]
    public async Task Concurrent_sends_over_a_tight_server_limit_all_arrive_exactly_once()
    {
        await using var t = await TestEmulator.StartAsync(o => o.RateLimits["openim/sendmsg"] = 20);
        await t.ImportAsync("rl_a", "rl_b");
        var client = TestEmulator.CreateClient(t.Emulator, c =>
        {
            c.RateLimits["SendC2CMessage"] = 20;
            c.MaxRetryAttempts = 10;
            c.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            c.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
        });
        var keys = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var answer = await client.SendC2CMessageAsync(new SendC2CMessageRequest
            {
                FromAccount = "rl_a",
                ToAccount = "rl_b",
                MsgTimeStamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });
            keys.Add(answer.MsgKey!);
        });
        var stored = t.Emulator.State.GetMessages("rl_a", "rl_b");
        Assert.Equal(60, stored.Count);
        Assert.Equal(60, stored.Select(m => m.Parts()[0].Content).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(stored.Select(m => m.MsgKey).OrderBy(k => k, StringComparer.Ordinal), keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_send_from_the_virtual_account_opens_one_session_per_customer()
    {
        await using var t = await TestEmulator.StartAsync();
        var provisioner = new CustomerServiceProvisioner(t.Client);
        await provisioner.ProvisionAsync(t.Admin, new VirtualAccount("@customer_service_account", "Shop Service"));
        await t.ImportAsync("bc_1", "bc_2", "bc_3");
        await t.Client.BatchSendC2CMessageAsync(new BatchSendC2CMessageRequest
        {
            FromAccount = "@customer_service_account",
            ToAccount = new List<string> { "bc_1", "bc_2", "bc_3" },
            MsgBody = CustomerServiceElements.Text("Your order has shipped. Questions? Ask us here."),
        });
        var sessions = t.Emulator.Desk.GetSessions();
        Assert.Equal(new[] { "bc_1", "bc_2", "bc_3" }, sessions.Select(s => s.User).OrderBy(u => u, StringComparer.Ordinal));
        Assert.All(sessions, s => Assert.Equal(SessionActivation.Backend, s.Activation));
    }

    /// <summary>Hands out an expired sig until told that Tencent rejected it.</summary>
    private sealed class StaleFirstProvider : IUserSigProvider
    {
        private readonly ImEmulator _emulator;
        private int _invalidations;

        public StaleFirstProvider(ImEmulator emulator) => _emulator = emulator;

        public int Invalidations => Volatile.Read(ref _invalidations);

        public ValueTask<string> GetUserSigAsync(string identifier, CancellationToken cancellationToken)
        {
            var now = Invalidations == 0 ? DateTimeOffset.UtcNow.AddDays(-2) : DateTimeOffset.UtcNow;
            return ValueTask.FromResult(UserSig.Generate(_emulator.Options.SdkAppId, _emulator.Options.SecretKey, identifier, TimeSpan.FromDays(1), now));
        }

        public void Invalidate(string identifier, string rejectedUserSig) => Interlocked.Increment(ref _invalidations);
    }
}
