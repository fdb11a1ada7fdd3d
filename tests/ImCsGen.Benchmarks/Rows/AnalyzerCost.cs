using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ImCsGen.Benchmarks.Generation;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>The analyzer timings of one consumer build.</summary>
public sealed record AnalyzerCostResult(int CallSites, double BuildSeconds, double CscSeconds, double AllAnalyzersSeconds, double OurAnalyzersSeconds, double OurGeneratorSeconds, string Configuration)
{
    /// <summary>Median Csc time of the same builds without ImCsGen.Analyzers (A/B: the wall-clock cost to the build).</summary>
    public double CscWithoutOursSeconds { get; init; } = double.NaN;

    /// <summary>Median build time without ImCsGen.Analyzers.</summary>
    public double BuildWithoutOursSeconds { get; init; } = double.NaN;

    /// <summary>How many measured builds each median is taken over.</summary>
    public int Builds { get; init; } = 1;

    /// <summary>Each DiagnosticAnalyzer type of ImCsGen.Analyzers with its median time (csc's per-type lines), slowest first.</summary>
    public IReadOnlyList<(string Type, double Seconds)> PerAnalyzer { get; init; } = [];

    /// <summary>The per-type times as the row's notes show them: <c>ImCsGenAnalyzer 0.071 s</c>.</summary>
    public string PerAnalyzerText => PerAnalyzer.Count == 0
        ? "no per-type lines"
        : string.Join(", ", PerAnalyzer.Select(a => a.Type + " " + a.Seconds.ToString("F3", CultureInfo.InvariantCulture) + " s"));

    /// <summary>The extra Csc wall time our analyzers cause, as a share of the build with them.</summary>
    public double AbShareOfBuild => (CscSeconds - CscWithoutOursSeconds) / BuildSeconds;

    /// <summary>Our analyzers' time as a share of the whole <c>dotnet build</c> wall time.</summary>
    public double ShareOfBuild => OurAnalyzersSeconds / BuildSeconds;

    /// <summary>Our analyzers' time as a share of the compiler task alone.</summary>
    public double ShareOfCsc => CscSeconds > 0 ? OurAnalyzersSeconds / CscSeconds : double.NaN;

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CallSites} call sites, medians of {Builds} builds: build {BuildSeconds:F2} s (Csc {CscSeconds:F2} s); all analyzers {AllAnalyzersSeconds:F3} s; ImCsGen.Analyzers {OurAnalyzersSeconds:F3} s = {ShareOfBuild:P2} of the build, {ShareOfCsc:P2} of Csc (per type: {PerAnalyzerText}); ImCsGen.Generator {OurGeneratorSeconds:F3} s; without our analyzers: build {BuildWithoutOursSeconds:F2} s, Csc {CscWithoutOursSeconds:F2} s (A/B share {AbShareOfBuild:P2})");
}

/// <summary>
/// Row 4: writes a consumer project with N call sites of the generated client into a temp folder,
/// referencing the runtime and, as analyzers, ImCsGen.Analyzers and ImCsGen.Generator (what the package gives a
/// consumer), builds it once to warm up, then rebuilds it with <c>-p:ReportAnalyzer=true -v:d</c> and reads
/// the compiler's analyzer timing summary.
/// </summary>
public static class AnalyzerCost
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <LangVersion>latest</LangVersion>
            <ImCsGenAdminIdentifiers>administrator</ImCsGenAdminIdentifiers>
          </PropertyGroup>
          <Import Project="{TARGETS}" />
          <ItemGroup>
            <ProjectReference Include="{RUNTIME}" />
            <ProjectReference Include="{ANALYZERS}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" Condition="'$(BenchWithoutImCsGenAnalyzers)' != 'true'" />
            <ProjectReference Include="{GENERATOR}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
        </Project>
        """;

    public static AnalyzerCostResult Run(int callSites, string configuration, int builds, Action<string> log)
    {
        var dir = Path.Combine(Path.GetTempPath(), "imcsgen-bench-consumer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), Project
                .Replace("{TARGETS}", Repo.Path("analyzers", "build", "ImCsGen.Analyzers.targets"), StringComparison.Ordinal)
                .Replace("{RUNTIME}", Repo.Path("runtime", "ImCsGen", "ImCsGen.csproj"), StringComparison.Ordinal)
                .Replace("{ANALYZERS}", Repo.Path("analyzers", "ImCsGen.Analyzers", "ImCsGen.Analyzers.csproj"), StringComparison.Ordinal)
                .Replace("{GENERATOR}", Repo.Path("generator", "ImCsGen.Generator", "ImCsGen.Generator.csproj"), StringComparison.Ordinal));
            WriteCallSites(dir, callSites);

            // The referenced projects were built with this benchmark (same configuration): only the consumer compiles.
            var common = "-c " + configuration + " -nologo -p:BuildProjectReferences=false";
            var (warmExit, warmOutput, _) = Dotnet(dir, "build " + common);
            if (warmExit != 0)
            {
                throw new InvalidOperationException("the consumer project does not build:\n" + Tail(warmOutput));
            }

            // Alternate builds with and without our analyzers so drifting machine load hits both alike.
            var with = new List<AnalyzerCostResult>();
            var perType = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var without = new List<(double Build, double Csc)>();
            for (var i = 0; i < builds; i++)
            {
                var (exit, output, elapsed) = Dotnet(dir, "build " + common + " --no-restore --no-incremental -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary");
                if (exit != 0)
                {
                    throw new InvalidOperationException("the measured consumer build failed:\n" + Tail(output));
                }

                File.WriteAllText(Path.Combine(Path.GetTempPath(), "imcsgen-bench-analyzer-build.log"), output);
                foreach (var (type, seconds) in TypeSeconds(output, "ImCsGen.Analyzers"))
                {
                    if (!perType.TryGetValue(type, out var times))
                    {
                        perType[type] = times = new List<double>();
                    }

                    times.Add(seconds);
                }

                with.Add(new AnalyzerCostResult(
                    callSites,
                    elapsed.TotalSeconds,
                    TaskSeconds(output, "Csc"),
                    Seconds(output, @"Total analyzer execution time:\s*([0-9.,]+) seconds"),
                    AssemblySeconds(output, "ImCsGen.Analyzers"),
                    AssemblySeconds(output, "ImCsGen.Generator"),
                    configuration));

                var (exitB, outputB, elapsedB) = Dotnet(dir, "build " + common + " --no-restore --no-incremental -p:BenchWithoutImCsGenAnalyzers=true -v:n -clp:PerformanceSummary");
                if (exitB != 0)
                {
                    throw new InvalidOperationException("the consumer build without analyzers failed:\n" + Tail(outputB));
                }

                without.Add((elapsedB.TotalSeconds, TaskSeconds(outputB, "Csc")));
            }

            var result = new AnalyzerCostResult(
                callSites,
                Median(with.Select(r => r.BuildSeconds)),
                Median(with.Select(r => r.CscSeconds)),
                Median(with.Select(r => r.AllAnalyzersSeconds)),
                Median(with.Select(r => r.OurAnalyzersSeconds)),
                Median(with.Select(r => r.OurGeneratorSeconds)),
                configuration)
            {
                BuildWithoutOursSeconds = Median(without.Select(r => r.Build)),
                CscWithoutOursSeconds = Median(without.Select(r => r.Csc)),
                Builds = builds,
                PerAnalyzer = perType.Select(t => (t.Key, Median(t.Value))).OrderByDescending(t => t.Item2).ToList(),
            };
            log(result.ToString());
            return result;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the build server may hold a file for a moment.
            }
        }
    }

    private static void WriteCallSites(string dir, int callSites)
    {
        const int perFile = 50;
        for (var file = 0; file * perFile < callSites; file++)
        {
            var text = new StringBuilder();
            text.Append("using System.Collections.Generic;\nusing System.Threading.Tasks;\nusing ImCsGen.Im;\n\nnamespace Consumer;\n\n");
            text.Append("public static class Calls").Append(file.ToString(CultureInfo.InvariantCulture)).Append("\n{\n");
            for (var i = file * perFile; i < Math.Min(callSites, (file + 1) * perFile); i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                text.Append("    public static async Task<string?> Call").Append(n).Append("(ImClient client, string user)\n    {\n");
                switch (i % 4)
                {
                    case 0:
                        text.Append("        var r = await client.SendC2CMessageAsync(new SendC2CMessageRequest { FromAccount = \"agent_01\", ToAccount = user, MsgBody = [new TIMTextElem { Text = \"Reply ").Append(n).Append("\" }] });\n        return r.MsgKey;\n");
                        break;
                    case 1:
                        text.Append("        var r = await client.GetProfileAsync(new GetProfileRequest { ToAccount = [user], TagList = [\"Tag_Profile_IM_Nick\"] });\n        return r.UserProfileItem?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);\n");
                        break;
                    case 2:
                        text.Append("        var r = await client.BatchSendC2CMessageAsync(new BatchSendC2CMessageRequest { FromAccount = \"agent_01\", ToAccount = [user, \"user_").Append(n).Append("\"], MsgBody = [new TIMTextElem { Text = \"Notice ").Append(n).Append("\" }] });\n        return r.MsgKey;\n");
                        break;
                    default:
                        text.Append("        var r = await client.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = \"agent_01\", PeerAccount = user, MaxCnt = 100, MinTime = 1700000000, MaxTime = 1700086400 });\n        return r.LastMsgKey;\n");
                        break;
                }

                text.Append("    }\n\n");
            }

            text.Append("}\n");
            File.WriteAllText(Path.Combine(dir, "Calls" + file.ToString(CultureInfo.InvariantCulture) + ".cs"), text.ToString());
        }
    }

    private static (int Exit, string Output, TimeSpan Elapsed) Dotnet(string dir, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        return (process.ExitCode, stdout + stderr.Result, watch.Elapsed);
    }

    private static double Seconds(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        return match.Success ? double.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : double.NaN;
    }

    // csc's table: "   0.012    1  ImCsGen.Analyzers, Version=0.1.0.0, ..." (seconds, percent, assembly).
    private static double AssemblySeconds(string output, string assembly)
    {
        var match = Regex.Match(output, @"^\s*(<?[0-9.,]+)\s+<?[0-9]+\s+" + Regex.Escape(assembly) + ",", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = match.Groups[1].Value.TrimStart('<');
        return double.Parse(value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    // csc's per-type lines under the assembly's line: "   0.137   13      ImCsGen.Analyzers.ImCsGenAnalyzer (IMCS001, ...)".
    private static IEnumerable<(string Type, double Seconds)> TypeSeconds(string output, string assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Regex.Matches(output, @"^\s*(<?[0-9.,]+)\s+<?[0-9]+\s+" + Regex.Escape(assembly) + @"\.([\w.]+) \(", RegexOptions.Multiline))
        {
            // csc prints the table once per build, but a log may hold it twice (summary repeated): count each type once.
            if (seen.Add(match.Groups[2].Value))
            {
                var value = match.Groups[1].Value.TrimStart('<').Replace(",", "", StringComparison.Ordinal);
                yield return (match.Groups[2].Value, double.Parse(value, CultureInfo.InvariantCulture));
            }
        }
    }

    // -clp:PerformanceSummary: "     1234 ms  Csc                                        1 calls".
    private static double TaskSeconds(string output, string task)
    {
        var match = Regex.Matches(output, @"^\s*([0-9]+) ms\s+" + Regex.Escape(task) + @"\s+[0-9]+ calls", RegexOptions.Multiline).LastOrDefault();
        return match is null ? double.NaN : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(40));
}
