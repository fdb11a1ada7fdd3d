using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace ImCsGen.Fuzz;

/// <summary>One failing input: the seed it came from, its bytes and what went wrong.</summary>
public sealed record FuzzFinding(string Target, string SeedName, long Iteration, byte[] Input, string Problem);

/// <summary>What a run did: inputs, time, findings (distinct problems only are kept as files).</summary>
public sealed record FuzzReport(string Target, long Inputs, TimeSpan Elapsed, IReadOnlyList<FuzzFinding> Findings)
{
    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Target}: {Inputs} inputs in {Elapsed.TotalSeconds:F1} s ({InputsPerSecond:F0} inputs/s), {Findings.Count} failing inputs");
}

/// <summary>Options of one run.</summary>
/// <remarks>
/// <see cref="Start"/> skips the inputs before it (rebuilding input N of a run alone); <see cref="ShardCount"/> &gt; 1
/// runs only the inputs i with i % ShardCount == ShardIndex, so n processes share one run's inputs (the long
/// generator run on a 2-core machine) and together run exactly the inputs one process would.
/// </remarks>
public sealed record FuzzOptions(int Seed = 1, long MaxInputs = 1000, TimeSpan? MaxDuration = null, string? OutputFolder = null, bool SaveCurrent = false, TimeSpan? HangAfter = null, Action<string>? Log = null, long Start = 0, int ShardIndex = 0, int ShardCount = 1);

/// <summary>
/// The seeded loop: input i is built from a Random seeded with (seed, i), so any input of a run can be rebuilt
/// alone; a failing input is written to the output folder as a replay file (a header line naming the target and
/// the seed input, then the bytes). A watchdog ends the process when one input runs longer than the hang limit,
/// after saving it; with SaveCurrent, every input is saved before it runs (for a stack overflow, which no
/// handler sees).
/// </summary>
public static class FuzzRunner
{
    public const string Header = "#imcsgen-fuzz";

    public static FuzzReport Run(IFuzzTarget target, FuzzOptions options)
    {
        var findings = new List<FuzzFinding>();
        var problems = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var lastReport = clock.Elapsed;
        long inputs = 0;
        Current? current = null;
        using var stop = new CancellationTokenSource();
        Thread? watchdog = null;
        if (options.HangAfter is { } hangAfter)
        {
            watchdog = new Thread(() =>
            {
                while (!stop.Token.WaitHandle.WaitOne(1000))
                {
                    var snapshot = Volatile.Read(ref current);
                    if (snapshot is not null && clock.Elapsed - snapshot.Started > hangAfter)
                    {
                        var path = Save(options.OutputFolder ?? ".", target.Name, snapshot.Seed.Name, snapshot.Input, "hang");
                        Console.Error.WriteLine("HANG: one input ran longer than " + hangAfter.TotalSeconds + " s; saved as " + path);
                        Environment.Exit(3);
                    }
                }
            }) { IsBackground = true, Name = "fuzz watchdog" };
            watchdog.Start();
        }

        try
        {
            for (long i = options.Start; i < options.Start + options.MaxInputs; i++)
            {
                if (options.MaxDuration is { } max && clock.Elapsed > max)
                {
                    break;
                }

                if (options.ShardCount > 1 && i % options.ShardCount != options.ShardIndex)
                {
                    continue;
                }

                var random = new Random(unchecked((options.Seed * 1_000_003) + (int)i));
                var seed = target.Seeds[random.Next(target.Seeds.Count)];
                var input = target.Mutate(seed, random);
                Volatile.Write(ref current, new Current(seed, input, clock.Elapsed));
                if (options.SaveCurrent)
                {
                    Save(options.OutputFolder ?? ".", target.Name, seed.Name, input, "current");
                }

                try
                {
                    target.Run(seed, input);
                }
                catch (Exception e)
                {
                    var problem = Describe(e);
                    findings.Add(new FuzzFinding(target.Name, seed.Name, i, input, problem));
                    if (problems.Add(problem))
                    {
                        var saved = options.OutputFolder is null ? null : Save(options.OutputFolder, target.Name, seed.Name, input, "crash-" + i.ToString(CultureInfo.InvariantCulture));
                        options.Log?.Invoke("FAIL #" + i.ToString(CultureInfo.InvariantCulture) + " (" + seed.Name + "): " + problem + (saved is null ? string.Empty : " -> " + saved));
                    }
                }

                inputs++;
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.Elapsed;
                    options.Log?.Invoke(new FuzzReport(target.Name, inputs, clock.Elapsed, findings).ToString());
                }
            }
        }
        finally
        {
            stop.Cancel();
            watchdog?.Join();
        }

        return new FuzzReport(target.Name, inputs, clock.Elapsed, findings);
    }

    private sealed record Current(FuzzSeed Seed, byte[] Input, TimeSpan Started);

    /// <summary>The problem's first line, with the exception type for anything that is not a rule failure (distinct problems are reported once).</summary>
    public static string Describe(Exception e)
    {
        var text = e is FuzzFailure ? e.Message : "unexpected " + e.GetType().FullName + ": " + e.Message;
        var line = text.Split('\n')[0];
        return line.Length > 300 ? line.Substring(0, 300) + "..." : line;
    }

    /// <summary>Writes a replay file: "#imcsgen-fuzz {target} {seed name}\n" then the input bytes.</summary>
    public static string Save(string folder, string target, string seedName, byte[] input, string label)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, target + "-" + label + ".bin");
        using var stream = File.Create(file);
        stream.Write(Encoding.UTF8.GetBytes(Header + " " + target + " " + seedName + "\n"));
        stream.Write(input);
        return file;
    }

    /// <summary>Reads a replay file back: (target, seed name, input).</summary>
    public static (string Target, string SeedName, byte[] Input) Load(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var newline = Array.IndexOf(bytes, (byte)'\n');
        var header = newline < 0 ? string.Empty : Encoding.UTF8.GetString(bytes, 0, newline);
        var parts = header.Split(' ');
        if (parts.Length != 3 || parts[0] != Header)
        {
            throw new InvalidDataException(file + ": not a replay file (its first line must be '" + Header + " <target> <seed name>')");
        }

        return (parts[1], parts[2], bytes.AsSpan(newline + 1).ToArray());
    }

    /// <summary>Runs one saved input again; returns the problem, or null when the input now passes.</summary>
    public static string? Replay(IFuzzTarget target, string seedName, byte[] input)
    {
        var seed = target.Seeds.FirstOrDefault(s => s.Name == seedName)
                   ?? throw new InvalidDataException("the target '" + target.Name + "' has no seed '" + seedName + "'");
        try
        {
            if (target is GeneratorTarget)
            {
                // A fresh driver: the replay does not depend on the inputs run before it.
                GeneratorTarget.RunOnce(Path.GetFileName(seedName), input);
            }
            else
            {
                target.Run(seed, input);
            }

            return null;
        }
        catch (Exception e)
        {
            return Describe(e) + "\n" + e;
        }
    }
}
