using System;
using System.Linq;
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
        Assert.Equal(49, spec.Length);
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
        await using var t = await TestEmulator.StartAsync();
        await EndpointScenarios.AccountAsync(t);
        await EndpointScenarios.MessageAsync(t);
        await EndpointScenarios.ProfileAsync(t);
        await EndpointScenarios.RelationAsync(t);
        await EndpointScenarios.RecentContactAsync(t);
        await EndpointScenarios.OperationAsync(t);
        var uncalled = ImClientEndpoints.All.Where(e => t.Emulator.Stats.Requests(e.Path) == 0).Select(e => e.Path).ToList();
        Assert.Empty(uncalled);
    }

    private static async Task RunAsync(Func<TestEmulator, Task> scenario)
    {
        await using var t = await TestEmulator.StartAsync();
        await scenario(t);
    }
}
