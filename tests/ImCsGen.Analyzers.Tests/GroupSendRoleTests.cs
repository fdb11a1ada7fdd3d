using System.Threading.Tasks;
using Xunit;
using Custom = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.DuplicateCustomElementAnalyzer>;
using Random = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ConstantMessageRandomAnalyzer>;

namespace ImCsGen.Analyzers.Tests;

/// <summary>
/// Issue 11 item 6: the group send (group_open_http_svc/send_group_msg) gets the C2C send's checks from its
/// spec roles alone (Random: messageRandom, MsgBody: at most one TIMCustomElem), with no per-endpoint analyzer code.
/// </summary>
public class GroupSendRoleTests
{
    private const string Usings = """
        using ImCsGen.Im;

        """;

    [Fact]
    public async Task A_constant_Random_on_a_group_send_is_IMCS011()
    {
        await Random.AnalyzerAsync(Usings + """
            class C
            {
                object M() => new SendGroupMessageRequest { GroupId = "@TGS#1", Random = {|IMCS011:42|}, MsgBody = [new TIMTextElem { Text = "hi" }] };
                object N() => new SendGroupMessageRequest { GroupId = "@TGS#1", MsgBody = [new TIMTextElem { Text = "hi" }] };
            }
            """);
    }

    [Fact]
    public async Task Two_custom_elements_in_a_group_send_are_IMCS013()
    {
        await Custom.AnalyzerAsync(Usings + """
            class C
            {
                object M() => new SendGroupMessageRequest { GroupId = "@TGS#1", MsgBody = [new TIMCustomElem { Data = "a" }, {|IMCS013:new TIMCustomElem { Data = "b" }|}] };
                object N() => new SendGroupMessageRequest { GroupId = "@TGS#1", MsgBody = [new TIMCustomElem { Data = "a" }, new TIMTextElem { Text = "b" }] };
            }
            """);
    }
}
