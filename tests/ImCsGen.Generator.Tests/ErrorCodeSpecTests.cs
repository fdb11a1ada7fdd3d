using System;
using System.Linq;
using ImCsGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// Tencent's error codes stated in the spec (issue 13): a before-callback's <c>replyCodes</c> and a constraint's
/// <c>errorCodes</c>. A malformed value is reported at its JSON location; sound ones become constants, the descriptor's
/// <c>ReplyCodes</c> and a code stamped on the validation failure, and the result compiles.
/// </summary>
public sealed class ErrorCodeSpecTests
{
    private const string Before = """ "name": "X", "command": "Group.CallbackBeforeSendMsg", "kind": "before", "summary": "s" """;

    private const string Endpoint = """ "namespace": "A.B", "client": "C", "endpoints": [ { "name": "Send", "path": "openim/sendmsg", "group": "g", "summary": "s", "request": [ """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "IMSPEC030", "appError listed without a range", "{ \"namespace\": \"A.B\", \"callbacks\": [ @@{" + Before + ", \"outcomes\": [\"allow\", \"appError\"] } ] }" },
        { "IMSPEC030", "a replyCodes key the outcomes do not list", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\"], \"replyCodes\": { @@\"drop\": { \"description\": \"d\" } } } ] }" },
        { "IMSPEC030", "an app-error range with min above max", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"appError\"], \"replyCodes\": { \"appError\": @@{ \"min\": 10200, \"max\": 10100, \"description\": \"d\" } } } ] }" },
        { "IMSPEC030", "replyCodes on an after-callback", "{ \"namespace\": \"A.B\", \"callbacks\": [ { \"name\": \"X\", \"command\": \"Group.CallbackAfterSendMsg\", \"kind\": \"after\", \"summary\": \"s\", @@\"replyCodes\": {} } ] }" },
        { "IMSPEC030", "reject and drop on the same reply code", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\", \"drop\"], \"replyCodes\": { \"reject\": { \"errorCode\": 1, \"callerCode\": 10016, \"description\": \"d\" }, @@\"drop\": { \"errorCode\": 1, \"description\": \"d\" } } } ] }" },
        { "IMSPEC002", "a caller code that is not an integer", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\"], \"replyCodes\": { \"reject\": { \"callerCode\": @@\"10016\", \"description\": \"d\" } } } ] }" },
        { "IMSPEC002", "a reply code of 0 (that is allow)", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\"], \"replyCodes\": { \"reject\": { \"errorCode\": @@0, \"callerCode\": 10016, \"description\": \"d\" } } } ] }" },
        { "IMSPEC003", "a reject entry without its caller code", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\"], \"replyCodes\": { \"reject\": @@{ \"description\": \"d\" } } } ] }" },
        { "IMSPEC004", "a typo in a replyCodes key", "{ \"namespace\": \"A.B\", \"callbacks\": [ {" + Before + ", \"outcomes\": [\"allow\", \"reject\"], \"replyCodes\": { @@\"rejekt\": {} } } ] }" },
        { "IMSPEC010", "an error code keyed by something that is not a constraint", "{" + Endpoint + "{ \"name\": \"MsgBody\", \"type\": \"string\", \"constraints\": { \"maxBytes\": 10, \"errorCodes\": { @@\"tooBig\": { \"code\": 93000, \"description\": \"d\" } } } } ] } ] }" },
        { "IMSPEC010", "an error code for a rule the field does not set", "{" + Endpoint + "{ \"name\": \"MsgBody\", \"type\": \"string\", \"constraints\": { \"maxBytes\": 10, \"errorCodes\": { @@\"minBytes\": { \"code\": 93000, \"description\": \"d\" } } } } ] } ] }" },
        { "IMSPEC010", "minimum and maximum with different codes", "{" + Endpoint + "{ \"name\": \"N\", \"type\": \"int32\", \"constraints\": { \"minimum\": 1, \"maximum\": 9, \"errorCodes\": { \"minimum\": { \"code\": 1, \"description\": \"d\" }, @@\"maximum\": { \"code\": 2, \"description\": \"d\" } } } } ] } ] }" },
        { "IMSPEC002", "an error code that is not a positive integer", "{" + Endpoint + "{ \"name\": \"MsgBody\", \"type\": \"string\", \"constraints\": { \"maxBytes\": 10, \"errorCodes\": { \"maxBytes\": { \"code\": @@-5, \"description\": \"d\" } } } } ] } ] }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_error_codes_are_reported_at_their_json_location(string id, string because, string markedJson)
    {
        GeneratorHarness.AssertReportedAtMarker(id, because, markedJson);
    }

    [Fact]
    public void Reply_codes_become_constants_and_the_descriptor_codes_and_the_result_compiles()
    {
        const string Json = """
            { "namespace": "Contoso.Hooks", "callbacks": [
              { "name": "GroupBefore", "command": "Group.CallbackBeforeSendMsg", "kind": "before", "summary": "s",
                "outcomes": ["allow", "reject", "drop", "appError"],
                "replyCodes": {
                  "reject": { "errorCode": 1, "callerCode": 10016, "description": "page: 1 refuses, the caller gets 10016" },
                  "drop": { "errorCode": 2, "description": "page: 2 drops" },
                  "appError": { "min": 10100, "max": 10200, "description": "page: [10100, 10200]" } } },
              { "name": "JoinBefore", "command": "Group.CallbackBeforeApplyJoinGroup", "kind": "before", "summary": "s" } ] }
            """;
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/hooks.json", Json) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Contoso.Hooks.Callbacks.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("public const int RejectErrorCode = 1;", source, StringComparison.Ordinal);
        Assert.Contains("public const int RejectCallerCode = 10016;", source, StringComparison.Ordinal);
        Assert.Contains("public const int MinAppErrorCode = 10100;", source, StringComparison.Ordinal);
        Assert.Contains("public const int MaxAppErrorCode = 10200;", source, StringComparison.Ordinal);
        Assert.Contains("ReplyCodes = new global::ImCsGen.Callbacks.ImCallbackReplyCodes(rejectErrorCode: 1, rejectCallerCode: 10016, dropErrorCode: 2, minAppErrorCode: 10100, maxAppErrorCode: 10200),", source, StringComparison.Ordinal);

        // No outcomes, no replyCodes: the callback can only allow, and the generator states no Tencent code of its own.
        Assert.Contains("ReplyCodes = new global::ImCsGen.Callbacks.ImCallbackReplyCodes(rejectErrorCode: null, rejectCallerCode: null, dropErrorCode: null, minAppErrorCode: null, maxAppErrorCode: null),", source, StringComparison.Ordinal);
        Assert.Contains("public override global::ImCsGen.Callbacks.ImCallbackReplyCodes ReplyCodes => global::Contoso.Hooks.ImCallbackCatalog.GroupBefore.ReplyCodes;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constraint_error_code_is_stamped_on_the_failure_in_validate_and_while_writing()
    {
        const string Json = """
            { "namespace": "Contoso.Sends", "client": "SendClient", "endpoints": [ { "name": "Send", "path": "openim/sendmsg", "group": "g", "summary": "s",
              "request": [ { "name": "Body", "type": "string[]", "required": true,
                "constraints": { "maxItems": 3, "maxJsonBytes": 64, "errorCodes": { "maxJsonBytes": { "code": 93000, "description": "the error-code page" } } } } ] } ] }
            """;
        var (result, output) = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/spec/sends.json", Json) });

        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()));
        const string Catch = "catch (global::ImCsGen.Validation.ImValidationException e) when (e.Rule == \"maxJsonBytes\" && e.ErrorCode is null)";

        // Once around Validate()'s checks and once around the size measured while WriteJson writes the body.
        Assert.Equal(2, CountOf(source, Catch));
        Assert.Equal(2, CountOf(source, "throw e.WithErrorCode(93000);"));
        Assert.DoesNotContain("e.Rule == \"maxItems\"", source, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
