using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Packaging.Tests;

/// <summary>The outcome of one child process: exit code and everything it printed.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output, TimeSpan Duration)
{
    public override string ToString() => "$ " + Command + "\n(exit " + ExitCode + " after " + Duration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s)\n" + Output;
}

/// <summary>Runs dotnet (or a built program) as a child process with a clean MSBuild environment.</summary>
internal static class DotNet
{
    /// <summary>
    /// Runs <c>dotnet args</c>. No node reuse and no shared compiler server: a lingering build node or
    /// VBCSCompiler would inherit our output pipes and keep the read from ever ending.
    /// </summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var all = args.ToList();
        if (all.Count > 0 && all[0] is "build" or "pack" or "publish" or "restore")
        {
            all.AddRange(["-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo"]);
        }

        return RunProcessAsync("dotnet", workingDirectory, all, timeout, environment);
    }

    public static async Task<ProcessResult> RunProcessAsync(string fileName, string workingDirectory, IReadOnlyList<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would steer the child build.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var pair in environment)
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + string.Join(' ', args) + " did not finish within " + timeout + ":\n" + output);
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new ProcessResult(fileName + " " + string.Join(' ', args), process.ExitCode, text, watch.Elapsed);
    }
}
