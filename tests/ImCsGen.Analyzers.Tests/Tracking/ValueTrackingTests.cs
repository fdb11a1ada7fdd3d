using System.Threading.Tasks;
using Xunit;
using Admin = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SenderIsAdministratorAnalyzer>;
using Blocking = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.BlockingCallbackHandlerAnalyzer>;
using Count = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ItemCountAnalyzer>;
using Http = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.InlineHttpClientAnalyzer>;
using Length = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.StringLengthAnalyzer>;
using Lifetime = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.UserSigLifetimeAnalyzer>;
using Pattern = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.PatternAnalyzer>;
using Random = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ConstantMessageRandomAnalyzer>;
using Range = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NumericRangeAnalyzer>;
using Required = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.RequiredFieldNullAnalyzer>;
using Same = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SenderEqualsRecipientAnalyzer>;
using Secret = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SecretKeyLiteralAnalyzer>;
using Sender = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.MissingMessageSenderAnalyzer>;
using NonAdmin = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NonAdminIdentifierAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Tracking;

/// <summary>
/// The shapes of issue 15: values written the ordinary ways (static readonly fields, copied locals, aliases,
/// options properties, interpolations), requests built over several statements, the library's helpers, and the
/// user mistakes of the scenario. Each test has the positive and the negative shape side by side.
/// </summary>
public class ValueTrackingTests
{
    [Fact]
    public async Task Admin_sender_is_followed_through_static_readonly_fields_locals_interpolations_and_the_signing_identifier()
    {
        await Admin.AnalyzerAsync(Admin.Usings + """
            class C
            {
                static readonly string Admin = "administrator";
                const string Prefix = "admin";
                static string Ops { get; } = $"{Prefix}istrator";

                void M(ImClientOptions options, string agent)
                {
                    var copy = Admin;
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:Admin|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:copy|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:Ops|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:options.Identifier|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = agent, ToAccount = "c", MsgBody = [] };
                    var changed = Admin;
                    changed = agent;
                    _ = new SendC2CMessageRequest { FromAccount = changed, ToAccount = "c", MsgBody = [] };
                }
            }
            """);
    }

    [Fact]
    public async Task Sender_equal_to_recipient_is_found_through_aliases_and_requests_built_in_several_statements()
    {
        await Same.AnalyzerAsync(Same.Usings + """
            class C
            {
                void M(string agent, string customer)
                {
                    var to = agent;
                    _ = new SendC2CMessageRequest { FromAccount = agent, ToAccount = {|IMCS004:to|}, MsgBody = [] };

                    var request = new SendC2CMessageRequest { ToAccount = null!, MsgBody = [] };
                    request.FromAccount = agent;
                    request.ToAccount = {|IMCS004:agent|};

                    var fine = new SendC2CMessageRequest { ToAccount = null!, MsgBody = [] };
                    fine.FromAccount = agent;
                    fine.ToAccount = customer;
                }
            }
            """);
    }

    [Fact]
    public async Task Required_null_overwritten_by_a_later_statement_is_not_reported_but_a_final_null_is()
    {
        await Required.AnalyzerAsync(Required.Usings + """
            class C
            {
                static readonly string? Nobody = null;

                void M(string customer)
                {
                    var request = new SendC2CMessageRequest { ToAccount = null!, MsgBody = null! };
                    request.ToAccount = customer;
                    request.MsgBody = [new TIMTextElem { Text = "hi" }];

                    var broken = new SendC2CMessageRequest { ToAccount = customer, MsgBody = [] };
                    broken.ToAccount = {|IMCS009:Nobody|}!;
                }
            }
            """);
    }

    [Fact]
    public async Task Empty_collections_created_by_any_means_are_reported_where_an_item_is_required()
    {
        await Count.AnalyzerAsync(Count.Usings + """
            using System.Linq;
            class C
            {
                void M(List<MsgBodyElement> filled)
                {
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = new List<MsgBodyElement>() }; // may be filled through the property
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:Array.Empty<MsgBodyElement>()|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:new MsgBodyElement[] { }|} };
                    var empty = new MsgBodyElement[0];
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:empty|} };

                    var later = new List<MsgBodyElement>();
                    later.Add(new TIMTextElem { Text = "hi" });
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = later };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = filled };
                }
            }
            """);
    }

    [Fact]
    public async Task Length_and_pattern_rules_check_every_item_of_a_string_list_and_tracked_constants()
    {
        await Length.AnalyzerAsync(Length.Usings + """
            class C
            {
                static readonly string TooLong = "0123456789012345678901234567890123";

                void M(string customer)
                {
                    _ = new BatchSendC2CMessageRequest { ToAccount = [customer, {|IMCS005:TooLong|}, {|IMCS005:""|}], MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS005:$"{TooLong}"|}, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = customer, MsgBody = [] };
                }
            }
            """);
        await Pattern.AnalyzerAsync(Pattern.Usings + """
            class C
            {
                static readonly string Avatar = "ftp://example.com/a.png";
                void M() => _ = new ImportAccountRequest { UserId = "u", FaceUrl = {|IMCS008:Avatar|} };
                void N() => _ = new ImportAccountRequest { UserId = "u", FaceUrl = "https://example.com/a.png" };
            }
            """);
    }

    [Fact]
    public async Task Numbers_randoms_lifetimes_and_keys_are_followed_through_fields_and_locals()
    {
        await Range.AnalyzerAsync(Range.Usings + """
            class C
            {
                static readonly int Week = 7 * 86400;
                void M()
                {
                    var lifetime = Week + 1;
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|IMCS006:lifetime|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = Week };
                }
            }
            """);
        await Random.AnalyzerAsync(Random.Usings + """
            class C
            {
                static readonly uint Fixed = 42;
                void M() => _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = {|IMCS011:Fixed|} };
                void N(uint fresh) => _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = fresh };
            }
            """);
        await Lifetime.AnalyzerAsync(Lifetime.Usings + """
            class C
            {
                static readonly TimeSpan Year = TimeSpan.FromDays(365);
                static readonly TimeSpan Day = TimeSpan.FromDays(1);
                void M(string key)
                {
                    var options = new ImClientOptions { UserSigLifetime = {|IMCS012:Year|} };
                    options.UserSigLifetime = Day;
                    var shortOne = TimeSpan.FromMinutes(1);
                    _ = UserSig.Generate(1400000000, key, "administrator", {|IMCS012:shortOne|}, DateTimeOffset.UtcNow);
                }
            }
            """);
        await Secret.AnalyzerAsync(Secret.Usings + """
            class C
            {
                static readonly string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
                void M(string fromConfig)
                {
                    var key = Key;
                    _ = new ImClientOptions { SecretKey = {|IMCS010:key|} };
                    _ = new ImClientOptions { SecretKey = fromConfig };
                }
            }
            """);
    }

    [Fact]
    public async Task Helper_parameters_with_roles_are_checked_like_request_properties()
    {
        await Sender.AnalyzerAsync(Sender.Usings + """
            using ImCsGen.CustomerService;
            class C
            {
                Task M(CustomerServiceProvisioner cs, string agent, string customer) =>
                    Task.WhenAll(
                        cs.SendAsync({|IMCS001:""|}, customer, CustomerServiceElements.Text("hi")),
                        cs.SendAsync(agent, customer, CustomerServiceElements.Text("hi")));
            }
            """);
        await Same.AnalyzerAsync(Same.Usings + """
            using ImCsGen.CustomerService;
            class C
            {
                Task M(CustomerServiceProvisioner cs, string agent, string customer)
                {
                    var self = agent;
                    return Task.WhenAll(
                        cs.StartConsultationAsync({|IMCS004:self|}, agent, "hello"),
                        cs.StartConsultationAsync(customer, agent, "hello"));
                }
            }
            """);
        await Length.AnalyzerAsync(Length.Usings + """
            using ImCsGen.CustomerService;
            class C
            {
                Task M(CustomerServiceProvisioner cs) => cs.EnsureCustomerAsync({|IMCS005:"0123456789012345678901234567890123"|});
                Task N(CustomerServiceProvisioner cs) => cs.EnsureCustomerAsync("customer_1");
            }
            """);
        await NonAdmin.AnalyzerAsync(NonAdmin.Usings + """
            using ImCsGen.CustomerService;
            class C
            {
                Task M(CustomerServiceProvisioner cs, VirtualAccount account) => cs.ProvisionAsync({|IMCS002:"kefu_01"|}, account);
                Task N(CustomerServiceProvisioner cs, VirtualAccount account) => cs.ProvisionAsync("administrator", account);
            }
            """);
    }

    [Fact]
    public async Task HttpClient_held_in_a_local_and_passed_on_is_reported_but_a_static_field_is_not()
    {
        await Http.AnalyzerAsync(Http.Usings + """
            class C
            {
                static readonly HttpClient Shared = new HttpClient();
                object M(ImClientOptions options)
                {
                    var http = new HttpClient();
                    return new ImHttpTransport({|IMCS014:http|}, options);
                }
                object N(ImClientOptions options) => new ImHttpTransport(Shared, options);
                object O(ImClientOptions options, HttpClient injected) => new ImHttpTransport(injected, options);
            }
            """);
    }

    [Fact]
    public async Task Appsettings_numbers_are_read_as_the_configuration_binder_reads_them()
    {
        // TimeSpan.Parse("86400") is 86400 days: the number most people mean as seconds.
        await Lifetime.AnalyzerAsync(
            Lifetime.Usings + "class C { }",
            additionalFiles: [("/appsettings.json", "{ \"TencentIm\": { \"UserSigLifetime\": 86400 } }")],
            expected: Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("IMCS012").WithSpan("/appsettings.json", 1, 37, 1, 42).WithArguments("86400 days"));
        await Lifetime.AnalyzerAsync(
            Lifetime.Usings + "class C { }",
            additionalFiles: [("/appsettings.json", "{ \"TencentIm\": { \"UserSigLifetime\": 30 } }")]);
        await NonAdmin.AnalyzerAsync(
            NonAdmin.Usings + "class C { }",
            additionalFiles: [("/appsettings.Production.json", "{ \"TencentIm\": { \"Identifier\": 10001 } }")],
            expected: Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("IMCS002").WithSpan("/appsettings.Production.json", 1, 32, 1, 37).WithArguments("10001", "administrator"));
    }

    [Fact]
    public async Task Blocking_calls_in_callback_handlers_are_reported_and_awaits_are_not()
    {
        await Blocking.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using ImCsGen.AspNetCore;

            // Same full names and shape as ImCsGen.AspNetCore's builder (that assembly needs the ASP.NET Core pack).
            namespace ImCsGen.AspNetCore
            {
                public sealed class Payload { }
                public sealed class ImCallbackBuilder
                {
                    public ImCallbackBuilder On<T>(Func<T, object, CancellationToken, ValueTask> handler) => this;
                }
            }

            class C
            {
                static Task<bool> CheckAsync(CancellationToken ct) => Task.FromResult(true);

                void M(ImCallbackBuilder builder)
                {
                    builder.On<Payload>((payload, context, ct) =>
                    {
                        bool ok = {|IMCS015:CheckAsync(ct).Result|};
                        {|IMCS015:Thread.Sleep(10)|};
                        string text = {|IMCS015:File.ReadAllText("x")|};
                        {|IMCS015:CheckAsync(ct).GetAwaiter().GetResult()|};
                        _ = Task.Run(() => Thread.Sleep(10)); // runs elsewhere: not the handler's thread
                        return ValueTask.CompletedTask;
                    });
                    builder.On<Payload>(async (payload, context, ct) =>
                    {
                        bool ok = await CheckAsync(ct);
                        string text = await File.ReadAllTextAsync("x", ct);
                    });
                }
            }
            """);
    }
}
