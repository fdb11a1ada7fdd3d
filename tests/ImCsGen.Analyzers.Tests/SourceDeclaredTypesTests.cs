using System.Threading.Tasks;
using Xunit;
using Sender = ImCsGen.Analyzers.Tests.Infrastructure.Verify<ImCsGen.Analyzers.Rules.MissingMessageSenderAnalyzer>;

namespace ImCsGen.Analyzers.Tests;

/// <summary>Types generated into the consumer's own compilation (its own spec files) are checked the same way.</summary>
public class SourceDeclaredTypesTests
{
    [Fact]
    public async Task Rules_read_attributes_from_types_declared_in_the_same_compilation()
    {
        await Sender.AnalyzerAsync("""
            using System.Collections.Generic;
            using ImCsGen.Metadata;

            namespace MyCompany.Im
            {
                [ImEndpoint("openim/sendmsg", Name = "SendC2CMessage")]
                public sealed class MySend
                {
                    [ImField("From_Account", Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)]
                    public string? FromAccount { get; set; }

                    [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient)]
                    public required string ToAccount { get; set; }
                }

                public sealed class MyClient
                {
                    public MyClient(ImCsGen.Transport.IImTransport transport) { }
                    public void SendC2CMessage(MySend request) { }
                }

                class C
                {
                    void M(MyClient client)
                    {
                        client.SendC2CMessage(new {|IMCS001:MySend|} { ToAccount = "c" });
                        var request = new MySend { ToAccount = "c", FromAccount = {|IMCS001:" "|} };
                        client.SendC2CMessage(request);
                    }
                }
            }
            """);
    }
}
