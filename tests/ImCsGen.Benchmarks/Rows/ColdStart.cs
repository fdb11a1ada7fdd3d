using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ImCsGen.Benchmarks.Report;
using ImCsGen.Benchmarks.Stub;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 7: the first call in a new process, generated client against hand-written code, under JIT and under Native
/// AOT. Each round starts two child processes, in alternating order, against one loopback stub; each child
/// (<c>ColdStartChild</c>, tests/ImCsGen.ColdStart) times creating its client and making one SendC2CMessage call, so
/// JIT, type loading and first-use set-up (pipelines, limiters, encoded names) are inside the figure and process
/// start-up is not. JIT: this executable's <c>cold</c> verb. AOT: tests/ImCsGen.ColdStart published with Native AOT
/// (published by the row itself, once per run, into a temporary folder). Reported: the medians and their ratio.
/// </summary>
public static class ColdStart
{
    public sealed record Result(int Rounds, double GeneratedMs, double HandWrittenMs)
    {
        public double Ratio => GeneratedMs / HandWrittenMs;
    }

    /// <summary>JIT: children are this benchmark executable (verb <c>cold</c>).</summary>
    public static Result Run(int rounds, Action<string> log)
        => Measure("JIT", rounds, log, variant => ChildProcess.Create("cold"));

    /// <summary>Native AOT: publishes tests/ImCsGen.ColdStart with Native AOT, then runs the binary as the child.</summary>
    public static Result RunAot(int rounds, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "imcsgen-coldstart-aot-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var binary = PublishAot(folder, log);
            return Measure("Native AOT", rounds, log, variant => new ProcessStartInfo(binary) { UseShellExecute = false });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static Result Measure(string mode, int rounds, Action<string> log, Func<string, ProcessStartInfo> child)
    {
        using var stub = LoopbackStub.Start();
        var generated = new List<double>();
        var hand = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            // Alternate the order so that a change of load hits both alike.
            foreach (var variant in i % 2 == 0 ? new[] { "generated", "hand" } : new[] { "hand", "generated" })
            {
                (variant == "generated" ? generated : hand).Add(Child(child(variant), variant, stub.BaseAddress));
            }
        }

        var result = new Result(rounds, Median(generated), Median(hand));
        log("row 7 (" + mode + "): cold first call medians over " + rounds.ToString(CultureInfo.InvariantCulture) + " rounds: generated " + Fmt.Ratio(result.GeneratedMs) + " ms, hand-written " + Fmt.Ratio(result.HandWrittenMs) + " ms");
        return result;
    }

    private static string PublishAot(string folder, Action<string> log)
    {
        var project = Path.Combine(RepositoryRoot(), "tests", "ImCsGen.ColdStart", "ImCsGen.ColdStart.csproj");
        log("row 7: publishing " + project + " with Native AOT (a minute or two)");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-p:ImCsGenColdStartAot=true", "-o", folder, "-nologo", "-v:q", "-clp:ErrorsOnly" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var binary = Path.Combine(folder, "ImCsGen.ColdStart");
        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException("the Native AOT publish of ImCsGen.ColdStart failed (exit " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + output + errors.Result);
        }

        return binary;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImCsGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ImCsGen.sln not found above " + AppContext.BaseDirectory + ": run the benchmarks from the repository's build output");
    }

    private static double Child(ProcessStartInfo start, string variant, Uri baseAddress)
    {
        start.ArgumentList.Add(variant);
        start.ArgumentList.Add(baseAddress.ToString());
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the cold-start child did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("cold ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the cold-start child (" + variant + ") printed no time: " + output);
        return double.Parse(line["cold ".Length..], CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
