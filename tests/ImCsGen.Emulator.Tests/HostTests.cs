using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class HostTests
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "imcsgen-emulator.dll");

    [Fact]
    public async Task The_host_starts_on_a_free_port_and_serves_the_control_api()
    {
        var health = await GetFromHostAsync("--port 0 --sdkappid 1400000777 --admin ops", "_emulator/health");
        Assert.Contains("1400000777", health, StringComparison.Ordinal);
        Assert.Contains("\"ops\"", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_endpoints_limit_is_set_from_the_command_line()
    {
        var served = await GetFromHostAsync("--port 0 --rate-limit-for ConfigSvc/GetIPList=7", "_emulator/stats/rate-windows?path=ConfigSvc/GetIPList");
        Assert.Contains("\"limit\":7", served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_without_a_path_stops_the_host_with_the_expected_form()
    {
        using var process = Start("--port 0 --rate-limit-for 200");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--rate-limit-for: expected PATH=N", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_file_stops_the_host_with_a_message_naming_the_field()
    {
        var file = Path.Combine(Path.GetTempPath(), "imcsgen-bad-flow-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """{"skillGroups":[{"id":"a"}],"agents":[{"id":"x","skillGroups":["missing"]}]}""");
        try
        {
            using var process = Start("--port 0 --config \"" + file + "\"");
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("agents[x].skillGroups", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Starts the host with the arguments, GETs one control-API path once it listens, and stops it.
    private static async Task<string> GetFromHostAsync(string arguments, string path)
    {
        using var process = Start(arguments);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(await AddressAsync(process)) };
            return await http.GetStringAsync(path);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> AddressAsync(Process process)
    {
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            const string marker = "listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return line[(at + marker.Length)..].Trim();
            }
        }

        throw new InvalidOperationException("the host exited before it listened: " + await process.StandardError.ReadToEndAsync());
    }

    private static Process Start(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", "\"" + HostDll + "\" " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
    }
}
