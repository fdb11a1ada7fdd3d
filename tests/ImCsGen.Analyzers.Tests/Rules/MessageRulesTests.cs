using System.Threading.Tasks;
using ImCsGen.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Custom = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.DuplicateCustomElementAnalyzer>;
using Http = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.InlineHttpClientAnalyzer>;
using Random = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ConstantMessageRandomAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Rules;

public class MessageRulesTests
{
    [Fact]
    public async Task Constant_msg_random_is_reported()
    {
        await Random.AnalyzerAsync(
            Random.Usings + """
            class C
            {
                void M()
                {
                    var r = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = {|#0:12345|} };
                    r.MsgRandom = {|IMCS011:0|};
                    _ = new ImportC2CMessageRequest { FromAccount = "a", ToAccount = "b", MsgRandom = {|IMCS011:7|}, MsgBody = [] };
                }
            }
            """,
            expected: DiagnosticResult.CompilerWarning("IMCS011").WithLocation(0).WithArguments("MsgRandom", "12345"));
    }

    [Fact]
    public async Task Random_or_unset_msg_random_is_not_reported()
    {
        await Random.AnalyzerAsync(Random.Usings + """
            class C
            {
                void M(uint fromCaller)
                {
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = (uint)System.Random.Shared.Next() };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = fromCaller, MsgLifeTime = 5 };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = null };
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_removes_the_constant_random_from_initializer_and_statement()
    {
        await Random.FixAsync<RemoveConstantMessageRandomCodeFix>(
            Random.Usings + """
            class C
            {
                void M()
                {
                    var r = new SendC2CMessageRequest
                    {
                        ToAccount = "c",
                        MsgRandom = {|IMCS011:42|},
                        MsgBody = [],
                    };
                    r.MsgRandom = {|IMCS011:1|};
                    r.ToAccount = "d";
                }
            }
            """,
            Random.Usings + """
            class C
            {
                void M()
                {
                    var r = new SendC2CMessageRequest
                    {
                        ToAccount = "c",
                        MsgBody = [],
                    };
                    r.ToAccount = "d";
                }
            }
            """);
    }

    [Fact]
    public async Task Second_custom_element_is_reported_in_every_collection_form()
    {
        await Custom.AnalyzerAsync(
            Custom.Usings + """
            class C
            {
                void M()
                {
                    _ = new SendC2CMessageRequest
                    {
                        ToAccount = "c",
                        MsgBody = [new TIMCustomElem { Data = "a" }, new TIMTextElem { Text = "t" }, {|#0:new TIMCustomElem { Data = "b" }|}],
                    };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = new List<MsgBodyElement> { new TIMCustomElem(), {|IMCS013:new TIMCustomElem()|}, {|IMCS013:new TIMCustomElem()|} } };
                    var r = new BatchSendC2CMessageRequest { ToAccount = ["c"], MsgBody = [] };
                    r.MsgBody = new MsgBodyElement[] { new TIMCustomElem(), {|IMCS013:new TIMCustomElem()|} };
                }
            }
            """,
            expected: DiagnosticResult.CompilerError("IMCS013").WithLocation(0));
    }

    [Fact]
    public async Task One_custom_element_per_body_is_not_reported()
    {
        await Custom.AnalyzerAsync(Custom.Usings + """
            class C
            {
                void M(TIMCustomElem existing)
                {
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [new TIMCustomElem { Data = "a" }, new TIMTextElem { Text = "t" }] };
                    _ = new SendC2CMessageRequest { ToAccount = "d", MsgBody = [new TIMCustomElem { Data = "b" }] };
                    var notABody = new List<MsgBodyElement> { new TIMCustomElem(), new TIMCustomElem() };
                }
            }
            """);
    }

    [Fact]
    public async Task New_http_client_passed_inline_is_reported()
    {
        await Http.AnalyzerAsync(
            Http.Usings + """
            class C
            {
                object M(ImClientOptions options) => new ImHttpTransport({|#0:new HttpClient()|}, options);
                object N(ImClientOptions options) => new ImHttpTransport({|IMCS014:new HttpClient(new HttpClientHandler())|}, options);
            }
            """,
            expected: DiagnosticResult.CompilerWarning("IMCS014").WithLocation(0).WithArguments("ImHttpTransport"));
    }

    [Fact]
    public async Task A_helper_of_the_project_itself_in_an_ImCsGen_namespace_is_not_reported()
    {
        // The AOT smoke project is namespace ImCsGen.AotSmoke and posts to its own Kestrel host with one HttpClient.
        await Http.AnalyzerAsync(Http.Usings + """
            namespace ImCsGen.AotSmoke
            {
                static class Smoke
                {
                    static void Post(HttpClient http) { }
                    static void Run()
                    {
                        using var http = new HttpClient();
                        Post(http);
                        Post(new HttpClient());
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_moves_the_client_into_a_shared_static_field()
    {
        await Http.FixAsync<UseSharedHttpClientCodeFix>(
            Http.Usings + """
            class C
            {
                private readonly int SharedHttpClient = 1;

                object M(ImClientOptions options) => new ImHttpTransport({|IMCS014:new HttpClient()|}, options);
            }
            """,
            Http.Usings + """
            class C
            {
                private static readonly HttpClient SharedHttpClient2 = new HttpClient();
                private readonly int SharedHttpClient = 1;

                object M(ImClientOptions options) => new ImHttpTransport(SharedHttpClient2, options);
            }
            """);
    }

    [Fact]
    public async Task Shared_http_client_or_factory_is_not_reported()
    {
        await Http.AnalyzerAsync(Http.Usings + """
            class C
            {
                static readonly HttpClient Shared = new HttpClient();
                object M(ImClientOptions options) => new ImHttpTransport(Shared, options);
                object N(IHttpClientFactoryLike factory, ImClientOptions options) => new ImHttpTransport(factory.CreateClient("im"), options);
                static void Use(HttpClient client) { }
                void O() => Use(new HttpClient());
            }

            interface IHttpClientFactoryLike { HttpClient CreateClient(string name); }
            """);
    }

    [Fact]
    public async Task Message_rules_stay_silent_on_generated_code_and_without_the_library()
    {
        const string bad = "class C { object M() => new SendC2CMessageRequest { ToAccount = \"c\", MsgRandom = 1, MsgBody = [new TIMCustomElem(), new TIMCustomElem()] }; object N(ImClientOptions o) => new ImHttpTransport(new HttpClient(), o); }";
        await Random.AnalyzerAsync("// <auto-generated/>\n" + Random.Usings + bad);
        await Custom.AnalyzerAsync("// <auto-generated/>\n" + Custom.Usings + bad);
        await Http.AnalyzerAsync("// <auto-generated/>\n" + Http.Usings + bad);
        await Http.WithoutLibraryAsync("namespace ImCsGen.Transport { public class ImHttpTransport { public ImHttpTransport(System.Net.Http.HttpClient c) { } } class C { object M() => new ImHttpTransport(new System.Net.Http.HttpClient()); } }");
    }
}
