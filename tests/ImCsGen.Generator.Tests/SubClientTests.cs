using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Generator.Tests.Support;
using ImCsGen.Im;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// The client at 150+ methods: one sub-client per endpoint group (im.C2CMessage.SendC2CMessageAsync), with
/// virtual methods for fakes; the flat members still work but are hidden from IntelliSense.
/// </summary>
public class SubClientTests
{
    private sealed class ReplyingTransport : IImTransport
    {
        public List<string> Paths { get; } = new();

        public Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
            where TRequest : IImRequest
            where TResponse : ImResponse, IImResponse<TResponse>
        {
            Paths.Add(request.Endpoint.Path);
            var reader = JsonAssert.Reader("""{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgKey": "k" }""");
            return Task.FromResult(TResponse.ReadJson(ref reader));
        }
    }

    /// <summary>A test double that overrides one call of one group and inherits the rest.</summary>
    private sealed class FakeMessages : ImC2CMessageClient
    {
        public FakeMessages(IImTransport transport)
            : base(transport)
        {
        }

        public int Sends { get; private set; }

        public override Task<SendC2CMessageResponse> SendC2CMessageAsync(SendC2CMessageRequest request, CancellationToken cancellationToken = default)
        {
            Sends++;
            return Task.FromResult(new SendC2CMessageResponse { MsgKey = "fake" });
        }
    }

    [Fact]
    public async Task A_call_through_the_sub_client_and_through_the_hidden_flat_member_reach_the_same_endpoint()
    {
        var transport = new ReplyingTransport();
        var im = new ImClient(transport);
        var request = new SendC2CMessageRequest { FromAccount = "cs", ToAccount = "u1", MsgBody = [new TIMTextElem { Text = "hi" }] };

        var viaGroup = await im.C2CMessage.SendC2CMessageAsync(request);
        var viaFlat = await im.SendC2CMessageAsync(request);

        Assert.Equal(new[] { "openim/sendmsg", "openim/sendmsg" }, transport.Paths);
        Assert.Equal("k", viaGroup.MsgKey);
        Assert.Equal("k", viaFlat.MsgKey);
        Assert.Same(transport, im.C2CMessage.Transport);
    }

    [Fact]
    public async Task A_sub_client_method_can_be_overridden_by_a_test_double()
    {
        var transport = new ReplyingTransport();
        var fake = new FakeMessages(transport);
        var request = new SendC2CMessageRequest { FromAccount = "cs", ToAccount = "u1", MsgBody = [new TIMTextElem { Text = "hi" }] };

        var response = await fake.SendC2CMessageAsync(request);

        Assert.Equal("fake", response.MsgKey);
        Assert.Equal(1, fake.Sends);
        Assert.Empty(transport.Paths);
    }

    [Fact]
    public void Every_endpoint_has_exactly_one_virtual_method_on_the_sub_client_named_after_its_group()
    {
        var properties = typeof(ImClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.Name.EndsWith("Client", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        var groups = ImClientEndpoints.All.Select(e => e.Group).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Count, properties.Count);

        foreach (var endpoint in ImClientEndpoints.All)
        {
            var member = GroupMember(endpoint.Group);
            Assert.True(properties.TryGetValue(member, out var property), "no sub-client property '" + member + "' for group '" + endpoint.Group + "'");
            Assert.Equal("Im" + member + "Client", property!.PropertyType.Name);
            var method = property.PropertyType.GetMethod(endpoint.Name + "Async");
            Assert.True(method is { IsVirtual: true, IsFinal: false }, endpoint.Name + "Async should be a virtual method of " + property.PropertyType.Name);
            var declaredOnOtherSubClients = properties.Values.Count(p => p.PropertyType.GetMethod(endpoint.Name + "Async") is not null);
            Assert.Equal(1, declaredOnOtherSubClients);
        }
    }

    [Fact]
    public void The_flat_members_and_the_growing_interface_are_hidden_from_IntelliSense()
    {
        var hidden = typeof(IImClient).GetCustomAttribute<EditorBrowsableAttribute>();
        Assert.Equal(EditorBrowsableState.Never, hidden?.State);
        var names = new HashSet<string>(ImClientEndpoints.All.Select(e => e.Name + "Async"), StringComparer.Ordinal);
        var flat = typeof(ImClient).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => names.Contains(m.Name)).ToList();
        Assert.Equal(ImClientEndpoints.All.Count, flat.Count);
        Assert.All(flat, m => Assert.Equal(EditorBrowsableState.Never, m.GetCustomAttribute<EditorBrowsableAttribute>()?.State));
    }

    [Fact]
    public void The_codec_table_has_one_entry_per_endpoint_keyed_by_path()
    {
        Assert.Equal(ImClientEndpoints.All.Count, ImClientCodecs.ByPath.Count);
        foreach (var endpoint in ImClientEndpoints.All)
        {
            Assert.Same(endpoint, ImClientCodecs.ByPath[endpoint.Path].Endpoint);
        }

        var codec = ImClientCodecs.ByPath["openim/sendmsg"];
        var reader = JsonAssert.Reader("""{ "To_Account": "u1", "MsgBody": [ { "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi" } } ] }""");
        var request = Assert.IsType<SendC2CMessageRequest>(codec.ReadRequest(ref reader));
        Assert.Equal("u1", request.ToAccount);
        var responseReader = JsonAssert.Reader("""{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgKey": "k" }""");
        var response = Assert.IsType<SendC2CMessageResponse>(codec.ReadResponse(ref responseReader));
        JsonAssert.Equivalent("""{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgKey": "k" }""", JsonAssert.Write(w => codec.WriteResponse(response, w)));
        Assert.Throws<InvalidCastException>(() => ImClientCodecs.ByPath.Values.First(c => c.Endpoint.Path != "openim/sendmsg").WriteResponse(response, new System.Text.Json.Utf8JsonWriter(System.IO.Stream.Null)));
    }

    [Theory]
    [InlineData("c2c_message", "C2CMessage")]
    [InlineData("account", "Account")]
    [InlineData("official_account", "OfficialAccount")]
    [InlineData("all_member_push", "AllMemberPush")]
    [InlineData("recent_contact", "RecentContact")]
    public void Group_names_map_to_pascal_case_with_a_capital_after_a_digit(string group, string member)
        => Assert.Equal(member, GroupMember(group));

    // The documented mapping (spec/README.md, "Sub-clients"), restated independently of the generator's code.
    private static string GroupMember(string group)
    {
        var chars = new List<char>();
        var upper = true;
        foreach (var c in group)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            chars.Add(upper ? char.ToUpperInvariant(c) : c);
            upper = char.IsAsciiDigit(c);
        }

        return new string(chars.ToArray());
    }
}
