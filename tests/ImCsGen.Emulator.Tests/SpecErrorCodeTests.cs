using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Callbacks;
using ImCsGen.Emulator.Callbacks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// The emulator answers Tencent's codes from the spec (issue 13): before-callback refusals from each callback's generated
/// reply codes (spec <c>replyCodes</c>), and a one-to-one MsgBody over 12 KB with the 93000 the spec states on the
/// constraint, with no copy of either in the emulator.
/// </summary>
public sealed class SpecErrorCodeTests
{
    private static ImCallbackDescriptor Descriptor(ImCallbackReplyCodes codes) => new(
        "Test.CallbackBeforeThing",
        "TestBefore",
        ImCallbackKind.Before,
        ImCallbackOutcomes.Allow | ImCallbackOutcomes.Reject | ImCallbackOutcomes.Drop | ImCallbackOutcomes.AppError,
        null,
        static (ref Utf8JsonReader reader) => throw new NotSupportedException(),
        static (ref Utf8JsonReader reader) => ImCallbackReply.ReadEnvelope(ref reader))
    {
        ReplyCodes = codes,
    };

    private static JsonElement Json(byte[]? answer)
    {
        using var document = JsonDocument.Parse(Assert.IsType<byte[]>(answer));
        return document.RootElement.Clone();
    }

    [Fact]
    public void A_refusal_is_answered_with_the_codes_the_descriptor_carries_and_nothing_else()
    {
        // Made-up codes no Tencent family uses: the answer can only have come from this metadata.
        var descriptor = Descriptor(new ImCallbackReplyCodes(rejectErrorCode: 7, rejectCallerCode: 4242, dropErrorCode: 8, minAppErrorCode: 500, maxAppErrorCode: 600));

        var refused = Json(SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = 7 }, descriptor, dropTime: 1_700_000_000, dropKey: false));
        Assert.Equal(4242, refused.GetProperty("ErrorCode").GetInt32());
        Assert.Contains("Test.CallbackBeforeThing", refused.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);

        var relayed = Json(SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = 550, ErrorInfo = "app says no" }, descriptor, null, false));
        Assert.Equal((550, "app says no"), (relayed.GetProperty("ErrorCode").GetInt32(), relayed.GetProperty("ErrorInfo").GetString()));

        var dropped = Json(SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = 8 }, descriptor, dropTime: 1_700_000_000, dropKey: true));
        Assert.Equal((0, 1_700_000_000L), (dropped.GetProperty("ErrorCode").GetInt32(), dropped.GetProperty("MsgTime").GetInt64()));

        // Tencent's usual numbers mean nothing to this callback: 1, 2, 120001 and 10100 let the operation proceed.
        foreach (var code in new[] { 0, 1, 2, 120001, 10100 })
        {
            Assert.Null(SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = code }, descriptor, 1_700_000_000, false));
        }

        // A drop code on an operation that cannot be dropped (no dropTime) proceeds as well.
        Assert.Null(SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = 8 }, descriptor, null, false));
    }

    [Fact]
    public void A_refusal_of_a_callback_whose_spec_names_no_caller_code_is_an_error_not_a_guess()
    {
        var descriptor = Descriptor(new ImCallbackReplyCodes(rejectErrorCode: 1, rejectCallerCode: null, dropErrorCode: null, minAppErrorCode: null, maxAppErrorCode: null));
        var error = Assert.Throws<InvalidOperationException>(() => SpecReplyCodes.Answer(new ImCallbackReply { ErrorCode = 1 }, descriptor, null, false));
        Assert.Contains("callerCode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_before_callback_the_emulator_sends_states_what_a_refused_caller_gets()
    {
        var sent = new[]
        {
            ImCallbackCatalog.C2CCallbackBeforeSendMsg, ImCallbackCatalog.GroupCallbackBeforeSendMsg, ImCallbackCatalog.GroupCallbackBeforeCreateGroup,
            ImCallbackCatalog.GroupCallbackBeforeInviteJoinGroup, ImCallbackCatalog.GroupCallbackBeforeCreateTopic,
            ImCallbackCatalog.OfficialAccountCallbackBeforeCreateOfficialAccount, ImCallbackCatalog.OfficialAccountCallbackBeforeAddSubscriber,
            ImCallbackCatalog.OfficialAccountCallbackBeforeSendMsg,
        };
        Assert.All(sent, d => Assert.True(d.ReplyCodes.RejectCallerCode is not null, d.Command + ": replyCodes.reject.callerCode"));
        Assert.Equal(
            new[] { 20006, 10016, 10016, 10016, 10016, 20006, 20006, 10016 },
            sent.Select(SpecReplyCodes.CallerCodeOf).ToArray());
    }

    // Each stated code is answered for every errorCodes entry (SpecConstraintCodeTests); here, the other side: a rule
    // the spec states no code for gets the family's invalid-parameter code, never a stated one.
    [Fact]
    public async Task A_rule_without_a_stated_code_is_answered_with_the_familys_invalid_parameter_code()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("sz_a", "sz_b");
        using var empty = await t.RawAsync("openim/sendmsg", t.Query(), "{\"To_Account\":\"sz_b\",\"MsgRandom\":2,\"MsgBody\":[]}");
        Assert.Equal(ImCsGen.Emulator.Handlers.EndpointTable.Find("openim/sendmsg")!.InvalidParameterCode, empty.Code());
        Assert.Contains("MsgBody", empty.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
    }
}
