using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CustomerServiceDemo;
using ImCsGen.Emulator.Desk;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The demo's agent side over TCCC's API: provisioning, then the record, satisfaction and transcript read back.</summary>
public sealed class TcccDemoTests
{
    [Fact]
    public async Task The_demo_provisions_the_agent_through_tccc_and_reads_the_record_back_through_it()
    {
        using var output = new StringWriter();
        var exit = await DemoRunner.RunAsync(DemoOptions.Parse(Array.Empty<string>(), null), output);
        var text = output.ToString();
        Assert.True(exit == 0, text);

        // The desk starts without Bob: only CreateStaff + SetStaffStatus let the refund request reach him.
        Assert.Contains("CCC skill group \"After-sales\" exists (SkillGroupId 2)", text, StringComparison.Ordinal);
        Assert.Contains("CreateStaff Bob <bob@shop.example> in \"After-sales\"", text, StringComparison.Ordinal);
        Assert.Contains("SetStaffStatus offline -> free", text, StringComparison.Ordinal);
        Assert.Contains("routing: skill group After-sales -> agent Bob <bob@shop.example>", text, StringComparison.Ordinal);

        var tccc = text.Substring(text.IndexOf("Through the TCCC API", StringComparison.Ordinal));
        Assert.Contains("EndStatus     1 (normal)", tccc, StringComparison.Ordinal);
        Assert.Contains("SkillGroup    2 (After-sales)", tccc, StringComparison.Ordinal);
        Assert.Contains("StaffId       bob@shop.example", tccc, StringComparison.Ordinal);
        Assert.Contains("Satisfaction  105 Very satisfied", tccc, StringComparison.Ordinal);
        Assert.Contains("bob@shop.example           Hello Lin, I am sorry about the damaged parcel.", tccc, StringComparison.Ordinal);
        Assert.Contains("[satisfaction-answer] 105 Very satisfied", tccc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_tccc_secret_id_the_demo_signs_with_the_key_from_the_environment_against_the_given_account()
    {
        // One emulator stands in for a real App and a real TCCC account, reached only over HTTP.
        await using var real = await ImEmulator.StartAsync(new EmulatorOptions { SdkAppId = 1400012345, Administrators = new[] { "ops" }, SecretKey = "real-app-key-for-the-test" });
        var args = new[]
        {
            "--endpoint", real.BaseAddress.ToString(), "--sdkappid", "1400012345", "--identifier", "ops", "--customer", "buyer_9",
            "--tccc-secret-id", real.Options.Tccc.SecretId, "--tccc-endpoint", real.BaseAddress.ToString(), "--tccc-agent", "dana@shop.example",
        };
        var options = DemoOptions.Parse(args, "real-app-key-for-the-test", real.Options.Tccc.SecretKey);
        using var output = new StringWriter();
        var exit = await DemoRunner.RunAsync(options, output);
        var text = output.ToString();

        Assert.True(exit == 0, text);
        Assert.DoesNotContain(real.Options.Tccc.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("real-app-key-for-the-test", text, StringComparison.Ordinal);
        Assert.Contains("CreateStaff Dana <dana@shop.example>", text, StringComparison.Ordinal);
        var dana = real.Desk.GetAgents().Single(a => a.Id == "dana@shop.example");
        Assert.Equal(AgentStatus.Free, dana.Status);
        Assert.Contains("after-sales", dana.SkillGroups);

        // The session is still open (agents answer from the workbench), so TCCC has no finished record yet.
        Assert.Contains("no finished session record yet for buyer_9", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_tccc_key_fails_cleanly_with_tencents_code()
    {
        await using var real = await ImEmulator.StartAsync(new EmulatorOptions { Administrators = new[] { "ops" } });
        var args = new[] { "--endpoint", real.BaseAddress.ToString(), "--sdkappid", real.Options.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--identifier", "ops", "--tccc-secret-id", real.Options.Tccc.SecretId, "--tccc-endpoint", real.BaseAddress.ToString() };
        using var output = new StringWriter();
        Assert.Equal(1, await DemoRunner.RunAsync(DemoOptions.Parse(args, real.Options.SecretKey, "wrong-tccc-key"), output));
        Assert.Contains("AuthFailure.SignatureFailure", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-tccc-key", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--tccc-secret-id", "AKIDx" }, null, "--endpoint")]
    [InlineData(new[] { "--endpoint", "https://adminapisgp.im.qcloud.com", "--sdkappid", "1400000000", "--identifier", "admin", "--tccc-secret-id", "AKIDx" }, null, "IMCSGEN_TCCC_SECRET_KEY")]
    [InlineData(new[] { "--tccc-sdkappid", "0" }, "k", "--tccc-sdkappid")]
    [InlineData(new[] { "--tccc-endpoint", "https://ccc.tencentcloudapi.com/" }, "k", "--tccc-secret-id")]
    public void Tccc_options_are_checked_and_name_the_option(string[] args, string? tcccKey, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(args, "im-key", tcccKey));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
