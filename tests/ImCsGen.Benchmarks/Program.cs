using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Benchmarks.Report;
using ImCsGen.Benchmarks.Stub;

namespace ImCsGen.Benchmarks;

/// <summary>
/// Entry point. Verbs:
/// <c>run [--profile short|long|smoke] [--rows 1,2,3,4,5,6,7,8,9,10] [--out DIR]</c> measures and prints the ratio table;
/// <c>stub</c> serves the loopback stub (started by row 1 as a child process);
/// <c>bulk SERVER CLIENT USERS</c> runs row 6 once with another client limit;
/// <c>probe</c> prints bytes allocated per step of a call (profiling aid for row 1);
/// <c>cold generated|hand URL</c> makes one first call in a fresh process (row 7's child);
/// <c>callprobe [calls]</c> prints bytes allocated per whole loopback call, ours, hand-written and Refit.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "stub")
        {
            return await LoopbackStub.ServeAsync().ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "probe")
        {
            return await Probes.AllocationProbe.RunAsync().ConfigureAwait(false);
        }

        if (args.Length == 3 && args[0] == "cold")
        {
            return await ImCsGen.Benchmarks.FirstCall.ColdStartChild.RunAsync(args[1], new Uri(args[2])).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "quotaprobe")
        {
            return await Rows.QuotaLimiterBenchmarks.ProbeAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "callprobe")
        {
            return await Probes.CallProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000).ConfigureAwait(false);
        }

        if (args.Length == 4 && args[0] == "bulk")
        {
            // Diagnostic for row 6: bulk <emulator limit> <client limit> <users>.
            var result = await Rows.BulkSend.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)).ConfigureAwait(false);
            Console.WriteLine(result.ToString() + " (client limit " + args[2] + "/s)");
            return 0;
        }

        if (args.Length == 4 && args[0] == "bulk-shape")
        {
            // Diagnostic for row 6: bulk-shape <emulator limit> <tokens per period> <period in microseconds>, 10,000 users,
            // paced by a token bucket of that shape (burst = tokens per period) in front of the client.
            var limit = int.Parse(args[1], CultureInfo.InvariantCulture);
            var tokens = int.Parse(args[2], CultureInfo.InvariantCulture);
            var period = TimeSpan.FromMicroseconds(double.Parse(args[3], CultureInfo.InvariantCulture));
            using var gate = new System.Threading.RateLimiting.TokenBucketRateLimiter(new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
            {
                TokenLimit = tokens,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                AutoReplenishment = true,
                QueueLimit = 100_000,
                QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst,
            });
            var result = await Rows.BulkSend.RunAsync(limit, limit, 10_000, gate).ConfigureAwait(false);
            Console.WriteLine(result.ToString() + " (gate: " + args[2] + " tokens every " + args[3] + " µs)");
            return 0;
        }

        if (args.Length == 0 || args[0] != "run")
        {
            Console.Error.WriteLine("usage: ImCsGen.Benchmarks run [--profile short|long|smoke] [--rows 1,2,3,4,5,6,7,8,9,10] [--out DIR]");
            return 2;
        }

        var profile = Option(args, "--profile") ?? "short";
        if (profile is not ("short" or "long" or "smoke"))
        {
            Console.Error.WriteLine("--profile: expected short, long or smoke; got '" + profile + "'.");
            return 2;
        }

        var rows = (Option(args, "--rows") ?? "1,2,3,4,5,6,7,8,9,10").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10 ? n : throw new ArgumentException("--rows: expected numbers 1 to 10; got '" + r + "'."))
            .ToHashSet();
        var output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine("artifacts", "bench"));
        Directory.CreateDirectory(output);

        var runner = new BenchRunner(profile, output);
        var table = await runner.RunAsync(rows).ConfigureAwait(false);
        var markdown = table.ToMarkdown();
        File.WriteAllText(Path.Combine(output, "ratios.md"), markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
