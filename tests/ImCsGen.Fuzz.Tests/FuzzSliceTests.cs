using System;
using System.Globalization;
using System.Linq;
using ImCsGen.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Fuzz.Tests;

/// <summary>
/// The CI slice of the fuzz runner (issue 18): a fixed seed, a few hundred inputs per target, capped in time so
/// the whole class stays well under 2 minutes on a loaded machine. A failure prints the problems; rebuild the
/// input with the same seed in tests/ImCsGen.Fuzz (see .notes/readme-fuzz.md) and keep it as a regression test.
/// </summary>
public class FuzzSliceTests
{
    private const int Seed = 20261201;
    private readonly ITestOutputHelper _output;

    public FuzzSliceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Generator_slice_gives_diagnostics_never_an_exception_or_an_internal_error()
        => Slice(new GeneratorTarget(), inputs: 40, seconds: 15, minimum: 3);

    [Fact]
    public void Reader_slice_throws_only_ImJsonException_with_a_path_and_round_trips_what_it_reads()
        => Slice(new ReaderTarget(), inputs: 3000, seconds: 8, minimum: 200);

    [Fact]
    public void Callback_endpoint_slice_answers_4xx_to_bad_input_never_5xx_and_runs_no_handler_for_it()
        => Slice(new CallbackTarget(), inputs: 600, seconds: 10, minimum: 50);

    [Fact]
    public void Auth_slice_UserSig_decode_and_verify_and_TC3_header_parsing_refuse_bad_input_without_throwing()
        => Slice(new AuthTarget(), inputs: 3000, seconds: 8, minimum: 200);

    [Fact]
    public void A_run_is_seeded_the_same_seed_builds_the_same_inputs()
    {
        using var target = new ReaderTarget();
        byte[] Build(int i)
        {
            var random = new Random(unchecked((Seed * 1_000_003) + i));
            return ((IFuzzTarget)target).Mutate(target.Seeds[random.Next(target.Seeds.Count)], random);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(Build(i), Build(i));
        }
    }

    private void Slice(IFuzzTarget target, long inputs, double seconds, long minimum)
    {
        using (target)
        {
            var report = FuzzRunner.Run(target, new FuzzOptions(Seed, inputs, TimeSpan.FromSeconds(seconds), Log: _output.WriteLine));
            _output.WriteLine(report.ToString());
            Assert.True(report.Inputs >= minimum, string.Create(CultureInfo.InvariantCulture, $"only {report.Inputs} inputs ran (at least {minimum} expected)"));
            var problems = report.Findings.GroupBy(f => f.Problem, StringComparer.Ordinal)
                .Select(g => g.Count() + " x " + g.Key + " (first: input #" + g.First().Iteration + " from " + g.First().SeedName + ")");
            Assert.True(report.Findings.Count == 0, target.Name + ":\n" + string.Join("\n", problems));
        }
    }
}
