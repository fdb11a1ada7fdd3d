using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ImCsGen.Spec.Tests;

/// <summary>Every spec file validates against spec/imspec.schema.json, and the schema catches typical mistakes.</summary>
public sealed class SchemaConformanceTests
{
    public static TheoryData<string> SpecFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in SpecFiles.All)
        {
            data.Add(file.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpecFileNames))]
    public void Spec_file_is_valid_against_the_schema(string fileName)
    {
        var file = SpecFiles.All.Single(f => f.Name == fileName);
        var errors = new MiniSchemaValidator(SpecFiles.Schema).Validate(file.Root);
        Assert.True(errors.Count == 0, fileName + ":\n" + string.Join("\n", errors));
    }

    [Fact]
    public void A_minimal_valid_file_passes()
    {
        var errors = Validate("""
            { "$schema": "./imspec.schema.json", "namespace": "Contoso.Im", "client": "ContosoClient",
              "types": { "Mode": { "kind": "enum", "underlying": "int32", "values": [ { "name": "On", "value": 1 } ] } },
              "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "test", "summary": "Ping.",
                "docs": "https://example.com/doc", "idempotency": "idempotent",
                "request": [ { "name": "To_Account", "type": "string[]", "kind": "userId", "constraints": { "maxItems": 5 } } ],
                "response": [ { "name": "Mode", "type": "Mode" } ] } ] }
            """);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{ "name": "X", "type": "string", "requried": true }""", "'requried' is not allowed")]
    [InlineData("""{ "name": "X", "type": "int" }""", "does not match")]
    [InlineData("""{ "name": "X", "type": "string", "role": "sender" }""", "is not one of")]
    [InlineData("""{ "name": "X", "type": "string", "kind": "userid" }""", "is not one of")]
    [InlineData("""{ "name": "X", "type": "string", "constraints": { "maxLength": 3 } }""", "'maxLength' is not allowed")]
    [InlineData("""{ "name": "X", "type": "string", "csName": "1X" }""", "does not match")]
    [InlineData("""{ "name": "X", "type": "string", "default": [1] }""", "is not of type")]
    [InlineData("""{ "type": "string" }""", "'name' is required")]
    public void Schema_rejects_a_bad_field(string field, string expected)
    {
        var errors = Validate("""{ "namespace": "A", "client": "C", "endpoints": [ { "name": "E", "path": "a/b", "group": "g", "summary": "s", "request": [ """ + field + " ] } ] }");
        Assert.Contains(errors, e => e.Contains(expected, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "E", "path": "a/b/c", "group": "g", "summary": "s" }""", "does not match")]
    [InlineData("""{ "name": "E", "path": "a/b", "group": "g", "summary": "s", "docs": "http://example.com" }""", "does not match ^https://")]
    [InlineData("""{ "name": "E", "path": "a/b", "group": "g", "summary": "s", "idempotency": "safe" }""", "is not one of")]
    [InlineData("""{ "name": "e", "path": "a/b", "group": "g", "summary": "s" }""", "does not match")]
    [InlineData("""{ "name": "E", "path": "a/b", "group": "g" }""", "'summary' is required")]
    [InlineData("""{ "name": "E", "path": "a/b", "group": "g", "summary": "s", "rateLimit": 0 }""", "less than")]
    public void Schema_rejects_a_bad_endpoint(string endpoint, string expected)
    {
        var errors = Validate("""{ "namespace": "A", "client": "C", "endpoints": [ """ + endpoint + " ] }");
        Assert.Contains(errors, e => e.Contains(expected, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "T": { "kind": "enum", "underlying": "int32", "values": [ { "name": "A", "value": "1" } ] } }""", "is not of type")]
    [InlineData("""{ "T": { "kind": "enum", "underlying": "string", "values": [ { "name": "A", "value": 1 } ] } }""", "is not of type")]
    [InlineData("""{ "T": { "kind": "enum", "underlying": "int64", "values": [ { "name": "A", "value": 1 } ] } }""", "is not one of")]
    [InlineData("""{ "T": { "kind": "enum", "underlying": "int32", "values": [] } }""", "fewer than 1 items")]
    [InlineData("""{ "T": { "kind": "object", "discriminator": "MsgType" } }""", "'discriminator' is not allowed")]
    [InlineData("""{ "T": { "kind": "union", "discriminator": "MsgType", "variants": [ { "value": "A", "type": "a" } ] } }""", "does not match")]
    [InlineData("""{ "T": { "kind": "union", "variants": [] } }""", "'discriminator' is required")]
    [InlineData("""{ "T": { "kind": "record" } }""", "is not one of")]
    [InlineData("""{ "lower": { "kind": "object" } }""", "does not match")]
    public void Schema_rejects_a_bad_type(string types, string expected)
    {
        var errors = Validate("""{ "namespace": "A", "types": """ + types + " }");
        Assert.Contains(errors, e => e.Contains(expected, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_requires_a_client_only_when_there_are_endpoints()
    {
        Assert.Empty(Validate("""{ "namespace": "A", "endpoints": [] }"""));
        Assert.Contains(
            Validate("""{ "namespace": "A", "endpoints": [ { "name": "E", "path": "a/b", "group": "g", "summary": "s" } ] }"""),
            e => e.Contains("'client' is required", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_rejects_unknown_top_level_keys_and_bad_namespaces()
    {
        var errors = Validate("""{ "namespace": "A..B", "Types": {} }""");
        Assert.Contains(errors, e => e.Contains("'Types' is not allowed", System.StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.namespace", System.StringComparison.Ordinal));
    }

    private static List<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new MiniSchemaValidator(SpecFiles.Schema).Validate(document.RootElement);
    }
}
