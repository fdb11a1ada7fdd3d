using System.Linq;
using System.Text.Json;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.AspNetCore.Tests;

/// <summary>
/// The spec's <c>commandInBody</c>: callbacks whose Tencent body has no top-level CallbackCommand (the moderation
/// result, the push events) write none; the others write their command; every reader takes a body either way.
/// Also the spec's <c>acceptsSingle</c> on the moderation result's TextContent.
/// </summary>
public sealed class CallbackCommandInBodyTests
{
    [Fact]
    public void The_catalog_marks_exactly_the_callbacks_whose_page_body_has_no_command()
    {
        var without = ImCallbackCatalog.All.Where(d => !d.CommandInBody).Select(d => d.Command).OrderBy(c => c, System.StringComparer.Ordinal);
        Assert.Equal(new[] { "ContentCallback.ResultNotify", "Push.AllMemberPush", "Push.OfflinePush" }, without);
    }

    [Fact]
    public void A_flagged_payload_built_in_code_writes_no_command_and_an_unflagged_one_writes_its_own()
    {
        var push = new PushOfflinePush { Events = [new CallbackOfflinePushEvent { CallbackCommand = PushOfflinePush.CommandName, EventType = 1 }] };
        using (var written = JsonDocument.Parse(CallbackFixtureTests.Write(push.WriteJson)))
        {
            Assert.False(written.RootElement.TryGetProperty("CallbackCommand", out _), written.RootElement.GetRawText());
            // The event's own CallbackCommand is a field of the event, untouched by the flag.
            Assert.Equal("Push.OfflinePush", written.RootElement.GetProperty("Events")[0].GetProperty("CallbackCommand").GetString());
        }

        var moderation = new ContentCallbackResultNotify { Scene = "C2C" };
        using (var written = JsonDocument.Parse(CallbackFixtureTests.Write(moderation.WriteJson)))
        {
            Assert.False(written.RootElement.TryGetProperty("CallbackCommand", out _), written.RootElement.GetRawText());
        }

        var sent = new C2CCallbackAfterSendMsg { FromAccount = "a" };
        using (var written = JsonDocument.Parse(CallbackFixtureTests.Write(sent.WriteJson)))
        {
            Assert.Equal("C2C.CallbackAfterSendMsg", written.RootElement.GetProperty("CallbackCommand").GetString());
        }
    }

    [Theory]
    [InlineData("""{"Events":[{"EventType":1}]}""", null)]
    [InlineData("""{"CallbackCommand":"Push.OfflinePush","Events":[{"EventType":1}]}""", "Push.OfflinePush")]
    public void A_flagged_reader_takes_a_body_with_or_without_the_command_and_writes_back_what_it_read(string json, string? command)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var payload = PushOfflinePush.ReadJson(ref reader);
        Assert.Equal(command, payload.CallbackCommand);
        Assert.Null(payload.AdditionalProperties);
        Assert.Equal(1, payload.Events![0].EventType);
        CallbackFixtureTests.AssertJsonEqual(json, CallbackFixtureTests.Write(payload.WriteJson), "round trip");
    }

    [Theory]
    [InlineData("""{"ContentType":"Text","TextContent":"aaabbbccc"}""", new[] { "aaabbbccc" })]
    [InlineData("""{"ContentType":"Text","TextContent":["aaabbbccc","1234567"]}""", new[] { "aaabbbccc", "1234567" })]
    [InlineData("""{"ContentType":"Text","TextContent":[]}""", new string[0])]
    public void The_moderation_text_reads_as_an_array_or_a_lone_string_and_writes_as_an_array(string json, string[] texts)
    {
        // TextContent: an array on the callback's page (269/95616), String in the console guide's table (1047/77840): spec acceptsSingle.
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var payload = ContentCallbackResultNotify.ReadJson(ref reader);
        Assert.Equal(texts, payload.TextContent);
        using var written = JsonDocument.Parse(CallbackFixtureTests.Write(payload.WriteJson));
        Assert.Equal(JsonValueKind.Array, written.RootElement.GetProperty("TextContent").ValueKind);
    }

    [Fact]
    public void The_tolerance_is_limited_to_the_flagged_field_and_a_wrong_item_still_names_the_field()
    {
        // CtxcbKeywords is a plain string[]: a lone string is still refused, naming the field.
        var keywords = Assert.ThrowsAny<System.Exception>(() =>
        {
            var reader = new Utf8JsonReader("""{"CtxcbKeywords":"x"}"""u8);
            ContentCallbackResultNotify.ReadJson(ref reader);
        });
        Assert.Contains("CtxcbKeywords", keywords.Message, System.StringComparison.Ordinal);

        // A lone value must still be an item: an object is refused, naming TextContent.
        var lone = Assert.ThrowsAny<System.Exception>(() =>
        {
            var reader = new Utf8JsonReader("""{"TextContent":{"Text":"x"}}"""u8);
            ContentCallbackResultNotify.ReadJson(ref reader);
        });
        Assert.Contains("TextContent", lone.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_unflagged_reader_takes_a_body_without_the_command_and_writes_its_own()
    {
        var reader = new Utf8JsonReader("""{"From_Account":"a"}"""u8);
        var payload = C2CCallbackAfterSendMsg.ReadJson(ref reader);
        Assert.Null(payload.CallbackCommand);
        CallbackFixtureTests.AssertJsonEqual("""{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"a"}""", CallbackFixtureTests.Write(payload.WriteJson), "command added");
    }
}
