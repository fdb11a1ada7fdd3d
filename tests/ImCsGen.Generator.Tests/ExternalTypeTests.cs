using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// A consumer spec refers to built-in types by qualified name (ImCsGen.Im.MsgBodyElement[]); the generated
/// code calls their ReadJson, WriteJson and Validate like those of its own types. A name that does not
/// resolve is IMSPEC040 at the JSON location.
/// </summary>
public class ExternalTypeTests
{
    private const string Spec = """
        {
          "namespace": "Contoso.Bot",
          "client": "BotClient",
          "types": {
            "Note": { "kind": "object", "fields": [ { "name": "Flag", "type": "ImCsGen.Im.OfflinePushFlag" } ] }
          },
          "endpoints": [
            {
              "name": "SendRich",
              "path": "openim_robot_http_svc/send_rich",
              "group": "bot",
              "summary": "Sends a message body.",
              "request": [
                { "name": "From_Account", "type": "string", "required": true },
                { "name": "MsgBody", "type": "ImCsGen.Im.MsgBodyElement[]", "required": true, "constraints": { "minItems": 1 } },
                { "name": "OfflinePushInfo", "type": "ImCsGen.Im.OfflinePushInfo" },
                { "name": "Controls", "type": "ImCsGen.Im.SendMsgControl[]" },
                { "name": "Note", "type": "Contoso.Bot.Note" }
              ],
              "response": [ { "name": "Body", "type": "ImCsGen.Im.MsgBodyElement[]" } ]
            }
          ]
        }
        """;

    // Runs inside the generated assembly: builds a request with built-in types, validates, writes, reads back.
    private const string Probe = """
        namespace Consumer
        {
            /// <summary>Round trip through built-in types.</summary>
            public static class Probe
            {
                /// <summary>Runs it.</summary>
                /// <returns>The written JSON, the text read back and the validation message.</returns>
                public static string Run()
                {
                    var request = new Contoso.Bot.SendRichRequest
                    {
                        FromAccount = "bot",
                        MsgBody = new System.Collections.Generic.List<ImCsGen.Im.MsgBodyElement> { new ImCsGen.Im.TIMTextElem { Text = "hi" } },
                        OfflinePushInfo = new ImCsGen.Im.OfflinePushInfo { Title = "t" },
                        Controls = new[] { ImCsGen.Im.SendMsgControl.NoUnread },
                        Note = new Contoso.Bot.Note { Flag = ImCsGen.Im.OfflinePushFlag.Push },
                    };
                    ((ImCsGen.Serialization.IImRequest)request).Validate();
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                    {
                        ((ImCsGen.Serialization.IImRequest)request).WriteJson(writer);
                    }

                    var reader = new System.Text.Json.Utf8JsonReader(buffer.WrittenSpan);
                    var back = Contoso.Bot.SendRichRequest.ReadJson(ref reader);
                    var empty = new Contoso.Bot.SendRichRequest { FromAccount = "bot", MsgBody = new System.Collections.Generic.List<ImCsGen.Im.MsgBodyElement> { new ImCsGen.Im.TIMTextElem { Text = null! } } };
                    string validation;
                    try { ((ImCsGen.Serialization.IImRequest)empty).Validate(); validation = "none"; }
                    catch (ImCsGen.Validation.ImValidationException e) { validation = e.Message; }
                    return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "|" + ((ImCsGen.Im.TIMTextElem)back.MsgBody[0]).Text + "|" + validation;
                }
            }
        }
        """;

    [Fact]
    public void Built_in_types_are_used_through_their_own_ReadJson_WriteJson_and_Validate()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/bot.json", Spec) }, Probe);
        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        var source = string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()));
        Assert.Contains("global::ImCsGen.Im.MsgBodyElement.ReadJson(ref", source, StringComparison.Ordinal);
        Assert.DoesNotContain("class MsgBodyElement", source, StringComparison.Ordinal);

        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());
        var text = (string)assembly.GetType("Consumer.Probe")!.GetMethod("Run")!.Invoke(null, null)!;
        var parts = text.Split('|');
        JsonAssert.Equivalent(
            """{ "From_Account": "bot", "MsgBody": [ { "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi" } } ], "OfflinePushInfo": { "Title": "t" }, "Controls": [ "NoUnread" ], "Note": { "Flag": 0 } }""",
            parts[0]);
        Assert.Equal("hi", parts[1]);
        Assert.Contains("MsgBody", parts[2], StringComparison.Ordinal); // the built-in element's own rule (Text required) ran
    }

    [Theory]
    [InlineData("ImCsGen.Im.MsgBodyElements[]", "was not found")]
    [InlineData("ImCsGen.Transport.ImEndpoint", "is not a type ImCsGen generated")]
    [InlineData("Nowhere.Thing", "was not found")]
    public void An_unresolvable_qualified_type_is_IMSPEC040_at_the_type_value(string type, string detail)
    {
        var spec = Spec.Replace("\"ImCsGen.Im.OfflinePushInfo\"", "\"" + type + "\"");
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/bot.json", spec) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("IMSPEC040", diagnostic.Id);
        Assert.Contains(detail, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/spec/bot.json", span.Path);
        var line = spec.Split('\n')[span.StartLinePosition.Line];
        Assert.Contains("\"" + type + "\"", line, StringComparison.Ordinal);
        Assert.Equal(line.IndexOf("\"" + type + "\"", StringComparison.Ordinal), span.StartLinePosition.Character);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_misspelled_qualified_name_is_an_invalid_type_spelling()
    {
        var spec = Spec.Replace("\"ImCsGen.Im.OfflinePushInfo\"", "\"ImCsGen..Im.OfflinePushInfo\"");
        var (result, _) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/bot.json", spec) });
        Assert.Equal("IMSPEC009", Assert.Single(result.Diagnostics).Id);
    }
}
