using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImCsGen.Fuzz;
using Xunit;

namespace ImCsGen.Fuzz.Tests;

/// <summary>The runner's own contract: a failing input is saved as a replay file, and replaying it fails the same way.</summary>
public class RunnerTests
{
    /// <summary>A target with a planted bug: it fails on any input holding a byte 0xFF.</summary>
    private sealed class PlantedBug : IFuzzTarget
    {
        public string Name => "planted";

        public IReadOnlyList<FuzzSeed> Seeds { get; } = new[] { new FuzzSeed("seed.json", """{"a":"text","b":[1,2,3]}"""u8.ToArray()) };

        public void Run(FuzzSeed seed, byte[] input)
        {
            if (Array.IndexOf(input, (byte)0xFF) >= 0)
            {
                throw new FuzzFailure("planted: 0xFF in the input");
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void A_failing_input_is_saved_and_replays_to_the_same_failure()
    {
        var folder = Path.Combine(Path.GetTempPath(), "imcsgen-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var target = new PlantedBug();
            var report = FuzzRunner.Run(target, new FuzzOptions(Seed: 7, MaxInputs: 2000, OutputFolder: folder));
            Assert.Equal(2000, report.Inputs);
            Assert.NotEmpty(report.Findings);
            Assert.All(report.Findings, f => Assert.Contains((byte)0xFF, f.Input));
            // The mutator also produced inputs without the planted byte: those passed.
            var file = Directory.GetFiles(folder, "planted-crash-*.bin").Single();
            var (name, seed, input) = FuzzRunner.Load(file);
            Assert.Equal("planted", name);
            Assert.Equal("seed.json", seed);
            Assert.Equal(report.Findings[0].Input, input);
            Assert.StartsWith("planted: 0xFF", FuzzRunner.Replay(target, seed, input), StringComparison.Ordinal);
            Assert.Null(FuzzRunner.Replay(target, seed, target.Seeds[0].Bytes));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void A_file_without_the_header_is_not_replayed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{}");
            Assert.Throws<InvalidDataException>(() => FuzzRunner.Load(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
