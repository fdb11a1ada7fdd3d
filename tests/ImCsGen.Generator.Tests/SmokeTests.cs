using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

public class SmokeTests
{
    private const string Consumer = """
        #nullable enable
        using System.Threading.Tasks;
        using Contoso.Im;

        namespace Consumer
        {
            /// <summary>Uses the generated client the way an application would.</summary>
            public static class Usage
            {
                /// <summary>Sends one message.</summary>
                /// <param name="client">The client.</param>
                /// <returns>The message key.</returns>
                public static async Task<string?> SendAsync(IContosoImClient client)
                {
                    var response = await client.SendMessageAsync(new SendMessageRequest
                    {
                        FromAccount = "cs_virtual",
                        ToAccount = "user_1",
                        SendMsgControl = [Control.NoUnread, new Control("FutureValue")],
                        MsgBody = [new TextElem { Text = "hi" }, new CustomElem { Data = "{}" }],
                    });
                    var batch = await client.BatchSendAsync(new BatchSendRequest { ToAccount = ["a", "b"] });
                    return batch.HasItemErrors ? batch.ErrorList![0].ToAccount : response.MsgKey;
                }
            }
        }
        """;

    [Fact]
    public void Consumer_of_the_generated_client_compiles_with_nullable_docs_and_warnings_as_errors()
    {
        var (result, output) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") }, Consumer);
        Assert.Empty(result.Diagnostics);
        var options = output.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error);
        var problems = output.WithOptions(options).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Small_spec_generates_code_that_compiles_without_any_warning()
    {
        var (result, output) = GeneratorHarness.Run(new[] { GeneratorHarness.SpecFile("Specs/small.json") });
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)) + "\n\n" + GeneratedSource.Join(result));
    }
}
