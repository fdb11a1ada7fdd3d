using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.Im;
using ImCsGen.Serialization;
using Xunit;

namespace ImCsGen.Runtime.Tests;

/// <summary>
/// Inputs the fuzzer (tests/ImCsGen.Fuzz, target "readers") found breaking the generated readers, kept as
/// regression tests: a public ReadJson must end every bad body in an ImJsonException with a path, refuse
/// content after the object, and never read a number it cannot write back.
/// </summary>
public class ReaderFuzzRegressionTests
{
    // openim/sendmsg as Tencent's page shows it (spec/examples/openim/sendmsg.json), with a marker to replace.
    private const string SendMsg = """{"SyncOtherMachine":2,"To_Account":"lumotuwe2","MsgRandom":1287657,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"@TEXT@"}}]}""";

    private static SendC2CMessageRequest ReadRequest(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        return SendC2CMessageRequest.ReadJson(ref reader);
    }

    private static byte[] WithText(byte[] text)
    {
        var parts = SendMsg.Split("@TEXT@");
        return Encoding.UTF8.GetBytes(parts[0]).Concat(text).Concat(Encoding.UTF8.GetBytes(parts[1])).ToArray();
    }

    [Fact]
    public void The_unchanged_body_reads()
    {
        var request = ReadRequest(WithText("hi"u8.ToArray()));
        Assert.Equal("hi", ((TIMTextElem)request.MsgBody[0]).Text);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]             // not UTF-8 at all
    [InlineData(new byte[] { 0xC0, 0x80 })]       // overlong encoding
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })] // lone high surrogate escape
    [InlineData(new byte[] { (byte)'a', (byte)'\\', (byte)'u', (byte)'d', (byte)'c', (byte)'0', (byte)'0' })] // lone low surrogate escape
    public void Text_that_is_not_valid_UTF_8_or_UTF_16_is_an_ImJsonException_at_the_field(byte[] text)
    {
        // Was: InvalidOperationException ("Cannot transcode invalid UTF-8 JSON text", "Invalid surrogate value") out of ReadJson.
        var error = Assert.Throws<ImJsonException>(() => ReadRequest(WithText(text)));
        Assert.Equal("MsgBody[0].MsgContent.Text", error.Path);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Theory]
    [InlineData("""{"To_Account":"a","MsgBody":[}""", "MsgBody")]
    [InlineData("""{"To_Account":"a","MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x}}]}""", "MsgBody[0].MsgContent.Text")]
    [InlineData("""{"To_Account":"a",}""", "To_Account")]
    [InlineData("""{"To_Account":"a" "MsgRandom":1}""", "To_Account")]
    [InlineData("""{""", "SendC2CMessageRequest")]
    [InlineData("", "SendC2CMessageRequest")]
    public void Malformed_JSON_is_an_ImJsonException_with_the_path_reached(string body, string path)
    {
        // Was: System.Text.Json's JsonReaderException, unwrapped, with no path.
        var error = Assert.Throws<ImJsonException>(() => ReadRequest(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(path, error.Path);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Contains("malformed JSON (line 1, byte", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" x")]
    [InlineData("{}")]
    [InlineData(" {\"a\":1}")]
    [InlineData(",")]
    [InlineData("]")]
    [InlineData(" null")]
    public void Content_after_the_object_is_refused(string trailing)
    {
        // Was: read as if the body ended after the object.
        var error = Assert.Throws<ImJsonException>(() => ReadRequest(WithText("hi"u8.ToArray()).Concat(Encoding.UTF8.GetBytes(trailing)).ToArray()));
        Assert.Equal("SendC2CMessageRequest", error.Path);
    }

    [Fact]
    public void Whitespace_after_the_object_is_fine()
        => Assert.Equal("lumotuwe2", ReadRequest(WithText("hi"u8.ToArray()).Concat(" \r\n\t"u8.ToArray()).ToArray()).ToAccount);

    [Theory]
    [InlineData("-1e400")]
    [InlineData("1e400")]
    [InlineData("\"-1e400\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void A_number_outside_double_is_refused_instead_of_read_as_infinity(string latitude)
    {
        // Was: -Infinity, which WriteJson could not write back (Utf8JsonWriter refuses non-finite numbers).
        var body = """{"To_Account":"a","MsgRandom":1,"MsgBody":[{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"d","Latitude":""" + latitude + ""","Longitude":1.5}}]}""";
        var error = Assert.Throws<ImJsonException>(() => ReadRequest(Encoding.UTF8.GetBytes(body)));
        Assert.Equal("MsgBody[0].MsgContent.Latitude", error.Path);
    }

    [Fact]
    public void A_finite_double_still_reads_and_writes_back()
    {
        var body = """{"To_Account":"a","MsgRandom":1,"MsgBody":[{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"d","Latitude":1e-400,"Longitude":"22.5"}}]}""";
        var location = (TIMLocationElem)ReadRequest(Encoding.UTF8.GetBytes(body)).MsgBody[0];
        Assert.Equal(0d, location.Latitude);
        Assert.Equal(22.5d, location.Longitude);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(20_000)]
    public void Deep_nesting_in_an_unknown_property_is_an_ImJsonException_not_a_stack_overflow(int depth)
    {
        var body = "{\"Unknown\":" + new string('[', depth) + new string(']', depth) + ",\"To_Account\":\"a\",\"MsgRandom\":1,\"MsgBody\":[]}";
        var error = Assert.Throws<ImJsonException>(() => ReadRequest(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith("Unknown", error.Path, StringComparison.Ordinal);
        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_and_the_envelope_reader_refuse_trailing_content_too()
    {
        var body = """{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgTime":1,"MsgKey":"k"} trailing"""u8.ToArray();
        Assert.Throws<ImJsonException>(() =>
        {
            var reader = new Utf8JsonReader(body);
            return SendC2CMessageResponse.ReadJson(ref reader);
        });
        Assert.Throws<ImJsonException>(() =>
        {
            var reader = new Utf8JsonReader(body);
            return ImEnvelope.ReadJson(ref reader);
        });
    }

    [Fact]
    public void A_reader_the_caller_positioned_inside_a_document_reads_just_the_object()
    {
        // Nested use (an array of objects read by the caller) is unchanged: no trailing-content check there.
        var body = Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(WithText("a"u8.ToArray())) + "," + Encoding.UTF8.GetString(WithText("b"u8.ToArray())) + "]");
        var reader = new Utf8JsonReader(body);
        reader.Read();
        reader.Read();
        var first = SendC2CMessageRequest.ReadJson(ref reader);
        reader.Read();
        var second = SendC2CMessageRequest.ReadJson(ref reader);
        Assert.Equal("a", ((TIMTextElem)first.MsgBody[0]).Text);
        Assert.Equal("b", ((TIMTextElem)second.MsgBody[0]).Text);
    }
}
