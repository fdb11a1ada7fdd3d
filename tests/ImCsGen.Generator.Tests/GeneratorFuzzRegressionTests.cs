using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// Spec files the fuzzer (tests/ImCsGen.Fuzz, target "generator") found ending in IMSPEC020 "internal error",
/// kept as regression tests: each must give an ordinary diagnostic at the bad token instead.
/// </summary>
public class GeneratorFuzzRegressionTests
{
    [Theory]
    [InlineData("""{ "namespace": "A.B", "client": "C", "description": "\ud800" }""")]        // lone high surrogate in a value
    [InlineData("""{ "namespace": "A.B", "client": "C", "description": "a\udc00b" }""")]      // lone low surrogate in a value
    public void A_lone_surrogate_escape_is_invalid_JSON_not_an_internal_error(string spec)
    {
        // Was: IMSPEC020 "InvalidOperationException: Cannot read invalid UTF-16 JSON text as string".
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/fuzz.json", spec) });
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "IMSPEC020");
        var error = Assert.Single(result.Diagnostics, d => d.Id == "IMSPEC001");
        Assert.Equal("/spec/fuzz.json", error.Location.GetLineSpan().Path);
        Assert.Contains("surrogate", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(result.GeneratedTrees.Where(t => t.FilePath.Contains("fuzz", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{ "namespace": "A.B", "client": "C", "\ud800": 1 }""")]
    [InlineData("""{ "namespace": "A.B", "types": { "T\udc00": { "kind": "object", "fields": [] } } }""")]
    public void A_lone_surrogate_in_a_name_gives_diagnostics_never_an_internal_error(string spec)
    {
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/fuzz.json", spec) });
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "IMSPEC020" or "CS8785");
        Assert.NotEmpty(result.Diagnostics);
    }

    [Theory]
    [InlineData("\\n\\t\\\"")]   // fuzz input #9110 of seed 1 (spec/recent_contact.json): a newline, a tab and a quote
    [InlineData("chat#room")]
    [InlineData("9lives")]
    [InlineData("")]
    public void An_endpoint_group_that_is_no_identifier_is_IMSPEC005_at_the_group_not_an_internal_error(string group)
    {
        // Was: IMSPEC020 "ArgumentException: The hintName 'A.B.<group>.g.cs' contains an invalid character": the group
        // names the area's generated file, and the bad group reached AddSource.
        var spec = "{ \"namespace\": \"A.B\", \"client\": \"C\", \"endpoints\": [ { \"name\": \"Ping\", \"path\": \"openim/ping\", \"group\": \"g\", \"summary\": \"s\" }, "
            + "{ \"name\": \"Pong\", \"path\": \"openim/pong\", \"group\": \"" + group + "\", \"summary\": \"s\" } ] }";
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/fuzz.json", spec) });
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "IMSPEC020" or "CS8785");
        var error = Assert.Single(result.Diagnostics, d => d.Id == "IMSPEC005");
        Assert.Contains("endpoint group", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal(spec.LastIndexOf("\"group\": \"" + group, System.StringComparison.Ordinal) + 9, error.Location.SourceSpan.Start);
        Assert.Equal("/spec/fuzz.json", error.Location.GetLineSpan().Path);
    }
}
