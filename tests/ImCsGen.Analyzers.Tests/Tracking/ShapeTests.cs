using System.Threading.Tasks;
using Xunit;
using Admin = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SenderIsAdministratorAnalyzer>;
using Blocking = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.BlockingCallbackHandlerAnalyzer>;
using Count = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ItemCountAnalyzer>;
using Custom = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.DuplicateCustomElementAnalyzer>;
using Http = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.InlineHttpClientAnalyzer>;
using Length = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.StringLengthAnalyzer>;
using Lifetime = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.UserSigLifetimeAnalyzer>;
using NonAdmin = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NonAdminIdentifierAnalyzer>;
using Pattern = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.PatternAnalyzer>;
using Random = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ConstantMessageRandomAnalyzer>;
using Range = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NumericRangeAnalyzer>;
using Required = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.RequiredFieldNullAnalyzer>;
using Same = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SenderEqualsRecipientAnalyzer>;
using Secret = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.SecretKeyLiteralAnalyzer>;
using Sender = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.MissingMessageSenderAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Tracking;

/// <summary>
/// The "Shapes followed" and "Shapes not followed" sections of docs/diagnostics/IMCSnnn.md, one test per page:
/// every shape a page says is followed is marked here and must be reported; every shape it says is not followed
/// is written here unmarked and must stay silent (so a page cannot claim more, or less, than the tracker does).
/// </summary>
public class ShapeTests
{
    private const string BuiltIn = """
        using System.Threading;
        using System.Threading.Tasks;
        using ImCsGen.Im;

        """;

    [Fact]
    public async Task IMCS001_shapes()
    {
        await Sender.AnalyzerAsync(Sender.Usings + """
            class C
            {
                static readonly string? Nobody = null;
                const string Blank = " ";

                async Task M(ContosoClient client, string? maybe, string agent)
                {
                    // Followed: missing (inline, or a local only read then sent), blank constants through fields and locals.
                    await client.SendC2CMessageAsync(new {|IMCS001:SendC2CMessageRequest|} { ToAccount = "c", MsgBody = [] });
                    var held = new {|IMCS001:SendC2CMessageRequest|} { ToAccount = "c", MsgBody = [] };
                    held.MsgLifeTime = 60;
                    await client.SendC2CMessageAsync(held);
                    var blank = Blank;
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS001:Nobody|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS001:string.Empty|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS001:blank|}, ToAccount = "c", MsgBody = [] };

                    // Not followed: a parameter (the caller's value), a request handed to other code, set in a later statement.
                    _ = new SendC2CMessageRequest { FromAccount = maybe, ToAccount = "c", MsgBody = [] };
                    var handed = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [] };
                    Log(handed);
                    await client.SendC2CMessageAsync(handed);
                    var later = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [] };
                    later.FromAccount = agent;
                    await client.SendC2CMessageAsync(later);
                    await client.SendC2CMessageAsync(Build());
                }

                static void Log(SendC2CMessageRequest request) { }

                static SendC2CMessageRequest Build() => new SendC2CMessageRequest { ToAccount = "c", MsgBody = [] };
            }
            """);

        // The sub-clients and the transport send like the client does.
        await Sender.AnalyzerAsync(BuiltIn + """
            class C
            {
                async Task M(ImClient client, string customer, CancellationToken ct)
                {
                    await client.C2CMessage.SendC2CMessageAsync(new {|IMCS001:SendC2CMessageRequest|} { ToAccount = customer, MsgBody = [new TIMTextElem { Text = "hi" }] });
                    var request = new {|IMCS001:SendC2CMessageRequest|} { ToAccount = customer, MsgBody = [new TIMTextElem { Text = "hi" }] };
                    await client.Transport.SendAsync<SendC2CMessageRequest, SendC2CMessageResponse>(request, ct);
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS002_shapes()
    {
        await NonAdmin.AnalyzerAsync(NonAdmin.Usings + """
            using ImCsGen.CustomerService;
            class C
            {
                static readonly string Agent = "kefu_01";
                const string Team = "kefu";
                static string Configured => "administrator";

                void M(ImClientOptions options, string fromConfig, CustomerServiceProvisioner cs, VirtualAccount account)
                {
                    // Followed: constants through static readonly fields, interpolations and written-once locals; the helper's role.
                    options.Identifier = {|IMCS002:Agent|};
                    var copy = $"{Team}_02";
                    options.Identifier = {|IMCS002:copy|};
                    _ = new ImClientOptions { Identifier = {|IMCS002:Team + "_03"|} };
                    _ = cs.ProvisionAsync({|IMCS002:Agent|}, account);

                    // Not followed: run-time values (parameters, a property without initializer), reassigned locals.
                    options.Identifier = fromConfig;
                    options.Identifier = Configured;
                    var changing = "kefu_04";
                    changing = fromConfig;
                    options.Identifier = changing;
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS003_shapes()
    {
        await Admin.AnalyzerAsync(Admin.Usings + """
            class C
            {
                static readonly string Ops = "administrator";
                string _instance = "administrator";

                void M(ImClientOptions options, string agent)
                {
                    // Followed: constants, static readonly, locals, the signing identifier and a copy of it.
                    var signer = options.Identifier;
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:Ops|}, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = {|IMCS003:signer|}, ToAccount = "c", MsgBody = [] };
                    var request = new BatchSendC2CMessageRequest { ToAccount = ["c"], MsgBody = [] };
                    request.FromAccount = {|IMCS003:options.Identifier|};

                    // Not followed: instance fields and parameters (they may hold anything at run time).
                    _ = new SendC2CMessageRequest { FromAccount = _instance, ToAccount = "c", MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = agent, ToAccount = "c", MsgBody = [] };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS004_shapes()
    {
        await Same.AnalyzerAsync(Same.Usings + """
            class C
            {
                static readonly string Agent = "agent_1";
                readonly string _agent = "agent_1";

                void M(ImClientOptions options, string agent, string customer)
                {
                    // Followed: constants (also through fields), the same parameter, aliases, the options identifier,
                    // list items, requests finished in later statements.
                    _ = new SendC2CMessageRequest { FromAccount = Agent, ToAccount = {|IMCS004:"agent_1"|}, MsgBody = [] };
                    var alias = agent;
                    _ = new SendC2CMessageRequest { FromAccount = alias, ToAccount = {|IMCS004:agent|}, MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = options.Identifier, ToAccount = {|IMCS004:options.Identifier|}, MsgBody = [] };
                    _ = new BatchSendC2CMessageRequest { FromAccount = agent, ToAccount = [customer, {|IMCS004:alias|}], MsgBody = [] };
                    var later = new SendC2CMessageRequest { FromAccount = agent, ToAccount = customer, MsgBody = [] };
                    later.ToAccount = {|IMCS004:agent|};
                    var branched = new SendC2CMessageRequest { FromAccount = agent, ToAccount = customer, MsgBody = [] };
                    if (customer.Length > 3) branched.ToAccount = customer; else branched.ToAccount = {|IMCS004:alias|};
                    var fixedLater = new SendC2CMessageRequest { FromAccount = agent, ToAccount = agent, MsgBody = [] };
                    fixedLater.ToAccount = customer;

                    // Not followed: instance fields, method results, reassigned locals.
                    _ = new SendC2CMessageRequest { FromAccount = _agent, ToAccount = _agent, MsgBody = [] };
                    _ = new SendC2CMessageRequest { FromAccount = Pick(), ToAccount = Pick(), MsgBody = [] };
                    var moved = agent;
                    moved = customer;
                    _ = new SendC2CMessageRequest { FromAccount = agent, ToAccount = moved, MsgBody = [] };
                }

                static string Pick() => "agent_1";
            }
            """);
    }

    [Fact]
    public async Task IMCS005_shapes()
    {
        await Length.AnalyzerAsync(Length.Usings + """
            class C
            {
                const string Base = "0123456789012345678901234567890";
                static readonly string Long = Base + "123";

                void M(string customer)
                {
                    // Followed: constants through fields, concatenations, interpolations, locals and every list item.
                    var copy = Long;
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS005:Long|}, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS005:$"{Base}-xy"|}, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS005:copy|}, MsgBody = [] };
                    var list = new[] { customer, {|IMCS005:Long|} };
                    _ = new BatchSendC2CMessageRequest { ToAccount = list, MsgBody = [] };

                    // Not followed: run-time strings and items added later.
                    _ = new SendC2CMessageRequest { ToAccount = customer + Base, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = string.Concat(Base, "123"), MsgBody = [] };
                    var built = new List<string> { customer };
                    built.Add(Long);
                    _ = new BatchSendC2CMessageRequest { ToAccount = built, MsgBody = [] };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS006_shapes()
    {
        await Range.AnalyzerAsync(Range.Usings + """
            class C
            {
                const int Day = 86400;
                static readonly int EightDays = 8 * Day;
                static int Mutable = 8 * Day;

                void M(int fromCaller)
                {
                    // Followed: constants through const and static readonly fields, arithmetic and locals.
                    var twice = EightDays;
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|IMCS006:EightDays|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|IMCS006:7 * Day + 1|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|IMCS006:twice|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], SyncOtherMachine = {|IMCS006:(int)3L|} };

                    // Not followed: parameters, fields that can change, values from calls.
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = fromCaller };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = Mutable };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = Math.Max(EightDays, fromCaller) };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS007_shapes()
    {
        await Count.AnalyzerAsync(Count.Usings + """
            using System.Linq;
            class C
            {
                void M(string[] ids, List<MsgBodyElement> body)
                {
                    // Followed: every literal form, empty collections by any means, a literal held in a local only handed on.
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:[]|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:new List<MsgBodyElement> { }|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:Array.Empty<MsgBodyElement>()|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:new MsgBodyElement[] { }|} };
                    var none = new MsgBodyElement[0];
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = {|IMCS007:none|} };

                    // Not followed: spreads, collections built by calls or filled later, new List<T>() (filled through the property).
                    _ = new BatchSendC2CMessageRequest { ToAccount = [.. ids], MsgBody = [new TIMTextElem { Text = "hi" }] };
                    _ = new BatchSendC2CMessageRequest { ToAccount = ids.Take(501).ToList(), MsgBody = body };
                    var filled = new List<MsgBodyElement>();
                    filled.Add(new TIMTextElem { Text = "hi" });
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = filled };
                    var request = new SendC2CMessageRequest { ToAccount = "c", MsgBody = new List<MsgBodyElement>() };
                    request.MsgBody.Add(new TIMTextElem { Text = "hi" });
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS008_shapes()
    {
        await Pattern.AnalyzerAsync(Pattern.Usings + """
            class C
            {
                const string Host = "example.com";
                static readonly string Ftp = "ftp://" + Host + "/a.png";

                // A list of strings with a pattern: the pattern applies to every item.
                sealed class Links
                {
                    [ImCsGen.Metadata.ImField("Urls")]
                    [ImCsGen.Metadata.ImPattern("https?://\\S+")]
                    public string[]? Urls { get; set; }
                }

                void M(string fromCaller)
                {
                    // Followed: constants through fields, concatenations, interpolations and locals.
                    var avatar = $"ftp://{Host}/b.png";
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = {|IMCS008:Ftp|} };
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = {|IMCS008:avatar|} };

                    _ = new Links { Urls = ["https://a.example/x", {|IMCS008:Ftp|}] };

                    // Not followed: run-time values.
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = fromCaller };
                    _ = new Links { Urls = [fromCaller] };
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = "ftp://" + fromCaller };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS009_shapes()
    {
        await Required.AnalyzerAsync(Required.Usings + """
            class C
            {
                static readonly string? Nobody = null;

                void M(string customer, string? maybe)
                {
                    // Followed: null, null!, default!, through fields and locals; the last assignment of a request built in steps.
                    string? none = null;
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS009:null|}!, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS009:default|}!, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS009:Nobody|}!, MsgBody = [] };
                    _ = new SendC2CMessageRequest { ToAccount = {|IMCS009:none|}!, MsgBody = [] };
                    var request = new SendC2CMessageRequest { ToAccount = customer, MsgBody = [] };
                    request.MsgBody = {|IMCS009:null|}!;

                    // Not followed: a null filled in by a later statement, values that may be null at run time.
                    var staged = new SendC2CMessageRequest { ToAccount = null!, MsgBody = [] };
                    staged.ToAccount = customer;
                    _ = new SendC2CMessageRequest { ToAccount = maybe!, MsgBody = [] };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS010_shapes()
    {
        await Secret.AnalyzerAsync(Secret.Usings + """
            class C
            {
                const string Key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
                static readonly string Split = "5bd2850fff3ecb11" + "d7c805251c51ee46";

                void M(ImClientOptions options, string fromVault)
                {
                    // Followed: constants through const and static readonly fields, concatenations and locals; UserSig.Generate.
                    var local = Key;
                    options.SecretKey = {|IMCS010:Split|};
                    _ = new ImClientOptions { SecretKey = {|IMCS010:local|} };
                    _ = UserSig.Generate(1400000000, {|IMCS010:Key|}, "administrator", TimeSpan.FromDays(1), DateTimeOffset.UtcNow);

                    // Not followed: run-time values and the empty placeholder.
                    options.SecretKey = fromVault;
                    options.SecretKey = string.Empty;
                    options.SecretKey = Environment.GetEnvironmentVariable("IM_SECRET_KEY");
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS011_shapes()
    {
        await Random.AnalyzerAsync(Random.Usings + """
            class C
            {
                const uint Seed = 7;
                static readonly uint Fixed = Seed * 6;

                void M(uint fresh)
                {
                    // Followed: constants through fields, arithmetic and locals, in initializers and statements.
                    var same = Fixed;
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = {|IMCS011:Fixed|} };
                    var request = new BatchSendC2CMessageRequest { ToAccount = ["c"], MsgBody = [] };
                    request.MsgRandom = {|IMCS011:same|};

                    // Not followed: values computed at run time (which is what the field wants).
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = fresh };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgRandom = (uint)System.Random.Shared.Next() };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS012_shapes()
    {
        await Lifetime.AnalyzerAsync(Lifetime.Usings + """
            class C
            {
                const int Days = 365;
                static readonly TimeSpan Year = TimeSpan.FromDays(Days);
                static TimeSpan Mutable = TimeSpan.FromDays(Days);

                void M(ImClientOptions options, string key, TimeSpan configured)
                {
                    // Followed: TimeSpan.From*, new TimeSpan, Zero, sums, through fields and locals; UserSig.Generate.
                    var brief = new TimeSpan(0, 1, 0);
                    options.UserSigLifetime = {|IMCS012:Year|};
                    options.UserSigLifetime = {|IMCS012:Year + TimeSpan.FromDays(1)|};
                    _ = UserSig.Generate(1400000000, key, "administrator", {|IMCS012:brief|}, DateTimeOffset.UtcNow);

                    // Not followed: run-time values and fields that can change.
                    options.UserSigLifetime = configured;
                    options.UserSigLifetime = Mutable;
                    options.UserSigLifetime = TimeSpan.FromDays(Math.Max(1, Days));
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS013_shapes()
    {
        await Custom.AnalyzerAsync(Custom.Usings + """
            class C
            {
                void M(TIMCustomElem first, MsgBodyElement unknown)
                {
                    // Followed: every literal form, custom elements held in variables, a literal held in a local.
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [first, {|IMCS013:new TIMCustomElem()|}] };
                    var body = new MsgBodyElement[] { new TIMCustomElem(), {|IMCS013:first|} };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = body };

                    // Not followed: elements typed as the base class, lists filled later.
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [first, unknown] };
                    var later = new List<MsgBodyElement> { first };
                    later.Add(new TIMCustomElem());
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = later };
                }
            }
            """);
    }

    [Fact]
    public async Task IMCS014_shapes()
    {
        await Http.AnalyzerAsync(Http.Usings + """
            class C
            {
                static readonly HttpClient Shared = new HttpClient();
                readonly HttpClient _owned = new HttpClient();

                object M(ImClientOptions options, HttpClient injected, Func<HttpClient> factory)
                {
                    // Followed: written inline, or held in a written-once local, for an ImCsGen constructor or method.
                    _ = new ImHttpTransport({|IMCS014:new HttpClient()|}, options);
                    _ = ImCsGen.Im.ImClient.Create(options, {|IMCS014:new HttpClient()|});
                    var http = new HttpClient(new SocketsHttpHandler());
                    return new ImHttpTransport({|IMCS014:http|}, options);
                }

                // Not followed: fields (static or not: long-lived by intent), parameters, factories, the project's own methods.
                object N(ImClientOptions options, HttpClient injected, Func<HttpClient> factory)
                {
                    _ = new ImHttpTransport(Shared, options);
                    _ = new ImHttpTransport(_owned, options);
                    _ = new ImHttpTransport(injected, options);
                    _ = new ImHttpTransport(factory(), options);
                    Own(new HttpClient());
                    return this;
                }

                static void Own(HttpClient client) { }
            }
            """);
    }

    [Fact]
    public async Task IMCS015_shapes()
    {
        await Blocking.AnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using ImCsGen.AspNetCore;

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

                static ValueTask Handler(Payload payload, object context, CancellationToken ct)
                {
                    Thread.Sleep(10); // not followed: a method group handler's body is not walked
                    return ValueTask.CompletedTask;
                }

                static void Helper() => Thread.Sleep(10); // not followed: methods the handler calls

                void M(ImCallbackBuilder builder)
                {
                    // Followed: the body of a lambda handler, block or expression-bodied, Task and ValueTask waits.
                    builder.On<Payload>((payload, context, ct) =>
                    {
                        {|IMCS015:Task.WaitAll(CheckAsync(ct))|};
                        return ValueTask.CompletedTask;
                    });
                    builder.On<Payload>((payload, context, ct) => new ValueTask({|IMCS015:CheckAsync(ct).GetAwaiter().GetResult()|} ? Task.CompletedTask : Task.Delay(1)));
                    builder.On<Payload>(async (payload, context, ct) =>
                    {
                        {|IMCS015:CheckAsync(ct).Wait()|};
                        bool fast = {|IMCS015:new ValueTask<bool>(true).Result|};
                        await Task.Yield();
                        Helper();
                        Action later = () => Thread.Sleep(10); // not followed: runs elsewhere
                    });
                    builder.On<Payload>(Handler);
                }
            }
            """);
    }
}
