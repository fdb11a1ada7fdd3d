using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Runtime.Tests.Support;
using ImCsGen.Serialization;
using ImCsGen.Validation;
using Xunit;

namespace ImCsGen.Runtime.Tests;

/// <summary>
/// MsgBody's 12 KB (spec: maxJsonBytes 12288) is measured on the body as the transport writes it, in the one
/// serialization that is sent (issue 17), and counts UTF-8 bytes as sent, not \uXXXX escapes.
/// </summary>
public class WrittenSizeTests
{
    private static SendC2CMessageRequest Text(string text) => new()
    {
        FromAccount = "cs_virtual",
        ToAccount = "user_1",
        MsgBody = [new TIMTextElem { Text = text }],
    };

    [Fact]
    public async Task An_oversized_MsgBody_is_refused_by_the_write_the_transport_does_and_nothing_is_sent()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var request = Text(new string('x', 12300));

        // The transport's own validation pass leaves the size to the write...
        ((IImRequest)request).ValidateExceptWrittenSizes();

        // ...which refuses it with the same field and rule as Validate() does.
        var error = await Assert.ThrowsAsync<ImValidationException>(() => new ImClient(t.Transport).SendC2CMessageAsync(request));
        Assert.Equal("MsgBody", error.Field);
        Assert.Equal("maxJsonBytes", error.Rule);
        Assert.Equal(0, t.Handler.Count);
        var direct = Assert.Throws<ImValidationException>(() => request.Validate());
        Assert.Equal(error.Message, direct.Message);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_sent_and_the_limit_is_the_bytes_of_MsgBody_on_the_wire()
    {
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var shell = Encoding.UTF8.GetByteCount("""[{"MsgType":"TIMTextElem","MsgContent":{"Text":""}}]""");
        var request = Text(new string('x', 12288 - shell));

        request.Validate();
        await new ImClient(t.Transport).SendC2CMessageAsync(request);

        Assert.Equal(1, t.Handler.Count);
        using var sent = JsonDocument.Parse(t.Handler.Requests[0].Body);
        Assert.Equal(12288, Encoding.UTF8.GetByteCount(sent.RootElement.GetProperty("MsgBody").GetRawText()));

        var over = Text(new string('x', 12288 - shell + 1));
        Assert.Equal("maxJsonBytes", Assert.Throws<ImValidationException>(() => over.Validate()).Rule);
        Assert.Equal("maxJsonBytes", Assert.Throws<ImValidationException>(() => over.WriteJson(new Utf8JsonWriter(new ArrayBufferWriter<byte>()))).Rule);
    }

    [Fact]
    public async Task Chinese_text_counts_its_UTF8_bytes_as_sent_not_the_six_bytes_of_an_escape()
    {
        // 3,000 characters: 9,000 bytes of UTF-8 on the wire (under 12 KB), 18,000 if each were written as \uXXXX.
        using var t = new TestTransport(FakeHttpHandler.Sequence(_ => FakeHttpHandler.Ok()));
        var request = Text(new string('客', 3000));

        request.Validate();
        await new ImClient(t.Transport).SendC2CMessageAsync(request);
        Assert.Equal(1, t.Handler.Count);
        Assert.Contains(new string('客', 10), t.Handler.Requests[0].Body, StringComparison.Ordinal);

        // 4,200 characters are 12,600 bytes: over the limit both ways of checking.
        var over = Text(new string('客', 4200));
        Assert.Equal("maxJsonBytes", Assert.Throws<ImValidationException>(() => over.Validate()).Rule);
        await Assert.ThrowsAsync<ImValidationException>(() => new ImClient(t.Transport).SendC2CMessageAsync(over));
        Assert.Equal(1, t.Handler.Count);
    }
}
