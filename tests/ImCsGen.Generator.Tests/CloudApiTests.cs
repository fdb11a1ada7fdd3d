using System;
using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// The second API family (Tencent Cloud API 3.0 actions, spec "api" + "action"): malformed entries are
/// reported at their JSON location, and a sound file generates a client that compiles against the runtime.
/// </summary>
public class CloudApiTests
{
    private const string Api = """ "api": { "family": "tencentCloud", "service": "ccc", "version": "2020-02-10", "host": "ccc.tencentcloudapi.com" }, """;

    private const string GoodSpec = """
        { "namespace": "Contoso.Tccc", "client": "ContosoTccc",
          "api": { "family": "tencentCloud", "service": "ccc", "version": "2020-02-10", "host": "ccc.tencentcloudapi.com" },
          "types": { "IMCdrInfo": { "kind": "object", "fields": [ { "name": "SessionId", "type": "string" }, { "name": "EndStatus", "type": "int64" } ] } },
          "endpoints": [
            { "name": "DescribeIMCdrs", "action": "DescribeIMCdrs", "group": "records", "summary": "Read IM service records.", "rateLimit": 20, "idempotency": "idempotent",
              "request": [ { "name": "SdkAppId", "type": "int64", "required": true }, { "name": "Limit", "type": "int64", "constraints": { "minimum": 1, "maximum": 100 } } ],
              "response": [ { "name": "TotalCount", "type": "int64" }, { "name": "IMCdrList", "type": "IMCdrInfo[]" } ] } ] }
        """;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "IMSPEC050", "action in a file without api", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "action": @@"Ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC050", "path in a tencentCloud file", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ { "name": "Ping", @@"path": "a/b", "action": "Ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC050", "unknown family", """{ "namespace": "A.B", "api": { "family": @@"aws", "service": "ccc", "version": "2020-02-10", "host": "ccc.tencentcloudapi.com" } }""" },
        { "IMSPEC050", "version that is not a date", """{ "namespace": "A.B", "api": { "family": "tencentCloud", "service": "ccc", "version": @@"v3", "host": "ccc.tencentcloudapi.com" } }""" },
        { "IMSPEC050", "host of another service", """{ "namespace": "A.B", "api": { "family": "tencentCloud", "service": "ccc", "version": "2020-02-10", "host": @@"cvm.tencentcloudapi.com" } }""" },
        { "IMSPEC050", "upper-case service", """{ "namespace": "A.B", "api": { "family": "tencentCloud", "service": @@"CCC", "version": "2020-02-10", "host": "ccc.tencentcloudapi.com" } }""" },
        { "IMSPEC005", "lower-case action", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ { "name": "Ping", "action": @@"describeIMCdrs", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC003", "endpoint without action in a tencentCloud file", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ @@{ "name": "Ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC004", "typo in an api key", """{ "namespace": "A.B", "api": { "family": "tencentCloud", "service": "ccc", "version": "2020-02-10", "host": "ccc.tencentcloudapi.com", @@"region": "ap-guangzhou" } }""" },
        { "IMSPEC016", "the same action twice", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ { "name": "Ping", "action": "Ping", "group": "g", "summary": "s" }, { "name": "Pong", "action": @@"Ping", "group": "g", "summary": "s" } ] }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_action_entry_is_reported_at_its_json_location(string id, string because, string markedJson)
    {
        GeneratorHarness.AssertReportedAtMarker(id, because, markedJson);
    }

    [Fact]
    public void Two_files_of_one_namespace_with_different_api_versions_are_reported()
    {
        var a = new InMemoryAdditionalText("/spec/a.json", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ { "name": "Ping", "action": "Ping", "group": "g", "summary": "s" } ] }""");
        var b = new InMemoryAdditionalText("/spec/b.json", """{ "namespace": "A.B", "api": { "family": "tencentCloud", "service": "ccc", "version": "2021-01-01", "host": "ccc.tencentcloudapi.com" } }""");
        var (result, _) = GeneratorHarness.Run(new[] { a, b });
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("IMSPEC050", diagnostic.Id);
        Assert.Contains("2021-01-01", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mixing_im_endpoints_and_actions_in_one_namespace_is_reported()
    {
        var a = new InMemoryAdditionalText("/spec/a.json", """{ "namespace": "A.B", "client": "C", """ + Api + """ "endpoints": [ { "name": "Ping", "action": "Ping", "group": "g", "summary": "s" } ] }""");
        var b = new InMemoryAdditionalText("/spec/b.json", """{ "namespace": "A.B", "endpoints": [ { "name": "Send", "path": "openim/sendmsg", "group": "g", "summary": "s" } ] }""");
        var (result, _) = GeneratorHarness.Run(new[] { a, b });
        Assert.Contains(result.Diagnostics, d => d.Id == "IMSPEC050" && d.GetMessage().Contains("mixes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sound_action_spec_generates_a_client_that_compiles_with_the_family_attributes()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/tccc.json", GoodSpec) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Contoso.Tccc.TencentCloud.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("[global::ImCsGen.Metadata.TencentCloudAction(\"DescribeIMCdrs\", Service = \"ccc\", Version = \"2020-02-10\", Group = \"records\", RateLimitPerSecond = 20, Idempotency = global::ImCsGen.Transport.ImIdempotency.Idempotent)]", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class DescribeIMCdrsResponse : global::ImCsGen.TencentCloud.TencentCloudResponse", source, StringComparison.Ordinal);
        Assert.Contains("[global::ImCsGen.Metadata.ImRange(1d, 100d)]", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class ContosoTccc : IContosoTccc", source, StringComparison.Ordinal);
        Assert.DoesNotContain("IImRequest", source, StringComparison.Ordinal);

        // The generated types are real: the action table names the service, version and host of the spec.
        var table = output.GetTypeByMetadataName("Contoso.Tccc.ContosoTcccActions");
        Assert.NotNull(table);
        Assert.Equal("2020-02-10", table!.GetMembers("Version").OfType<IFieldSymbol>().Single().ConstantValue);
    }
}
