using System;
using System.Collections.Generic;
using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// Malformed specs: each case marks with <c>@@</c> where the diagnostic must point, and asserts the
/// ID, the file, the line and the column. The marker is removed before the generator sees the text.
/// </summary>
public class DiagnosticTests
{
    private const string Endpoint = """{ "name": "Ping", "path": "openim/ping", "group": "g", "summary": "s" }""";

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "IMSPEC001", "missing comma", """{ "namespace": "A.B" @@"client": "C" }""" },
        { "IMSPEC001", "trailing comma", """{ "namespace": "A.B", "client": "C", @@}""" },
        { "IMSPEC002", "namespace is a number", """{ "namespace": @@5 }""" },
        { "IMSPEC003", "endpoint without path", """{ "namespace": "A.B", "client": "C", "endpoints": [ @@{ "name": "Ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC004", "typo in a key", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", @@"summery": "s", "summary": "s" } ] }""" },
        { "IMSPEC005", "lower-case type name", """{ "namespace": "A.B", "types": { @@"msgBody": { "kind": "object", "fields": [] } } }""" },
        { "IMSPEC006", "path without slash", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "path": @@"openim-ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC007", "field declared twice", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "string" }, { "name": @@"X", "type": "int32" } ] } } }""" },
        { "IMSPEC008", "unknown type", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": @@"Missing" } ] } } }""" },
        { "IMSPEC009", "generic-looking type", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": @@"list<string>" } ] } } }""" },
        { "IMSPEC010", "minimum above maximum", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "int32", @@"constraints": { "minimum": 5, "maximum": 1 } } ] } } }""" },
        { "IMSPEC010", "maxItems on a string", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "string", @@"constraints": { "maxItems": 3 } } ] } } }""" },
        { "IMSPEC010", "invalid regular expression", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "string", "constraints": { "pattern": @@"[a-" } } ] } } }""" },
        { "IMSPEC010", "maxPerVariant on a string", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "string", @@"constraints": { "maxPerVariant": { "A": 1 } } } ] } } }""" },
        { "IMSPEC011", "enum value used twice", """{ "namespace": "A.B", "types": { "E": { "kind": "enum", "underlying": "int32", "values": [ { "name": "A", "value": 1 }, { "name": @@"B", "value": 1 } ] } } }""" },
        { "IMSPEC002", "string value in an int enum", """{ "namespace": "A.B", "types": { "E": { "kind": "enum", "underlying": "int32", "values": [ { "name": "A", "value": @@"1" } ] } } }""" },
        { "IMSPEC012", "variant that is not an object", """{ "namespace": "A.B", "types": { "E": { "kind": "enum", "underlying": "int32", "values": [ { "name": "A", "value": 1 } ] }, "U": { "kind": "union", "discriminator": "Kind", "variants": [ { "value": @@"e", "type": "E" } ] } } }""" },
        { "IMSPEC014", "messageRandom on a string", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", "summary": "s", "request": [ { "name": "MsgRandom", "type": "string", "role": @@"messageRandom" } ] } ] }""" },
        { "IMSPEC014", "itemResults whose items have no resultCode", """{ "namespace": "A.B", "client": "C", "types": { "R": { "kind": "object", "fields": [ { "name": "Code", "type": "int32" } ] } }, "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", "summary": "s", "response": [ { "name": "Items", "type": "R[]", "role": @@"itemResults" } ] } ] }""" },
        { "IMSPEC015", "string default on a number", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "int32", "default": @@"two" } ] } } }""" },
        { "IMSPEC016", "two endpoints on one path", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", "summary": "s" }, { "name": "Pong", "path": @@"openim/ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC017", "empty namespace segment", """{ "namespace": @@"A..B" }""" },
        { "IMSPEC018", "endpoints without a client", """{ "namespace": "A.B", "endpoints": [ { "name": @@"Ping", "path": "openim/ping", "group": "g", "summary": "s" } ] }""" },
        { "IMSPEC019", "response field named like the envelope", """{ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Ping", "path": "openim/ping", "group": "g", "summary": "s", "response": [ { "name": @@"ErrorCode", "type": "int32" } ] } ] }""" },
        { "IMSPEC019", "type named like a generated request", """{ "namespace": "A.B", "client": "C", "types": { @@"PingRequest": { "kind": "object", "fields": [] } }, "endpoints": [ """ + Endpoint + """ ] }""" },
        { "IMSPEC022", "consumer spec in the built-in namespace", """{ "namespace": @@"ImCsGen.Im.Extra" }""" },
        { "IMSPEC021", "empty wire name", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": @@"", "type": "string" } ] } } }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_spec_is_reported_at_its_json_location(string id, string because, string markedJson)
    {
        var (json, line, column) = Unmark(markedJson);
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/bad.json", json) });

        var diagnostic = Assert.Single(result.Diagnostics.Where(d => d.Id == id));
        var span = diagnostic.Location.GetLineSpan();
        Assert.True(span.Path == "/spec/bad.json", because);
        Assert.True((line, column) == (span.StartLinePosition.Line, span.StartLinePosition.Character),
            because + ": expected " + id + " at " + (line + 1) + ":" + (column + 1) + ", got " + diagnostic);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Conflicting_client_names_across_files_point_at_the_second_file()
    {
        var first = new InMemoryAdditionalText("/spec/a.json", """{ "namespace": "A.B", "client": "One" }""");
        var (json, line, column) = Unmark("{\n  \"namespace\": \"A.B\",\n  \"client\": @@\"Two\"\n}");
        var (result, _) = GeneratorHarness.Run(new[] { first, new InMemoryAdditionalText("/spec/b.json", json) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("IMSPEC013", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("/spec/b.json", line, column), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void Duplicate_type_across_files_of_one_namespace_is_reported()
    {
        var a = new InMemoryAdditionalText("/spec/a.json", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [] } } }""");
        var b = new InMemoryAdditionalText("/spec/b.json", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [] } } }""");
        var (result, _) = GeneratorHarness.Run(new[] { a, b });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("IMSPEC007", diagnostic.Id);
        Assert.Equal("/spec/b.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        // The description holds 3-byte characters: a byte-based column would land too far right.
        var (json, line, column) = Unmark("""{ "namespace": "A.B", "types": { "T": { "kind": "object", "description": "消息体", "fields": [ { "name": "X", "type": @@"Nope" } ] } } }""");
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/u.json", json) });
        var span = Assert.Single(result.Diagnostics).Location.GetLineSpan();
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void Every_prefix_of_a_valid_spec_yields_diagnostics_never_an_exception()
    {
        var full = GeneratorHarness.SpecFile("Specs/small.json").GetText()!.ToString();
        for (var cut = 0; cut < full.Length; cut += 37)
        {
            var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/cut.json", full.Substring(0, cut)) });
            Assert.All(result.Results, r => Assert.Null(r.Exception));
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "IMSPEC020" or "CS8785");
            Assert.NotEmpty(result.Diagnostics);
        }
    }

    [Fact]
    public void Files_without_the_spec_metadata_are_ignored()
    {
        var notSpec = new InMemoryAdditionalText("/app/appsettings.json", "{ this is not a spec", isSpec: false);
        var (result, _) = GeneratorHarness.Run(new[] { notSpec });
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void The_kill_switch_turns_the_generator_off()
    {
        var driver = GeneratorHarness.CreateDriver(
            new[] { GeneratorHarness.SpecFile("Specs/small.json") },
            new Dictionary<string, string> { [ImSpecGenerator.DisableProperty] = "true" });
        driver = driver.RunGenerators(GeneratorHarness.CreateCompilation("class X { }"));
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    private static (string Json, int Line, int Column) Unmark(string marked)
    {
        var index = marked.IndexOf("@@", StringComparison.Ordinal);
        Assert.True(index >= 0, "test case has no @@ marker");
        var before = marked.Substring(0, index);
        var line = before.Count(c => c == '\n');
        var column = index - (before.LastIndexOf('\n') + 1);
        return (marked.Remove(index, 2), line, column);
    }
}
