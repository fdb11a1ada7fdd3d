using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ImCsGen.Emulator;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Packaging.Tests;

/// <summary>
/// tests/ImCsGen.AotSmoke published self-contained for linux-x64 with Native AOT and with trimming:
/// zero IL2xxx/IL3xxx warnings (the project also turns them into errors), and the binary then sends
/// messages through ImClient.Create and AddTencentIm to the loopback emulator. The two publishes share
/// the smoke project's obj folder, so they stay in this one class (xunit runs a class's tests in turn).
/// The AOT toolchain needs clang and zlib1g-dev: eng/ensure-aot-prereqs.sh installs them (./test.sh runs it).
/// </summary>
public sealed class NativeAotTests(ITestOutputHelper output)
{
    private static readonly Regex TrimOrAotWarning = new(@"\b(warning|error) (IL[23]\d{3})\b", RegexOptions.CultureInvariant);

    [Fact]
    public Task Native_AOT_publish_has_no_trim_or_AOT_warnings_and_the_binary_talks_to_the_emulator()
        => PublishAndRunAsync("aot");

    [Fact]
    public Task Trimmed_self_contained_publish_has_no_trim_warnings_and_the_binary_talks_to_the_emulator()
        => PublishAndRunAsync("trimmed");

    private async Task PublishAndRunAsync(string mode)
    {
        // Pack first: packing and publishing both build runtime/ImCsGen, and two builds of one project must not overlap.
        await PackageFeed.GetAsync();
        var folder = Repo.NewTempFolder("imcsgen-" + mode);
        try
        {
            var args = new List<string>
            {
                "publish", Repo.AotSmokeProject, "-c", Repo.Configuration, "-r", "linux-x64",
                "-p:ImCsGenSmokeMode=" + mode, "-o", folder,
            };
            if (mode == "aot" && OnPath("clang") is null && OnPath("clang-14") is not null)
            {
                // Debian without the "clang" package: use the versioned compiler driver.
                args.Add("-p:CppCompilerAndLinker=clang-14");
            }

            var publish = await DotNet.RunAsync(Repo.Root, args, TimeSpan.FromMinutes(10));
            output.WriteLine("dotnet publish (" + mode + "): " + publish.Duration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s");
            var findings = TrimOrAotWarning.Matches(publish.Output).Select(m => m.Value).ToList();
            Assert.True(findings.Count == 0, findings.Count + " trim/AOT warnings:\n" + publish);
            Assert.True(publish.ExitCode == 0, publish.ToString());

            var binary = Path.Combine(folder, "ImCsGen.AotSmoke");
            Assert.True(File.Exists(binary), "no native executable at " + binary + "\n" + publish);
            if (mode == "aot")
            {
                // A Native AOT publish leaves no IL assembly of the app to run on a JIT.
                Assert.False(File.Exists(Path.Combine(folder, "ImCsGen.AotSmoke.dll")), "the AOT output still has the IL assembly");
            }
            else
            {
                Assert.True(File.Exists(Path.Combine(folder, "libcoreclr.so")), "the trimmed publish is not self-contained");
            }

            var options = new EmulatorOptions();
            await using var emulator = await ImEmulator.StartAsync(options);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TencentIm__SdkAppId"] = options.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["TencentIm__Identifier"] = options.Administrators[0],
                ["TencentIm__SecretKey"] = options.SecretKey,
            };
            var run = await DotNet.RunProcessAsync(binary, folder, [emulator.BaseAddress.ToString()], TimeSpan.FromMinutes(1), environment);
            output.WriteLine(run.Output);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches("create: ok MsgKey=\\S+", run.Output);
            Assert.Matches("di: ok MsgKey=\\S+", run.Output);
            Assert.Contains("callback: ok after=1 before=masked forged=401", run.Output, StringComparison.Ordinal);
            Assert.Equal(2, emulator.Stats.Requests("openim/sendmsg"));
            Assert.Equal(2, emulator.State.GetMessages("aot_cs_virtual", "aot_user").Count);
        }
        finally
        {
            Repo.TryDelete(folder);
        }
    }

    private static string? OnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
