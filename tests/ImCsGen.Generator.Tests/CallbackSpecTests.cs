using System;
using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// The spec's "callbacks" section: malformed entries are IMSPEC030 (or the generic rules) at their JSON
/// location; a sound entry generates a payload, a reply and the catalog, and the result compiles.
/// </summary>
public sealed class CallbackSpecTests
{
    private const string Good = """{ "namespace": "Contoso.Hooks", "callbacks": [ { "name": "C2CBefore", "command": "C2C.CallbackBeforeSendMsg", "kind": "before", "summary": "s", "outcomes": ["allow", "reject", "modify"], "payload": [ { "name": "From_Account", "type": "string" }, { "name": "MsgSeq", "type": "uint32" } ], "reply": [ { "name": "Note", "type": "string" } ] }, { "name": "StateChange", "command": "State.StateChange", "kind": "after", "summary": "s", "payload": [ { "name": "EventTime", "type": "int64" } ] } ] }""";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "IMSPEC030", "command without an area", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": @@"CallbackAfterSendMsg", "kind": "after", "summary": "s" } ] }""" },
        { "IMSPEC030", "reply fields on an after-callback", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackAfterSendMsg", "kind": @@"after", "summary": "s", "reply": [ { "name": "MsgBody", "type": "string" } ] } ] }""" },
        { "IMSPEC030", "outcomes without allow", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackBeforeSendMsg", "kind": "before", "summary": "s", @@"outcomes": ["reject"] } ] }""" },
        { "IMSPEC030", "the same command twice", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackAfterSendMsg", "kind": "after", "summary": "s" }, { "name": "Y", "command": @@"C2C.CallbackAfterSendMsg", "kind": "after", "summary": "s" } ] }""" },
        { "IMSPEC030", "a payload field named CallbackCommand", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackAfterSendMsg", "kind": "after", "summary": "s", "payload": [ { "name": @@"CallbackCommand", "type": "string" } ] } ] }""" },
        { "IMSPEC002", "unknown kind", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackAfterSendMsg", "kind": @@"during", "summary": "s" } ] }""" },
        { "IMSPEC002", "commandInBody that is not a boolean", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "Push.OfflinePush", "kind": "after", "summary": "s", "commandInBody": @@"no" } ] }""" },
        { "IMSPEC002", "acceptsSingle that is not a boolean", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "ContentCallback.ResultNotify", "kind": "after", "summary": "s", "payload": [ { "name": "TextContent", "type": "string[]", "acceptsSingle": @@1 } ] } ] }""" },
        { "IMSPEC014", "acceptsSingle on a field that is not an array", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "ContentCallback.ResultNotify", "kind": "after", "summary": "s", "payload": [ { "name": "TextContent", "type": "string", @@"acceptsSingle": true } ] } ] }""" },
        { "IMSPEC004", "acceptsSingle on a reply field", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackBeforeSendMsg", "kind": "before", "summary": "s", "reply": [ { "name": "Texts", "type": "string[]", @@"acceptsSingle": true } ] } ] }""" },
        { "IMSPEC004", "acceptsSingle on a field of a declared type", """{ "namespace": "A.B", "types": { "T": { "kind": "object", "fields": [ { "name": "X", "type": "string[]", @@"acceptsSingle": true } ] } } }""" },
        { "IMSPEC004", "typo in a callback key", """{ "namespace": "A.B", "callbacks": [ { "name": "X", "command": "C2C.CallbackAfterSendMsg", "kind": "after", "summary": "s", @@"paylaod": [] } ] }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_callback_entry_is_reported_at_its_json_location(string id, string because, string markedJson)
    {
        GeneratorHarness.AssertReportedAtMarker(id, because, markedJson);
    }

    [Fact]
    public void A_sound_callback_spec_generates_payloads_replies_and_a_catalog_that_compile()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/hooks.json", Good) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Contoso.Hooks.Callbacks.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("public sealed partial class C2CBefore : global::ImCsGen.Callbacks.ImCallbackPayload, global::ImCsGen.Callbacks.IImCallbackPayload<C2CBefore>", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class C2CBeforeReply : global::ImCsGen.Callbacks.ImCallbackReply", source, StringComparison.Ordinal);
        Assert.DoesNotContain("class StateChangeReply", source, StringComparison.Ordinal);
        Assert.Contains("global::ImCsGen.Callbacks.ImCallbackOutcomes.Allow | global::ImCsGen.Callbacks.ImCallbackOutcomes.Reject | global::ImCsGen.Callbacks.ImCallbackOutcomes.Modify", source, StringComparison.Ordinal);
        Assert.Contains("\"State.StateChange\" => StateChange,", source, StringComparison.Ordinal);
        Assert.NotNull(output.GetTypeByMetadataName("Contoso.Hooks.ImCallbackCatalog"));
    }

    [Fact]
    public void CommandInBody_false_writes_the_command_only_when_held_and_marks_the_descriptor()
    {
        // One callback states commandInBody false (Tencent's body has no CallbackCommand), one omits it (default true),
        // one states true explicitly: only the first changes the writer and the descriptor.
        const string spec = """{ "namespace": "Contoso.Hooks", "callbacks": [ { "name": "Pushed", "command": "Push.OfflinePush", "kind": "after", "summary": "s", "commandInBody": false, "payload": [ { "name": "Events", "type": "string[]" } ] }, { "name": "Sent", "command": "C2C.CallbackAfterSendMsg", "kind": "after", "summary": "s" }, { "name": "Before", "command": "C2C.CallbackBeforeSendMsg", "kind": "before", "summary": "s", "commandInBody": true } ] }""";
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/hooks.json", spec) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Contoso.Hooks.Callbacks.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Equal("WriteCommandPropertyIfSet(writer);", WriteJsonCommandLine(source, "Pushed"));
        Assert.Equal("WriteCommandProperty(writer, CommandName);", WriteJsonCommandLine(source, "Sent"));
        Assert.Equal("WriteCommandProperty(writer, CommandName);", WriteJsonCommandLine(source, "Before"));
        Assert.Single(Occurrences(source, "CommandInBody = false,"));
        var start = source.IndexOf("ImCallbackDescriptor Pushed { get; } = new(", StringComparison.Ordinal);
        var descriptor = source.Substring(start, source.IndexOf("};", start, StringComparison.Ordinal) - start);
        Assert.Contains("CommandInBody = false,", descriptor, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsSingle_reads_the_flagged_array_field_with_the_tolerant_helper_only()
    {
        const string spec = """{ "namespace": "Contoso.Hooks", "callbacks": [ { "name": "Moderated", "command": "ContentCallback.ResultNotify", "kind": "after", "summary": "s", "commandInBody": false, "payload": [ { "name": "TextContent", "type": "string[]", "acceptsSingle": true }, { "name": "CtxcbKeywords", "type": "string[]" }, { "name": "Scores", "type": "int32[]", "acceptsSingle": false } ] } ] }""";
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/hooks.json", spec) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Contoso.Hooks.Callbacks.g.cs", StringComparison.Ordinal)).ToString();
        var lines = source.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("value.TextContent = ", StringComparison.Ordinal) && l.Contains("ReadArrayOrSingle<string>(ref reader, \"TextContent\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("value.CtxcbKeywords = ", StringComparison.Ordinal) && l.Contains("ImJson.ReadArray<string>(", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("value.Scores = ", StringComparison.Ordinal) && l.Contains("ImJson.ReadArray<int>(", StringComparison.Ordinal));
        Assert.Single(Occurrences(source, "ReadArrayOrSingle<"));
    }

    /// <summary>The line of a payload class's WriteJson that writes (or may write) CallbackCommand.</summary>
    private static string WriteJsonCommandLine(string source, string className)
    {
        var start = source.IndexOf("public sealed partial class " + className + " :", StringComparison.Ordinal);
        Assert.True(start >= 0, className + " not generated");
        var write = source.IndexOf("public override void WriteJson(", start, StringComparison.Ordinal);
        var lines = source.Substring(write).Split('\n').Select(l => l.Trim()).ToList();
        return lines.First(l => l.StartsWith("WriteCommandProperty", StringComparison.Ordinal));
    }

    private static System.Collections.Generic.IEnumerable<int> Occurrences(string source, string text)
    {
        for (var i = source.IndexOf(text, StringComparison.Ordinal); i >= 0; i = source.IndexOf(text, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
