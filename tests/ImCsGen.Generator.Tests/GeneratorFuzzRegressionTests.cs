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
}
