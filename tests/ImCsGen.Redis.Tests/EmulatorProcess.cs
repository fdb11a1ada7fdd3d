using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// The IM emulator in its own process (runtime/ImCsGen.Emulator.Host, copied with its dependencies into
/// emulator-host/ beside the tests by the test project) on a free 127.0.0.1 port, with one endpoint's limit set. The multi-process proof runs it apart from the test
/// host so that nothing the test host does (its own GC, thread pool, the test runner) can hold calls back in the
/// emulator and push a second's calls into the next one. Read through the control API.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control;

    private EmulatorProcess(Process process, Uri address, long sdkAppId, string secretKey)
    {
        _process = process;
        BaseAddress = address;
        SdkAppId = sdkAppId;
        SecretKey = secretKey;
        _control = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public long SdkAppId { get; }

    /// <summary>A key made for this run only (given to the host by environment, to the load clients by argument).</summary>
    public string SecretKey { get; }

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "emulator-host", "imcsgen-emulator.dll");

    public static async Task<EmulatorProcess> StartAsync(string path, int limit)
    {
        const long sdkAppId = 1400000000;
        var secretKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostDll, "--port", "0", "--sdkappid", sdkAppId.ToString(CultureInfo.InvariantCulture), "--rate-limit-for", path + "=" + limit.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["IMCSGEN_EMULATOR_SECRET_KEY"] = secretKey;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator host");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                const string marker = "listening on ";
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    // The rest of its output is not read: drain it so that a full pipe never blocks the host.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new EmulatorProcess(process, new Uri(line[(at + marker.Length)..].Trim()), sdkAppId, secretKey);
                }
            }

            throw new InvalidOperationException("the emulator host exited before it listened: " + await process.StandardError.ReadToEndAsync(timeout.Token));
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Answers the emulator gave with one Tencent error code.</summary>
    public async Task<int> ResponsesAsync(int code)
    {
        using var stats = JsonDocument.Parse(await _control.GetStringAsync("_emulator/stats"));
        return stats.RootElement.GetProperty("responses").TryGetProperty(code.ToString(CultureInfo.InvariantCulture), out var count) ? count.GetInt32() : 0;
    }

    /// <summary>The calls of <paramref name="path"/> per second of the emulator's windows, and how many got 60007.</summary>
    public async Task<IReadOnlyList<(long Second, int Calls, int Refused)>> RateWindowsAsync(string path)
    {
        using var served = JsonDocument.Parse(await _control.GetStringAsync("_emulator/stats/rate-windows?path=" + Uri.EscapeDataString(path)));
        var windows = new List<(long, int, int)>();
        foreach (var window in served.RootElement.GetProperty("windows").EnumerateArray())
        {
            windows.Add((window.GetProperty("second").GetInt64(), window.GetProperty("calls").GetInt32(), window.GetProperty("refused").GetInt32()));
        }

        return windows;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
