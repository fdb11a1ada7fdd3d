using System.Threading.Tasks;
using Xunit;
using All = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.ImCsGenAnalyzer>;
using Length = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.StringLengthAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Tracking;

/// <summary>
/// The dispatcher reads an object initializer's assignments with their creation (one pass per request) and every
/// other property assignment on its own. These shapes sit on the border between the two paths: each write must be
/// checked exactly once, whichever path takes it.
/// </summary>
public class InitializerShapeTests
{
    [Fact]
    public async Task Nested_member_initializer_writes_are_checked()
    {
        // Account = { UserId = ... } assigns into an existing request: the inner initializer belongs to a member
        // initializer, not to a creation.
        await Length.AnalyzerAsync(Length.Usings + """
            class Holder
            {
                public ImportAccountRequest Account { get; } = new ImportAccountRequest { UserId = "ok" };
            }

            class C
            {
                void M()
                {
                    _ = new Holder { Account = { UserId = {|IMCS005:""|} } };
                    _ = new Holder { Account = { UserId = {|IMCS005:"0123456789012345678901234567890123"|}, Nick = "客服" } };
                }
            }
            """);
    }

    [Fact]
    public async Task Initializer_and_statement_writes_are_each_reported_once_through_the_dispatcher()
    {
        await All.AnalyzerAsync(All.Usings + """
            class C
            {
                void M()
                {
                    var r = new ImportAccountRequest { UserId = {|IMCS005:""|} };
                    r.UserId = {|IMCS005:"0123456789012345678901234567890123"|};
                    System.Func<ImportAccountRequest> f = () => new ImportAccountRequest { UserId = {|IMCS005:""|} };
                    var options = new ImClientOptions { SdkAppId = 1400000000, Identifier = {|IMCS002:"customer_service_1"|} };
                    options.Identifier = {|IMCS002:"agent"|};
                }
            }
            """);
    }
}
