using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Count = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ItemCountAnalyzer>;
using Pattern = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.PatternAnalyzer>;
using Range = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NumericRangeAnalyzer>;
using Required = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.RequiredFieldNullAnalyzer>;

namespace ImCsGen.Analyzers.Tests;

/// <summary>
/// The attribute-driven rules fire on the generated TCCC client (ImCsGen.Tccc, Tencent Cloud API family) without
/// any TCCC-specific analyzer code: the request types carry the same [ImField]/[ImRange]/[ImMaxItems]/[ImPattern]
/// attributes, read from spec/tccc.json.
/// </summary>
public class TcccRulesTests
{
    private const string Tccc = "using ImCsGen.Tccc;\n";

    [Fact]
    public async Task Page_sizes_limits_and_priorities_outside_the_documented_range_are_reported()
    {
        await Range.AnalyzerAsync(Range.Usings + Tccc + """
            class C
            {
                void M()
                {
                    _ = new DescribeSkillGroupInfoListRequest { SdkAppId = 1400000000, PageSize = {|IMCS006:101|}, PageNumber = 0 };
                    _ = new DescribeSkillGroupInfoListRequest { SdkAppId = 1400000000, PageSize = 100, PageNumber = {|IMCS006:-1|} };
                    _ = new DescribeIMCdrsRequest { SdkAppId = 1400000000, StartTimestamp = 1, EndTimestamp = 2, Limit = {|IMCS006:500|} };
                    _ = new DescribeChatMessagesRequest { SdkAppId = 1400000000, SessionId = "s", Order = {|IMCS006:3|} };
                    _ = new StaffSkillGroupList { SkillGroupId = 12, Priority = {|IMCS006:6|} };
                    _ = new CreateCCCSkillGroupRequest { SdkAppId = 1400000000, SkillGroupName = "VIP", SkillGroupType = {|IMCS006:5|} };
                }
            }
            """);
    }

    [Fact]
    public async Task Values_inside_the_range_or_not_constant_are_not_reported()
    {
        await Range.AnalyzerAsync(Range.Usings + Tccc + """
            class C
            {
                void M(long pageSize)
                {
                    _ = new DescribeSkillGroupInfoListRequest { SdkAppId = 1400000000, PageSize = 100, PageNumber = 0 };
                    _ = new DescribeSkillGroupInfoListRequest { SdkAppId = 1400000000, PageSize = pageSize, PageNumber = 0 };
                    _ = new DescribeIMCdrsRequest { SdkAppId = 1400000000, StartTimestamp = 1, EndTimestamp = 2, Limit = 100, Type = 2 };
                    _ = new StaffSkillGroupList { SkillGroupId = 12, Priority = 1 };
                }
            }
            """);
    }

    [Fact]
    public async Task Agent_accounts_that_are_not_email_addresses_are_reported()
    {
        await Pattern.AnalyzerAsync(Pattern.Usings + Tccc + """
            class C
            {
                void M()
                {
                    _ = new BindStaffSkillGroupListRequest { SdkAppId = 1400000000, StaffEmail = {|IMCS008:"bob"|}, StaffSkillGroupList = [] };
                    _ = new SetStaffStatusItem { StaffUserId = {|IMCS008:"bob at shop.example"|}, Status = "free" };
                    _ = new SeatUserInfo { Name = "Bob", Mail = {|IMCS008:"bob@shop"|}, StaffNumber = "1" };
                    _ = new SeatUserInfo { Name = "Bob", Mail = "bob@shop.example", StaffNumber = "1", ExtensionNumber = {|IMCS008:"9001"|} };
                    _ = new ModifyStaffRequest { SdkAppId = 1400000000, Email = "bob@shop.example" };
                }
            }
            """);
    }

    [Fact]
    public async Task Too_many_staff_or_status_items_in_one_call_are_reported()
    {
        string eleven = string.Join(", ", Enumerable.Range(0, 11).Select(i => "new SeatUserInfo { Name = \"n\", Mail = \"a" + i + "@x.example\", StaffNumber = \"" + i + "\" }"));
        string ten = string.Join(", ", Enumerable.Range(0, 10).Select(i => "new SeatUserInfo { Name = \"n\", Mail = \"a" + i + "@x.example\", StaffNumber = \"" + i + "\" }"));
        await Count.AnalyzerAsync(
            Count.Usings + Tccc + "class C { void M() {\n"
            + "_ = new CreateStaffRequest { SdkAppId = 1400000000, Staffs = {|IMCS007:[" + eleven + "]|} };\n"
            + "_ = new CreateStaffRequest { SdkAppId = 1400000000, Staffs = [" + ten + "] };\n"
            + "_ = new CreateStaffRequest { SdkAppId = 1400000000, Staffs = {|IMCS007:[]|} };\n"
            + "_ = new UnbindStaffSkillGroupListRequest { SdkAppId = 1400000000, StaffEmail = \"a@x.example\", SkillGroupList = {|IMCS007:[]|} };\n"
            + "} }");
    }

    [Fact]
    public async Task Required_tccc_fields_set_to_null_are_reported()
    {
        await Required.AnalyzerAsync(Required.Usings + Tccc + """
            class C
            {
                void M()
                {
                    _ = new TransferToManualRequest { SdkAppId = 1400000000, SessionId = {|IMCS009:null|}!, SkillGroupId = 12 };
                    _ = new DescribeChatMessagesRequest { SdkAppId = 1400000000, SessionId = null };
                }
            }
            """);
    }
}
