using System;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Packaging.Tests;

/// <summary>
/// A project that knows ImCsGen only as a package: it builds with warnings as errors, calls the built-in
/// client and one endpoint from its own spec file against the loopback emulator, and the analyzers,
/// the admin-identifier setting, the reserved namespace and the kill switch work through the package's
/// build files.
/// </summary>
public sealed class ConsumerTests(ITestOutputHelper output)
{
    private const string CustomPath = "group_open_http_svc/group_msg_recall";

    [Fact]
    public async Task Correct_consumer_builds_without_warnings_and_calls_the_builtin_and_its_own_endpoint()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);

        var build = Log(await consumer.BuildAsync());
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);

        var options = new EmulatorOptions { Administrators = ["administrator", "ops_admin"] };
        await using var emulator = await ImEmulator.StartAsync(options);
        var run = Log(await consumer.RunAsync(emulator.BaseAddress.ToString(), options.SecretKey));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches("builtin: MsgKey=\\S+", run.Output);
        Assert.Contains("custom: ", run.Output, StringComparison.Ordinal);
        Assert.Matches("notice: MsgKey=\\S+", run.Output);
        // The built-in send and the consumer's own send (ImSpec/notice.json, typed with ImCsGen.Im.MsgBodyElement[]).
        Assert.Equal(2, emulator.Stats.Requests("openim/sendmsg"));
        Assert.Equal(1, emulator.Stats.Requests(CustomPath));
        var messages = emulator.State.GetMessages("cs_virtual", "user_42");
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.MsgBodyJson.Contains("Notice through built-in types", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Planted_send_without_sender_fails_the_warnaserror_build_with_IMCS001()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);
        consumer.Edit("Program.cs", "/*SENDER*/FromAccount = \"cs_virtual\",", string.Empty);

        var build = Log(await consumer.BuildAsync());
        Assert.True(build.ExitCode != 0, "the build should fail:\n" + build);
        Assert.Contains("Program.cs(", build.Output, StringComparison.Ordinal);
        Assert.Contains("error IMCS001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifier_not_in_ImCsGenAdminIdentifiers_fails_with_IMCS002_in_code_and_in_appsettings()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);
        // Without the property the default list is just "administrator", so "ops_admin" is not an admin.
        consumer.Edit("Consumer.csproj", "<ImCsGenAdminIdentifiers>administrator;ops_admin</ImCsGenAdminIdentifiers>", string.Empty);

        var build = Log(await consumer.BuildAsync());
        Assert.True(build.ExitCode != 0, "the build should fail:\n" + build);
        var errors = build.Output.Split('\n').Where(l => l.Contains("error IMCS002", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, l => l.Contains("Program.cs(", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("appsettings.json(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consumer_spec_in_the_reserved_namespace_is_rejected_so_builtin_types_are_never_declared_twice()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);
        consumer.Edit("ImSpec/group_recall.json", "\"namespace\": \"Contoso.Im\"", "\"namespace\": \"ImCsGen.Im\"");

        var build = Log(await consumer.BuildAsync(warningsAsErrors: false));
        Assert.True(build.ExitCode != 0, "the build should fail:\n" + build);
        Assert.Contains("group_recall.json(", build.Output, StringComparison.Ordinal);
        Assert.Contains("error IMSPEC022", build.Output, StringComparison.Ordinal);
        // Nothing was generated into ImCsGen.Im, so no duplicate-type errors.
        Assert.DoesNotContain("CS0101", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0436", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_spec_naming_a_builtin_type_that_does_not_exist_fails_with_IMSPEC040_in_the_json_file()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);
        consumer.Edit("ImSpec/notice.json", "\"ImCsGen.Im.OfflinePushInfo\"", "\"ImCsGen.Im.OfflinePushInfos\"");

        var build = Log(await consumer.BuildAsync(warningsAsErrors: false));
        Assert.True(build.ExitCode != 0, "the build should fail:\n" + build);
        var errors = build.Output.Split('\n').Where(l => l.Contains("error IMSPEC040", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, l => Assert.Contains("notice.json(", l, StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("ImCsGen.Im.OfflinePushInfos", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kill_switch_turns_the_generator_off_for_the_consumers_spec()
    {
        var package = await PackageFeed.GetAsync();
        using var consumer = await ConsumerProject.CreateAsync(package);
        consumer.Edit("Consumer.csproj", "<Nullable>enable</Nullable>", "<Nullable>enable</Nullable><DisableImCsGenSourceGenerator>true</DisableImCsGenSourceGenerator>");

        var build = Log(await consumer.BuildAsync(warningsAsErrors: false));
        Assert.True(build.ExitCode != 0, "the build should fail:\n" + build);
        // The consumer's own types are gone; the built-in ones (precompiled in lib/) are still there.
        Assert.Contains("error CS0246: The type or namespace name 'Contoso'", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'ImClient'", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'SendC2CMessageRequest'", build.Output, StringComparison.Ordinal);
    }

    private ProcessResult Log(ProcessResult result)
    {
        output.WriteLine(result.ToString());
        return result;
    }
}
