using System.Linq;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Generator.Tests.Support;
using ImCsGen.Im;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>The generated client for real: each method reaches the transport with its endpoint and typed response.</summary>
public class GeneratedClientTests
{
    private sealed class RecordingTransport : IImTransport
    {
        public List<(string Path, string Body)> Calls { get; } = new();

        public string Reply { get; set; } = """{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "" }""";

        public Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
            where TRequest : IImRequest
            where TResponse : ImResponse, IImResponse<TResponse>
        {
            request.Validate();
            var keys = request.ChooseDeduplicationKeys(new FixedRandom());
            Calls.Add((request.Endpoint.Path, keys is { } k ? JsonAssert.Write(w => request.WriteJson(w, in k)) : JsonAssert.Write(request.WriteJson)));
            var reader = JsonAssert.Reader(Reply);
            return Task.FromResult(TResponse.ReadJson(ref reader));
        }
    }

    private sealed class FixedRandom : IImRandomSource
    {
        public uint NextUInt32() => 4242;

        public long UnixTimeSeconds() => 1700000000;
    }

    [Fact]
    public async Task Send_goes_to_openim_sendmsg_with_MsgSeq_and_MsgRandom_chosen_per_call_and_the_request_unchanged()
    {
        var transport = new RecordingTransport { Reply = """{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgTime": 1, "MsgKey": "k" }""" };
        IImClient client = new ImClient(transport);
        var request = new SendC2CMessageRequest { FromAccount = "cs", ToAccount = "u1", MsgBody = [new TIMTextElem { Text = "hi" }] };

        var response = await client.SendC2CMessageAsync(request);

        var call = Assert.Single(transport.Calls);
        Assert.Equal("openim/sendmsg", call.Path);
        JsonAssert.Equivalent("""{ "From_Account": "cs", "To_Account": "u1", "MsgSeq": 4242, "MsgRandom": 4242, "MsgBody": [ { "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi" } } ] }""", call.Body);
        Assert.Equal("k", response.MsgKey);
        Assert.Null(request.MsgSeq);
        Assert.Null(request.MsgRandom);
        Assert.Null(request.MsgTimeStamp);
    }

    [Fact]
    public void Endpoint_table_lists_every_endpoint_of_the_spec_with_unique_paths()
    {
        var inSpec = SpecEndpoints.Count();
        Assert.True(inSpec >= 49, "the built-in spec should have at least the 49 wave-1 endpoints, found " + inSpec);
        Assert.Equal(inSpec, ImClientEndpoints.All.Count);
        Assert.Equal(inSpec, new HashSet<string>(ImClientEndpoints.All.Select(e => e.Path)).Count);
        Assert.All(ImClientEndpoints.All, Assert.NotNull);
        Assert.Equal(ImIdempotency.Deduplicated, ImClientEndpoints.SendC2CMessage.Idempotency);
        Assert.Equal("openim/batchsendmsg", ImClientEndpoints.BatchSendC2CMessage.Path);
    }
}
