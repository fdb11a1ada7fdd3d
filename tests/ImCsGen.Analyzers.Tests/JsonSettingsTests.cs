using System.Linq;
using ImCsGen.Analyzers.Infrastructure;
using Xunit;

namespace ImCsGen.Analyzers.Tests;

/// <summary>The tolerant appsettings reader behind IMCS002 and IMCS012.</summary>
public class JsonSettingsTests
{
    [Fact]
    public void Nested_and_flat_keys_are_found_case_insensitively_with_exact_spans()
    {
        const string text = "{ \"tencentim\": { \"IDENTIFIER\": \"a\\u0062c\" }, \"TencentIm:UserSigLifetime\": \"1.00:00:00\" }";
        var settings = JsonSettings.Read(text);

        Assert.True(JsonSettings.TryFind(settings, "TencentIm:Identifier", out JsonSetting identifier));
        Assert.Equal("abc", identifier.StringValue);
        Assert.Equal("\"a\\u0062c\"", text.Substring(identifier.Span.Start, identifier.Span.Length));

        Assert.True(JsonSettings.TryFind(settings, "TencentIm:UserSigLifetime", out JsonSetting lifetime));
        Assert.Equal("1.00:00:00", lifetime.StringValue);
    }

    [Fact]
    public void Comments_trailing_commas_arrays_and_numbers_are_accepted_and_the_last_value_wins()
    {
        const string text = """
            // leading comment
            {
              "A": [1, { "B": true }, "x",],
              /* block */ "TencentIm": { "SdkAppId": 1400000000, "Identifier": "first", },
              "TencentIm": { "Identifier": "second" },
            }
            """;
        var settings = JsonSettings.Read(text);
        Assert.Contains(settings, s => s.Key == "A:1:B" && s.StringValue == "true"); // numbers and booleans: their text, as the binder reads them
        Assert.Contains(settings, s => s.Key == "A:2" && s.StringValue == "x");
        Assert.Contains(settings, s => s.Key == "TencentIm:SdkAppId" && s.StringValue == "1400000000" && text.Substring(s.Span.Start, s.Span.Length) == "1400000000");
        Assert.True(JsonSettings.TryFind(settings, "TencentIm:Identifier", out JsonSetting identifier));
        Assert.Equal("second", identifier.StringValue);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{ \"TencentIm\": { \"Identifier\": \"unterminated }")]
    [InlineData("{ \"TencentIm\" \"Identifier\" }")]
    [InlineData("[1, 2")]
    public void Malformed_json_never_throws_and_keeps_what_was_read(string text)
    {
        var settings = JsonSettings.Read(text);
        Assert.DoesNotContain(settings, s => s.Key == "TencentIm:Identifier");
    }

    [Fact]
    public void Keeps_values_read_before_a_syntax_error()
    {
        var settings = JsonSettings.Read("{ \"TencentIm\": { \"Identifier\": \"agent\" }, oops }");
        Assert.Equal("agent", settings.Single(s => s.Key == "TencentIm:Identifier").StringValue);
    }

    [Theory]
    [InlineData("/app/appsettings.json", true)]
    [InlineData("/app/appsettings.Production.json", true)]
    [InlineData("C:\\app\\AppSettings.Development.JSON", true)]
    [InlineData("/app/settings.json", false)]
    [InlineData("/app/appsettings.json.bak", false)]
    public void Only_appsettings_files_are_read(string path, bool expected) =>
        Assert.Equal(expected, JsonSettings.IsAppSettingsFile(path));
}
