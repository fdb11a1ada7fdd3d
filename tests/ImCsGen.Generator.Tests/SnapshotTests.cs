using ImCsGen.Generator.Tests.Support;
using ImCsGen.Tests;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>The generated text, pinned: any change to the emitter shows up as a reviewed diff.</summary>
public class SnapshotTests
{
    [Fact]
    public void Small_spec()
    {
        var (result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        Assert.Empty(result.Diagnostics);
        Snapshot.Match(GeneratedSource.Join(result), "SnapshotTests.Small_spec");
    }
}
