using System;
using System.IO;
using System.Threading.Tasks;
using CustomerServiceDemo;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_plays_the_whole_scenario_and_prints_the_record_and_transcript()
    {
        using var output = new StringWriter();
        var exit = await DemoRunner.RunAsync(DemoOptions.Parse(Array.Empty<string>(), null), output);
        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("Tag_Profile_IM_Nick = Shop Service", text, StringComparison.Ordinal);
        Assert.Contains("pinned at the top of customer_1001's conversation list", text, StringComparison.Ordinal);
        Assert.Contains("[menu src 15] Hot questions: Where is my order?", text, StringComparison.Ordinal);
        Assert.Contains("Orders ship within 24 hours", text, StringComparison.Ordinal);
        Assert.Contains("routing: skill group After-sales -> agent Bob <bob@shop.example>", text, StringComparison.Ordinal);
        Assert.Contains("[session end src 19]", text, StringComparison.Ordinal);
        Assert.Contains("[satisfaction request src 9]", text, StringComparison.Ordinal);
        Assert.Contains("Service record", text, StringComparison.Ordinal);
        Assert.Contains("started by    Backend", text, StringComparison.Ordinal);
        Assert.Contains("skill group   after-sales (After-sales)", text, StringComparison.Ordinal);
        Assert.Contains("agent         bob@shop.example", text, StringComparison.Ordinal);
        Assert.Contains("end status    1 (normal)", text, StringComparison.Ordinal);
        Assert.Contains("satisfaction  105 Very satisfied", text, StringComparison.Ordinal);
        Assert.Contains("Transcript", text, StringComparison.Ordinal);
        Assert.Contains("[satisfaction-answer] 105 Very satisfied", text, StringComparison.Ordinal);

        // The transcript follows the scenario's order.
        var order = new[] { "backend @customer_service_account", "[menu]", "user    customer_1001              Where is my order?", "agent   bob@shop.example", "[session-end]", "[satisfaction-answer]" };
        var at = 0;
        foreach (var step in order)
        {
            var next = text.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(next >= 0, "missing or out of order: " + step + "\n" + text);
            at = next;
        }
    }

    [Fact]
    public async Task With_an_endpoint_the_demo_runs_the_real_app_part_through_the_generated_client_only()
    {
        // A separate emulator stands in for a real App reached over its endpoint: no in-process shortcuts.
        await using var app = await ImEmulator.StartAsync(new EmulatorOptions { SdkAppId = 1400012345, Administrators = new[] { "ops" }, SecretKey = "real-app-key-for-the-test" });
        var options = DemoOptions.Parse(new[] { "--endpoint", app.BaseAddress.ToString(), "--sdkappid", "1400012345", "--identifier", "ops", "--customer", "buyer_9" }, "real-app-key-for-the-test");
        using var output = new StringWriter();
        var exit = await DemoRunner.RunAsync(options, output);
        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("(agents answer from the TCCC workbench", text, StringComparison.Ordinal);
        Assert.DoesNotContain("real-app-key-for-the-test", text, StringComparison.Ordinal);
        var session = Assert.Single(app.Desk.GetSessions());
        Assert.Equal("buyer_9", session.User);
        Assert.Equal("bob@shop.example", session.RoutedAgentId);
    }

    [Fact]
    public async Task A_wrong_key_for_a_real_app_fails_cleanly_with_exit_code_1()
    {
        await using var app = await ImEmulator.StartAsync(new EmulatorOptions { Administrators = new[] { "ops" } });
        var options = DemoOptions.Parse(new[] { "--endpoint", app.BaseAddress.ToString(), "--sdkappid", app.Options.SdkAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--identifier", "ops" }, "not-the-key");
        using var output = new StringWriter();
        Assert.Equal(1, await DemoRunner.RunAsync(options, output));
        Assert.Contains("70009", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--endpoint", "https://adminapisgp.im.qcloud.com" }, "--sdkappid")]
    [InlineData(new[] { "--endpoint", "https://adminapisgp.im.qcloud.com", "--sdkappid", "1400000000", "--identifier", "admin" }, "IMCSGEN_SECRET_KEY")]
    [InlineData(new[] { "--sdkappid", "abc" }, "--sdkappid")]
    [InlineData(new[] { "--bogus" }, "--bogus")]
    public void Bad_options_are_refused_with_a_message_naming_the_option(string[] args, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(args, null));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_app_takes_the_key_from_the_environment_value()
    {
        var options = DemoOptions.Parse(new[] { "--endpoint", "https://adminapisgp.im.qcloud.com", "--sdkappid", "1400000000", "--identifier", "admin" }, "the-key");
        Assert.Equal("the-key", options.SecretKey);
        Assert.Equal(1400000000, options.SdkAppId);
    }
}
