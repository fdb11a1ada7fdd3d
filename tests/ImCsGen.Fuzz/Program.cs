using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ImCsGen.Fuzz;

/// <summary>
/// dotnet run -c Release --project tests/ImCsGen.Fuzz -- [--target generator|readers|callbacks|auth|all] [--seed N]
///   [--inputs N] [--start I] [--shard k/n] [--seconds S] [--out DIR] [--save-current] | --replay FILE
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.WriteLine("usage: ImCsGen.Fuzz [--target generator|readers|callbacks|auth|all] [--seed N] [--inputs N] [--start I] [--shard k/n] [--seconds S] [--out DIR] [--save-current] | --replay FILE");
            return 2;
        }

        if (options.TryGetValue("replay", out var replay))
        {
            var (targetName, seedName, input) = FuzzRunner.Load(replay);
            using var target = Create(targetName);
            var problem = FuzzRunner.Replay(target, seedName, input);
            Console.WriteLine(problem is null ? "PASS: the input no longer fails" : "FAIL: " + problem);
            return problem is null ? 0 : 1;
        }

        var names = options.GetValueOrDefault("target", "all") == "all" ? new[] { "generator", "readers", "callbacks", "auth" } : new[] { options["target"] };
        var seed = int.Parse(options.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
        var inputs = long.Parse(options.GetValueOrDefault("inputs", "100000"), CultureInfo.InvariantCulture);
        TimeSpan? duration = options.TryGetValue("seconds", out var seconds) ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)) : null;
        var output = options.GetValueOrDefault("out", Path.Combine("artifacts", "fuzz"));
        var start = long.Parse(options.GetValueOrDefault("start", "0"), CultureInfo.InvariantCulture);
        var shard = options.GetValueOrDefault("shard", "0/1").Split('/');
        var shardIndex = -1;
        var shardCount = 0;
        if (shard.Length != 2
            || !int.TryParse(shard[0], NumberStyles.None, CultureInfo.InvariantCulture, out shardIndex)
            || !int.TryParse(shard[1], NumberStyles.None, CultureInfo.InvariantCulture, out shardCount)
            || shardCount < 1 || shardIndex >= shardCount)
        {
            Console.WriteLine("--shard takes k/n with 0 <= k < n (for example 0/2 and 1/2 in two processes)");
            return 2;
        }

        var failed = false;
        foreach (var name in names)
        {
            using var target = Create(name);
            Console.WriteLine(name + ": " + target.Seeds.Count + " seeds, seed " + seed + ", inputs " + start + ".." + (start + inputs - 1) + (shardCount > 1 ? " (shard " + shardIndex + "/" + shardCount + ")" : string.Empty) + (duration is null ? string.Empty : " or " + duration.Value.TotalSeconds + " s"));
            var report = FuzzRunner.Run(target, new FuzzOptions(seed, inputs, duration, output, options.ContainsKey("save-current"), TimeSpan.FromSeconds(120), Console.WriteLine, start, shardIndex, shardCount));
            Console.WriteLine(report);
            if (target is ReaderTarget readers)
            {
                Console.WriteLine("readers: largest allocation for one input: " + readers.MaxAllocationPerInput + " bytes");
            }

            if (target is AuthTarget auth)
            {
                Console.WriteLine("auth: largest allocation for one input: " + auth.MaxAllocationPerInput + " bytes");
            }

            foreach (var group in report.Findings.GroupBy(f => f.Problem, StringComparer.Ordinal))
            {
                Console.WriteLine("  " + group.Count() + " x " + group.Key);
            }

            failed |= report.Findings.Count > 0;
        }

        return failed ? 1 : 0;
    }

    public static IFuzzTarget Create(string name) => name switch
    {
        "generator" => new GeneratorTarget(),
        "readers" => new ReaderTarget(),
        "callbacks" => new CallbackTarget(),
        "auth" => new AuthTarget(),
        _ => throw new ArgumentException("unknown target '" + name + "' (generator, readers, callbacks, auth)", nameof(name)),
    };

    private static Dictionary<string, string>? Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var key = args[i].Substring(2);
            if (key == "save-current")
            {
                options[key] = "true";
            }
            else if (i + 1 < args.Length)
            {
                options[key] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }
}
