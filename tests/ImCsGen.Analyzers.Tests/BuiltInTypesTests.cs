using System.Threading.Tasks;
using Xunit;
using Custom = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.DuplicateCustomElementAnalyzer>;
using Length = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.StringLengthAnalyzer>;
using Range = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NumericRangeAnalyzer>;
using Sender = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.MissingMessageSenderAnalyzer>;

namespace ImCsGen.Analyzers.Tests;

/// <summary>
/// The rules against the real built-in types the generator compiled into the runtime assembly
/// (namespace ImCsGen.Im): metadata read from a referenced assembly, not from source.
/// </summary>
public class BuiltInTypesTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using ImCsGen.Im;

        """;

    [Fact]
    public async Task Missing_sender_is_found_on_the_built_in_send_and_client()
    {
        await Sender.AnalyzerAsync(Usings + """
            class C
            {
                Task M(ImClient client, string customer) => client.SendC2CMessageAsync(new {|IMCS001:SendC2CMessageRequest|}
                {
                    ToAccount = customer,
                    MsgBody = [new TIMTextElem { Text = "hi" }],
                });

                Task N(ImClient client, string agent, string customer) => client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = agent,
                    ToAccount = customer,
                    MsgBody = [new TIMTextElem { Text = "hi" }],
                });
            }
            """);
    }

    [Fact]
    public async Task Constraints_of_built_in_fields_are_enforced()
    {
        await Range.AnalyzerAsync(Usings + """
            class C
            {
                object M() => new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|IMCS006:604801|} };
                object N() => new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = 604800 };
            }
            """);
        await Length.AnalyzerAsync(Usings + """
            class C
            {
                object M() => new SendC2CMessageRequest { ToAccount = {|IMCS005:"0123456789012345678901234567890123"|}, MsgBody = [] };
            }
            """);
        await Custom.AnalyzerAsync(Usings + """
            class C
            {
                object M() => new SendC2CMessageRequest { ToAccount = "c", MsgBody = [new TIMCustomElem { Data = "a" }, {|IMCS013:new TIMCustomElem { Data = "b" }|}] };
            }
            """);
    }
}
