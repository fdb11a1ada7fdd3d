using System;
using ImCsGen.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImCsGen.AspNetCore.Tests;

/// <summary>A bad callback option stops start-up with its name and rule, before any callback arrives.</summary>
public sealed class CallbackOptionsTests
{
    [Theory]
    [InlineData("MaxBodyBytes")]
    [InlineData("BeforeCallbackBudget")]
    [InlineData("BeforeCallbackBudgetOverTencentsWait")]
    [InlineData("DuplicateWindow")]
    [InlineData("InProgressTimeout")]
    public void An_option_out_of_range_is_named_at_registration(string option)
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<InvalidOperationException>(() => services.AddTencentImCallbacks(o =>
        {
            o.Verification.SdkAppId = 1400000000;
            o.Verification.Tokens.Add("callback-token");
            switch (option)
            {
                case "MaxBodyBytes": o.MaxBodyBytes = 0; break;
                case "BeforeCallbackBudget": o.BeforeCallbackBudget = TimeSpan.Zero; break;
                case "BeforeCallbackBudgetOverTencentsWait": o.BeforeCallbackBudget = TimeSpan.FromSeconds(2); break;
                case "DuplicateWindow": o.DuplicateWindow = TimeSpan.Zero; break;
                case "InProgressTimeout": o.InProgressTimeout = TimeSpan.FromSeconds(-1); break;
            }
        }));
        Assert.StartsWith(option.Replace("OverTencentsWait", string.Empty, StringComparison.Ordinal) + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_pass()
    {
        var options = new ImCallbackOptions();
        options.Verification.SdkAppId = 1400000000;
        options.Verification.Tokens.Add("callback-token");
        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(30), options.InProgressTimeout);
    }
}
