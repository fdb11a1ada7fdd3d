using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace ImCsGen.Runtime.Tests.CrossChecks;

/// <summary>
/// Runs Tencent's own npm packages (tls-sig-api-v2, tencentcloud-sdk-nodejs-common) under Node so tests can
/// compare our UserSig and TC3 output with theirs. The packages are installed once into a cache folder
/// (~/.cache/imcsgen-crosscheck/&lt;versions&gt;, or IMCSGEN_CROSSCHECK_CACHE) and reused by later runs.
/// When node, npm or the registry is missing the calls throw with a message saying what to fix: a cross-check
/// that cannot run must fail, never pass by skipping.
/// </summary>
internal static class NodeReference
{
    // Pinned so the cache folder name identifies exactly what was installed and results do not drift.
    public const string TlsSigVersion = "1.0.2";
    public const string SdkCommonVersion = "4.1.220";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string> Folder = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <paramref name="script"/> (CommonJS) with the packages resolvable; returns its trimmed stdout.</summary>
    public static string Run(string script, params string[] args)
    {
        var folder = Folder.Value;
        var file = Path.Combine(folder, "check-" + Guid.NewGuid().ToString("N") + ".js");
        File.WriteAllText(file, script);
        try
        {
            var arguments = new List<string> { file };
            arguments.AddRange(args);
            var (code, stdout, stderr) = Exec("node", arguments, folder, RunTimeout);
            if (code != 0)
            {
                throw new InvalidOperationException("node exited with " + code + ": " + stderr.Trim());
            }

            return stdout.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="input"/> as its one argument (JSON text); the script prints a
    /// JSON array of strings, one per input case, so a whole test class needs a single node start-up.
    /// </summary>
    public static string[] RunForStrings(string script, JsonNode input)
    {
        var output = Run(script, input.ToJsonString());
        using var document = JsonDocument.Parse(output);
        var results = new List<string>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            results.Add(item.GetString() ?? throw new InvalidOperationException("node printed a null result: " + output));
        }

        return results.ToArray();
    }

    private static string Install()
    {
        var root = Environment.GetEnvironmentVariable("IMCSGEN_CROSSCHECK_CACHE");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "imcsgen-crosscheck");
        }

        var folder = Path.Combine(root, "tls-sig-api-v2-" + TlsSigVersion + "_sdk-common-" + SdkCommonVersion);
        if (Installed(folder))
        {
            return folder;
        }

        // Install beside the final folder, then move it into place: a second test process installing at the
        // same time loses the move and simply uses the winner's copy.
        Directory.CreateDirectory(root);
        var staging = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "package.json"), "{ \"name\": \"imcsgen-crosscheck\", \"private\": true }\n");
        int code;
        string stderr;
        try
        {
            (code, _, stderr) = Exec(
                "npm",
                ["install", "--no-audit", "--no-fund", "--no-save", "tls-sig-api-v2@" + TlsSigVersion, "tencentcloud-sdk-nodejs-common@" + SdkCommonVersion],
                staging,
                InstallTimeout);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        if (code != 0 || !Installed(staging))
        {
            TryDelete(staging);
            throw new InvalidOperationException(
                "The cross-check needs Tencent's npm packages tls-sig-api-v2@" + TlsSigVersion + " and tencentcloud-sdk-nodejs-common@" + SdkCommonVersion
                + " but `npm install` failed (exit " + code + "). Check that npm can reach its registry. npm said: " + Tail(stderr));
        }

        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException) when (Installed(folder))
        {
            TryDelete(staging);
        }

        return folder;
    }

    private static bool Installed(string folder) =>
        File.Exists(Path.Combine(folder, "node_modules", "tls-sig-api-v2", "TLSSigAPIv2.js"))
        && File.Exists(Path.Combine(folder, "node_modules", "tencentcloud-sdk-nodejs-common", "tencentcloud", "common", "sign.js"));

    private static (int Code, string Stdout, string Stderr) Exec(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "The cross-check needs `" + program + "` on PATH (Node.js with npm) to run Tencent's reference packages; it could not be started: " + e.Message, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("`" + program + " " + string.Join(' ', start.ArgumentList) + "` did not finish within " + timeout + ".");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : text[^2000..].Trim();

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover staging folder is harmless; the next run uses a new name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
