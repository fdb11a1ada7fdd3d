using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Count = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.ItemCountAnalyzer>;
using Length = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.StringLengthAnalyzer>;
using Pattern = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.PatternAnalyzer>;
using Range = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.NumericRangeAnalyzer>;
using Required = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.RequiredFieldNullAnalyzer>;

namespace ImCsGen.Analyzers.Tests.Rules;

public class ConstraintRulesTests
{
    [Fact]
    public async Task Account_ids_over_32_utf8_bytes_or_empty_are_reported()
    {
        // 11 CJK characters = 33 UTF-8 bytes although only 11 chars.
        await Length.AnalyzerAsync(
            Length.Usings + """
            class C
            {
                void M()
                {
                    _ = new SendC2CMessageRequest { FromAccount = "agent", ToAccount = {|#0:"客服客服客服客服客服客"|}, MsgBody = [] };
                    _ = new ImportAccountRequest { UserId = {|IMCS005:""|} };
                    _ = new BatchSendC2CMessageRequest { ToAccount = ["ok", {|IMCS005:"0123456789012345678901234567890123"|}], MsgBody = [] };
                }
            }
            """,
            expected: DiagnosticResult.CompilerError("IMCS005").WithLocation(0).WithArguments("ToAccount (To_Account)", "1 to 32", "客服客服客服客服客服客", "33"));
    }

    [Fact]
    public async Task Account_ids_within_limits_and_empty_sender_are_not_reported_here()
    {
        await Length.AnalyzerAsync(Length.Usings + """
            class C
            {
                void M(string id)
                {
                    _ = new SendC2CMessageRequest { FromAccount = "", ToAccount = "01234567890123456789012345678901", MsgBody = [] }; // "" is IMCS001's finding
                    _ = new ImportAccountRequest { UserId = id, Nick = "客服" };
                }
            }
            """);
    }

    [Fact]
    public async Task Numbers_outside_the_range_are_reported()
    {
        await Range.AnalyzerAsync(
            Range.Usings + """
            class C
            {
                void M()
                {
                    var r = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = {|#0:604801|} };
                    r.SyncOtherMachine = {|IMCS006:3|};
                    r.MsgLifeTime = {|IMCS006:-1|};
                }
            }
            """,
            expected: DiagnosticResult.CompilerError("IMCS006").WithLocation(0).WithArguments("MsgLifeTime", "0", "604800", "604801"));
    }

    [Fact]
    public async Task Numbers_inside_the_range_or_not_constant_are_not_reported()
    {
        await Range.AnalyzerAsync(Range.Usings + """
            class C
            {
                void M(int lifetime)
                {
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = 604800, SyncOtherMachine = 1 };
                    _ = new SendC2CMessageRequest { ToAccount = "c", MsgBody = [], MsgLifeTime = lifetime, SyncOtherMachine = null };
                }
            }
            """);
    }

    [Fact]
    public async Task Collections_over_max_or_under_min_items_are_reported()
    {
        string recipients501 = string.Join(", ", Enumerable.Range(0, 501).Select(i => "\"u" + i + "\""));
        string recipients500 = string.Join(", ", Enumerable.Range(0, 500).Select(i => "\"u" + i + "\""));
        await Count.AnalyzerAsync(
            Count.Usings + "class C { void M() {\n"
            + "_ = new BatchSendC2CMessageRequest { ToAccount = {|#0:[" + recipients501 + "]|}, MsgBody = [new TIMTextElem { Text = \"x\" }] };\n"
            + "_ = new BatchSendC2CMessageRequest { ToAccount = {|#1:new List<string> { " + recipients501 + " }|}, MsgBody = [new TIMTextElem { Text = \"x\" }] };\n"
            + "_ = new BatchSendC2CMessageRequest { ToAccount = new[] { " + recipients500 + " }, MsgBody = {|#2:new MsgBodyElement[0]|} };\n"
            + "_ = new SendC2CMessageRequest { ToAccount = \"c\", MsgBody = {|#3:[]|} };\n"
            + "} }",
            expected:
            [
                DiagnosticResult.CompilerError("IMCS007").WithLocation(0).WithArguments("ToAccount (To_Account)", "1 to 500", "501"),
                DiagnosticResult.CompilerError("IMCS007").WithLocation(1).WithArguments("ToAccount (To_Account)", "1 to 500", "501"),
                DiagnosticResult.CompilerError("IMCS007").WithLocation(2).WithArguments("MsgBody", "at least 1", "0"),
                DiagnosticResult.CompilerError("IMCS007").WithLocation(3).WithArguments("MsgBody", "at least 1", "0"),
            ]);
    }

    [Fact]
    public async Task Collections_within_limits_spreads_and_non_literals_are_not_reported()
    {
        await Count.AnalyzerAsync(Count.Usings + """
            class C
            {
                void M(List<string> many, string[] more)
                {
                    _ = new BatchSendC2CMessageRequest { ToAccount = many, MsgBody = [new TIMTextElem { Text = "x" }] };
                    _ = new BatchSendC2CMessageRequest { ToAccount = [.. more, "x"], MsgBody = [new TIMTextElem { Text = "x" }] };
                    _ = new BatchSendC2CMessageRequest { ToAccount = new[] { "a", "b" }, MsgBody = [new TIMTextElem { Text = "x" }] };
                }
            }
            """);
    }

    [Fact]
    public async Task Strings_breaking_the_pattern_are_reported()
    {
        await Pattern.AnalyzerAsync(
            Pattern.Usings + """
            class C
            {
                void M()
                {
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = {|#0:"ftp://example.com/a.png"|} };
                    _ = new ImportAccountRequest { UserId = "u", FaceUrl = "https://example.com/a.png" };
                    var r = new ImportAccountRequest { UserId = "u" };
                    r.FaceUrl = {|IMCS008:"https://example.com/a b.png"|};
                }
            }
            """,
            expected: DiagnosticResult.CompilerError("IMCS008").WithLocation(0).WithArguments("FaceUrl", "https?://\\S+", "ftp://example.com/a.png"));
    }

    [Fact]
    public async Task Required_fields_set_to_null_are_reported()
    {
        await Required.AnalyzerAsync(
            Required.Usings + """
            class C
            {
                void M()
                {
                    _ = new SendC2CMessageRequest { ToAccount = {|#0:null|}!, MsgBody = {|IMCS009:default|}! };
                    _ = new ImportAccountRequest { UserId = "u", Nick = null };
                    _ = new SendC2CMessageRequest { FromAccount = null, ToAccount = "c", MsgBody = [] };
                    _ = new ImportC2CMessageRequest { FromAccount = null!, ToAccount = "c", MsgRandom = 1, MsgBody = [] }; // IMCS001 reports the sender
                }
            }
            """,
            expected: DiagnosticResult.CompilerError("IMCS009").WithLocation(0).WithArguments("ToAccount (To_Account)"));
    }

    [Fact]
    public async Task Constraint_rules_stay_silent_on_generated_code_and_without_the_library()
    {
        const string bad = "class C { object M() => new ImportAccountRequest { UserId = null!, FaceUrl = \"x\" }; object N() => new SendC2CMessageRequest { ToAccount = \"\", MsgLifeTime = 999999999, MsgBody = [] }; }";
        await Length.AnalyzerAsync("// <auto-generated/>\n" + Length.Usings + bad);
        await Range.AnalyzerAsync("// <auto-generated/>\n" + Range.Usings + bad);
        await Count.AnalyzerAsync("// <auto-generated/>\n" + Count.Usings + bad);
        await Pattern.AnalyzerAsync("// <auto-generated/>\n" + Pattern.Usings + bad);
        await Required.AnalyzerAsync("// <auto-generated/>\n" + Required.Usings + bad);
        await Length.WithoutLibraryAsync("class R { public string? UserId { get; set; } } class C { object M() => new R { UserId = \"\" }; }");
    }
}
