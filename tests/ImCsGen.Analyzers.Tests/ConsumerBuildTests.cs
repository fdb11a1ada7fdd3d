using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ImCsGen.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Analyzers.Tests;

/// <summary>
/// The headline promise, end to end: a consumer project that references the runtime and the analyzers fails
/// <c>dotnet build -warnaserror</c> on planted mistakes with exactly the expected IDs, and builds cleanly once
/// they are fixed. Uses the real built-in types generated into the runtime (<c>ImCsGen.Im</c>).
/// </summary>
public class ConsumerBuildTests
{
    private readonly ITestOutputHelper _output;

    public ConsumerBuildTests(ITestOutputHelper output) => _output = output;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <LangVersion>latest</LangVersion>
            <!-- An MSBuild-style list over several lines: the imported targets pass it on as one line with commas. -->
            <ImCsGenAdminIdentifiers>
              administrator;
              ops_admin
            </ImCsGenAdminIdentifiers>
          </PropertyGroup>
          <!-- What the package imports for consumers: CompilerVisibleProperty and appsettings*.json as AdditionalFiles. -->
          <Import Project="{TARGETS}" />
          <ItemGroup>
            <ProjectReference Include="{RUNTIME}" />
            <ProjectReference Include="{ANALYZERS}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
        </Project>
        """;

    private const string BadCode = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using ImCsGen;
        using ImCsGen.Im;
        using ImCsGen.Transport;

        namespace Consumer;

        public static class Support
        {
            public static ImClientOptions Options() => new ImClientOptions
            {
                SdkAppId = 1400000000,
                Identifier = "ops_admin",
                SecretKey = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
                UserSigLifetime = TimeSpan.FromDays(1),
            };

            public static Task Reply(ImClient client, string customer) =>
                client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    ToAccount = customer,
                    MsgRandom = 42,
                    MsgBody = [new TIMCustomElem { Data = "card" }, new TIMCustomElem { Data = "menu" }],
                });

            public static object Transport(ImClientOptions options) => new ImHttpTransport(new HttpClient(), options);
        }
        """;

    private const string GoodCode = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using ImCsGen;
        using ImCsGen.Im;
        using ImCsGen.Transport;

        namespace Consumer;

        public static class Support
        {
            private static readonly HttpClient Http = new HttpClient();

            public static ImClientOptions Options(string secretKey) => new ImClientOptions
            {
                SdkAppId = 1400000000,
                Identifier = "ops_admin",
                SecretKey = secretKey,
                UserSigLifetime = TimeSpan.FromDays(1),
            };

            public static Task Reply(ImClient client, string agent, string customer) =>
                client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = agent,
                    ToAccount = customer,
                    MsgBody = [new TIMCustomElem { Data = "card" }, new TIMTextElem { Text = "How can I help?" }],
                });

            public static object Transport(ImClientOptions options) => new ImHttpTransport(Http, options);
        }
        """;

    [Fact]
    public void Warnaserror_build_fails_on_planted_mistakes_and_passes_once_fixed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "imcsgen-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), Project
                .Replace("{RUNTIME}", RepositoryPaths.Get("runtime", "ImCsGen", "ImCsGen.csproj"), StringComparison.Ordinal)
                .Replace("{TARGETS}", RepositoryPaths.Get("analyzers", "build", "ImCsGen.Analyzers.targets"), StringComparison.Ordinal)
                .Replace("{ANALYZERS}", RepositoryPaths.Get("analyzers", "ImCsGen.Analyzers", "ImCsGen.Analyzers.csproj"), StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(dir, "Support.cs"), BadCode);
            File.WriteAllText(Path.Combine(dir, "appsettings.json"), "{\n  \"TencentIm\": {\n    \"SdkAppId\": 1400000000,\n    \"Identifier\": \"kefu_01\"\n  }\n}\n");

            (int badExit, string badOutput) = Build(dir);
            var found = Regex.Matches(badOutput, @"error (IMCS\d{3}):").Select(m => m.Groups[1].Value).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
            Assert.NotEqual(0, badExit);
            Assert.Equal(new[] { "IMCS001", "IMCS002", "IMCS010", "IMCS011", "IMCS013", "IMCS014" }, found);
            Assert.Matches(@"appsettings\.json\(4,19\): error IMCS002:", badOutput);

            File.WriteAllText(Path.Combine(dir, "Support.cs"), GoodCode);
            File.WriteAllText(Path.Combine(dir, "appsettings.json"), "{ \"TencentIm\": { \"SdkAppId\": 1400000000, \"Identifier\": \"administrator\" } }\n");
            (int goodExit, string goodOutput) = Build(dir);
            Assert.DoesNotMatch(@"IMCS\d{3}", goodOutput);
            Assert.Equal(0, goodExit);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a build server may still hold a file for a moment.
            }
        }
    }

    private (int ExitCode, string Output) Build(string dir)
    {
        // The runtime and analyzer projects are already built as references of this test project; building
        // them again here would race other builds of the same folders, so only the consumer is compiled.
        // Same configuration as this test assembly (Debug locally, Release in CI): those are the outputs that exist.
        var configuration = typeof(ConsumerBuildTests).Assembly.GetCustomAttribute<System.Reflection.AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet", "build -c " + configuration + " -warnaserror -nologo -p:BuildProjectReferences=false -nodeReuse:false -p:UseSharedCompilation=false")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd() + stderr.Result;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "consumer build timed out");
        _output.WriteLine(output);
        return (process.ExitCode, output);
    }
}
