using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.AspNetCore.Tests;

/// <summary>
/// One generic test over spec/examples/callbacks: every documented payload reads into its typed class with
/// every key typed (nothing left in AdditionalProperties) and writes back equal; every reply reads and
/// writes back equal. No per-callback test code.
/// </summary>
public sealed class CallbackFixtureTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "callbacks"), "*.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Every_callback_of_the_catalog_has_a_fixture_and_every_fixture_a_callback()
    {
        var files = Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "callbacks"), "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet(System.StringComparer.Ordinal);
        var commands = ImCallbackCatalog.All.Select(d => d.Command).ToHashSet(System.StringComparer.Ordinal);
        Assert.Equal(61, commands.Count);
        Assert.Equal(commands.OrderBy(c => c, System.StringComparer.Ordinal), files.OrderBy(c => c, System.StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Payloads_parse_with_every_key_typed_and_replies_write_as_documented(string fileName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(System.AppContext.BaseDirectory, "callbacks", fileName)));
        var command = doc.RootElement.GetProperty("callback").GetString();
        Assert.True(ImCallbackCatalog.TryGet(command, out var descriptor), fileName + ": command not in the catalog");
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), command);
        foreach (var example in doc.RootElement.GetProperty("examples").EnumerateArray())
        {
            var title = fileName + " / " + example.GetProperty("title").GetString();
            var payloadJson = example.GetProperty("payload").GetRawText();
            // A fixture is Tencent's example: its body has a top-level CallbackCommand exactly when the spec says so (commandInBody).
            Assert.True(descriptor.CommandInBody == example.GetProperty("payload").TryGetProperty("CallbackCommand", out _), title + ": CallbackCommand in the body disagrees with the spec's commandInBody (" + descriptor.CommandInBody + ")");
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(payloadJson));
            var payload = descriptor.ReadPayload(ref reader);
            Assert.Same(descriptor, payload.Descriptor);
            Assert.True(payload.AdditionalProperties is null, title + ": keys the spec does not type: " + string.Join(", ", payload.AdditionalProperties?.Keys ?? []));
            AssertJsonEqual(payloadJson, Write(payload.WriteJson), title + " (payload)");

            if (example.TryGetProperty("reply", out var replyElement))
            {
                var replyJson = replyElement.GetRawText();
                var replyReader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(replyJson));
                var reply = descriptor.ReadReply(ref replyReader);
                AssertJsonEqual(replyJson, Write(reply.WriteJson), title + " (reply)");
            }
        }
    }

    [Fact]
    public void Unknown_fields_and_element_kinds_survive_a_round_trip()
    {
        const string json = """{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"a","NewField":{"x":[1,2]},"MsgBody":[{"MsgType":"TIMFutureElem","MsgContent":{"Z":1}}]}""";
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var payload = C2CCallbackAfterSendMsg.ReadJson(ref reader);
        Assert.Equal("a", payload.FromAccount);
        Assert.True(payload.AdditionalProperties!.ContainsKey("NewField"));
        Assert.IsType<UnknownMsgBodyElement>(payload.MsgBody![0]);
        AssertJsonEqual(json, Write(payload.WriteJson), "unknown content");
    }

    internal static string Write(System.Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void AssertJsonEqual(string expected, string actual, string what)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        var difference = Difference(a.RootElement, b.RootElement, "$");
        Assert.True(difference is null, what + ": " + difference + "\nexpected " + expected + "\nactual   " + actual);
    }

    private static string? Difference(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return path + ": " + a.ValueKind + " vs " + b.ValueKind;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, System.StringComparer.Ordinal);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, System.StringComparer.Ordinal);
                foreach (var key in left.Keys.Union(right.Keys))
                {
                    if (!left.TryGetValue(key, out var l))
                    {
                        return path + "." + key + ": added";
                    }

                    if (!right.TryGetValue(key, out var r))
                    {
                        return path + "." + key + ": dropped";
                    }

                    if (Difference(l, r, path + "." + key) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var x = a.EnumerateArray().ToList();
                var y = b.EnumerateArray().ToList();
                if (x.Count != y.Count)
                {
                    return path + ": " + x.Count + " vs " + y.Count + " items";
                }

                return Enumerable.Range(0, x.Count).Select(i => Difference(x[i], y[i], path + "[" + i + "]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Number:
                return a.GetDecimal() == b.GetDecimal() ? null : path + ": " + a.GetRawText() + " vs " + b.GetRawText();
            case JsonValueKind.String:
                // Compare the decoded text: the writer escapes non-ASCII and quotes ("\u5F71", "\u0022") where a page writes them plainly.
                return string.Equals(a.GetString(), b.GetString(), System.StringComparison.Ordinal) ? null : path + ": " + a.GetRawText() + " vs " + b.GetRawText();
            default:
                return a.GetRawText() == b.GetRawText() ? null : path + ": " + a.GetRawText() + " vs " + b.GetRawText();
        }
    }
}
