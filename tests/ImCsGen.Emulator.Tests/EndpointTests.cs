using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ImCsGen.Emulator.Handlers;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class EndpointTests
{
    [Fact]
    public void The_emulator_serves_exactly_the_endpoints_of_the_spec()
    {
        var spec = ImClientEndpoints.All.Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        var emulated = EndpointTable.All.Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray();

        // The list is the generated one (every IM endpoint of spec/), never a count kept here.
        Assert.NotEmpty(spec);
        Assert.Equal(spec.Length, spec.Distinct(StringComparer.Ordinal).Count());
        var unserved = spec.Except(emulated, StringComparer.Ordinal).ToArray();
        Assert.True(unserved.Length == 0, unserved.Length + " spec endpoints are not served: " + string.Join(", ", unserved));
        var extra = emulated.Except(spec, StringComparer.Ordinal).ToArray();
        Assert.True(extra.Length == 0, "served but not in the spec: " + string.Join(", ", extra));
        Assert.Equal(spec, emulated);
        foreach (var endpoint in ImClientEndpoints.All)
        {
            Assert.Equal(endpoint.Name, EndpointTable.Find(endpoint.Path)!.Name);
        }
    }

    [Fact]
    public async Task Account_endpoints() => await RunAsync(EndpointScenarios.AccountAsync);

    [Fact]
    public async Task C2C_message_endpoints() => await RunAsync(EndpointScenarios.MessageAsync);

    [Fact]
    public async Task Profile_endpoints() => await RunAsync(EndpointScenarios.ProfileAsync);

    [Fact]
    public async Task Relation_endpoints() => await RunAsync(EndpointScenarios.RelationAsync);

    [Fact]
    public async Task Recent_contact_endpoints() => await RunAsync(EndpointScenarios.RecentContactAsync);

    [Fact]
    public async Task Operation_endpoints() => await RunAsync(EndpointScenarios.OperationAsync);

    [Fact]
    public async Task Every_spec_endpoint_is_called_successfully_at_least_once()
    {
        // Every [EndpointScenario] of this assembly, in one emulator; an endpoint counts only if it answered ErrorCode 0.
        await using var t = await TestEmulator.StartAsync();
        var scenarios = typeof(EndpointTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<EndpointScenarioAttribute>() is not null)
            .OrderBy(m => m.DeclaringType!.Name + "." + m.Name, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(scenarios);
        foreach (var scenario in scenarios)
        {
            await (Task)scenario.Invoke(null, new object[] { t })!;
        }

        var uncalled = ImClientEndpoints.All.Where(e => t.Emulator.Stats.Successes(e.Path) == 0).Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.True(uncalled.Count == 0, uncalled.Count + " endpoints never answered ErrorCode 0: " + string.Join(", ", uncalled));
    }

    [Fact]
    public async Task All_member_push_endpoints() => await RunAsync(AreaEndpointScenarios.AllMemberPushAsync);

    [Fact]
    public async Task Push_service_endpoints() => await RunAsync(AreaEndpointScenarios.TimPushAsync);

    [Fact]
    public async Task Audit_endpoints() => await RunAsync(AreaEndpointScenarios.AuditAsync);

    [Fact]
    public async Task Chatbot_endpoints() => await RunAsync(AreaEndpointScenarios.ChatbotAsync);

    [Fact]
    public async Task Follow_endpoints() => await RunAsync(AreaEndpointScenarios.FollowAsync);

    [Fact]
    public async Task Global_mute_endpoints() => await RunAsync(AreaEndpointScenarios.GlobalMuteAsync);

    [Fact]
    public async Task Official_account_endpoints() => await RunAsync(AreaEndpointScenarios.OfficialAccountAsync);

    private static async Task RunAsync(Func<TestEmulator, Task> scenario)
    {
        await using var t = await TestEmulator.StartAsync();
        await scenario(t);
    }
}
