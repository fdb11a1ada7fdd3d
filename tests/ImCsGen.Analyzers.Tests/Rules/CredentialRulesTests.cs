using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Lifetime = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.UserSigLifetimeAnalyzer>;
using Secret = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SecretKeyLiteralAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Rules;

public class CredentialRulesTests
{
    [Fact]
    public async Task Secret_key_literals_are_reported_in_options_and_usersig_calls()
    {
        await Secret.AnalyzerAsync(
            Secret.Usings + """
            class C
            {
                const string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

                void M()
                {
                    var options = new ImClientOptions { SecretKey = {|#0:"5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"|} };
                    options.SecretKey = {|IMCS010:Key|};
                    _ = UserSig.Generate(1400000000, {|IMCS010:"abc"|}, "administrator", TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
                    _ = UserSig.Generate(1400000000, identifier: "administrator", secretKey: {|IMCS010:Key|}, lifetime: TimeSpan.FromDays(1), now: DateTimeOffset.UtcNow);
                }
            }
            """,
            expected: DiagnosticResult.CompilerWarning("IMCS010").WithLocation(0));
    }

    [Fact]
    public async Task Secret_keys_from_configuration_or_empty_placeholders_are_not_reported()
    {
        await Secret.AnalyzerAsync(Secret.Usings + """
            class C
            {
                void M(IReadOnlyDictionary<string, string> config, string key)
                {
                    var options = new ImClientOptions { SecretKey = config["TencentIm:SecretKey"] };
                    options.SecretKey = Environment.GetEnvironmentVariable("IM_SECRET_KEY");
                    options.SecretKey = "";
                    options.SecretKey = null;
                    _ = UserSig.Generate(1400000000, key, "administrator", TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
                    var other = new Dictionary<string, string> { ["SecretKey"] = "not ours" };
                }
            }
            """);
    }

    [Fact]
    public async Task Usersig_lifetimes_outside_bounds_are_reported()
    {
        await Lifetime.AnalyzerAsync(
            Lifetime.Usings + """
            class C
            {
                void M(string key)
                {
                    var options = new ImClientOptions { UserSigLifetime = {|#0:TimeSpan.FromSeconds(60)|} };
                    options.UserSigLifetime = {|#1:TimeSpan.FromDays(365)|};
                    options.UserSigLifetime = {|IMCS012:new TimeSpan(0, 4, 59)|};
                    options.UserSigLifetime = {|IMCS012:TimeSpan.Zero|};
                    options.UserSigLifetime = {|IMCS012:TimeSpan.FromDays(180) + TimeSpan.FromDays(1)|};
                    _ = UserSig.Generate(1400000000, key, "administrator", {|IMCS012:TimeSpan.FromHours(24 * 181)|}, DateTimeOffset.UtcNow);
                }
            }
            """,
            expected:
            [
                DiagnosticResult.CompilerWarning("IMCS012").WithLocation(0).WithArguments("1 minutes"),
                DiagnosticResult.CompilerWarning("IMCS012").WithLocation(1).WithArguments("365 days"),
            ]);
    }

    [Fact]
    public async Task Usersig_lifetimes_inside_bounds_or_computed_are_not_reported()
    {
        await Lifetime.AnalyzerAsync(Lifetime.Usings + """
            class C
            {
                void M(string key, TimeSpan configured)
                {
                    var options = new ImClientOptions { UserSigLifetime = TimeSpan.FromMinutes(5) };
                    options.UserSigLifetime = TimeSpan.FromDays(180);
                    options.UserSigLifetime = new TimeSpan(1, 0, 0, 0);
                    options.UserSigLifetime = configured;
                    _ = UserSig.Generate(1400000000, key, "administrator", TimeSpan.FromHours(24), DateTimeOffset.UtcNow);
                    TimeSpan unrelated = TimeSpan.FromSeconds(1);
                }
            }
            """);
    }

    [Fact]
    public async Task Usersig_lifetime_in_appsettings_is_checked()
    {
        await Lifetime.AnalyzerAsync(
            Lifetime.Usings + "class C { }",
            additionalFiles:
            [
                ("/app/appsettings.json", """{ "TencentIm": { "UserSigLifetime": "200.00:00:00" } }"""),
                ("/app/appsettings.Development.json", """{ "TencentIm": { "UserSigLifetime": "1.00:00:00" } }"""),
            ],
            expected: DiagnosticResult.CompilerWarning("IMCS012").WithSpan("/app/appsettings.json", 1, 37, 1, 51).WithArguments("200 days"));
    }

    [Fact]
    public async Task Credential_rules_stay_silent_on_generated_code_and_without_the_library()
    {
        const string bad = "class C { object M() => new ImClientOptions { SecretKey = \"k\", UserSigLifetime = TimeSpan.FromDays(999) }; }";
        await Secret.AnalyzerAsync("// <auto-generated/>\n" + Secret.Usings + bad);
        await Lifetime.AnalyzerAsync("// <auto-generated/>\n" + Lifetime.Usings + bad);
        const string lookalike = "namespace ImCsGen { public class ImClientOptions { public string? SecretKey { get; set; } public System.TimeSpan UserSigLifetime { get; set; } } class C { object M() => new ImClientOptions { SecretKey = \"k\", UserSigLifetime = System.TimeSpan.FromDays(999) }; } }";
        await Secret.WithoutLibraryAsync(lookalike);
        await Lifetime.WithoutLibraryAsync(lookalike);
    }
}
