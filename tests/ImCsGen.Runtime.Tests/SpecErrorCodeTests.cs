using System;
using System.Buffers;
using System.Text.Json;
using ImCsGen.Callbacks;
using ImCsGen.Im;
using ImCsGen.Validation;
using Xunit;

namespace ImCsGen.Runtime.Tests;

/// <summary>
/// Tencent's codes stated once in spec/ (issue 13) and read by the runtime: each before-callback's reply helpers use its own
/// reply codes (a group reply accepts the group range 10100..10200, not the one-to-one 120001..130000), and a broken
/// constraint carries the code Tencent answers for it (93000 for a one-to-one MsgBody over 12 KB).
/// </summary>
public class SpecErrorCodeTests
{
    [Fact]
    public void AppError_accepts_each_callbacks_own_range_and_refuses_the_other_familys()
    {
        var group = ImCallbackReply.AppError(new GroupCallbackBeforeSendMsgReply(), 10150, "not in this group");
        Assert.Equal((10150, "not in this group", ImCallbackOutcomes.AppError), (group.ErrorCode, group.ErrorInfo, group.Outcome));
        var wrongForGroup = Assert.Throws<ArgumentOutOfRangeException>(() => ImCallbackReply.AppError(new GroupCallbackBeforeSendMsgReply(), 120123, "x"));
        Assert.Contains("10100..10200", wrongForGroup.Message, StringComparison.Ordinal);

        var c2c = ImCallbackReply.AppError(new C2CCallbackBeforeSendMsgReply(), 120123, "not now");
        Assert.Equal(ImCallbackOutcomes.AppError, c2c.Outcome);
        var wrongForC2C = Assert.Throws<ArgumentOutOfRangeException>(() => ImCallbackReply.AppError(new C2CCallbackBeforeSendMsgReply(), 10150, "x"));
        Assert.Contains("120001..130000", wrongForC2C.Message, StringComparison.Ordinal);

        // The group create/apply/topic callbacks relay the group range too; adding subscribers relays none (its page states none).
        Assert.Equal(10100, ImCallbackReply.AppError(new GroupCallbackBeforeCreateGroupReply(), 10100, "x").ErrorCode);
        var none = Assert.Throws<ArgumentOutOfRangeException>(() => ImCallbackReply.AppError(new OfficialAccountCallbackBeforeAddSubscriberReply(), 120100, "x"));
        Assert.Contains("relays no app error codes", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_code_is_judged_by_its_own_callback()
    {
        // 120123 asks for an app error on a one-to-one message, but means nothing to a group callback (Tencent: 10100..10200).
        Assert.Equal(ImCallbackOutcomes.AppError, new C2CCallbackBeforeSendMsgReply { ErrorCode = 120123 }.Outcome);
        Assert.Equal(ImCallbackOutcomes.None, new GroupCallbackBeforeSendMsgReply { ErrorCode = 120123 }.Outcome);

        // Drop exists for sends only: 2 is not a code create-group knows, and the helper refuses to write it.
        Assert.Equal(ImCallbackOutcomes.Drop, new GroupCallbackBeforeSendMsgReply { ErrorCode = 2 }.Outcome);
        Assert.Equal(ImCallbackOutcomes.None, new GroupCallbackBeforeCreateGroupReply { ErrorCode = 2 }.Outcome);
        Assert.Throws<InvalidOperationException>(() => ImCallbackReply.Drop(new GroupCallbackBeforeCreateGroupReply()));
        Assert.Equal(1, ImCallbackReply.Reject(new GroupCallbackBeforeCreateGroupReply()).ErrorCode);

        // The envelope-only reply (after-callbacks) has no codes but allow.
        Assert.Equal(ImCallbackOutcomes.None, new ImCallbackReply { ErrorCode = 1 }.Outcome);
        Assert.Throws<InvalidOperationException>(() => ImCallbackReply.Reject(new ImCallbackReply()));
    }

    [Fact]
    public void The_generated_constants_the_reply_codes_and_the_catalog_agree()
    {
        foreach (var descriptor in ImCallbackCatalog.All)
        {
            var reader = new Utf8JsonReader("{}"u8);
            var reply = descriptor.ReadReply(ref reader);
            Assert.Same(descriptor.ReplyCodes, reply.ReplyCodes);
            if (descriptor.Kind == ImCallbackKind.After)
            {
                Assert.Same(ImCallbackReplyCodes.None, descriptor.ReplyCodes);
            }
            else
            {
                Assert.Equal((descriptor.Outcomes & ImCallbackOutcomes.Reject) != 0, descriptor.ReplyCodes.RejectErrorCode is not null);
                Assert.Equal((descriptor.Outcomes & ImCallbackOutcomes.Drop) != 0, descriptor.ReplyCodes.DropErrorCode is not null);
                Assert.Equal((descriptor.Outcomes & ImCallbackOutcomes.AppError) != 0, descriptor.ReplyCodes.MinAppErrorCode is not null);
            }
        }

        var c2c = ImCallbackCatalog.C2CCallbackBeforeSendMsg.ReplyCodes;
        Assert.Equal((C2CCallbackBeforeSendMsgReply.RejectErrorCode, C2CCallbackBeforeSendMsgReply.RejectCallerCode, C2CCallbackBeforeSendMsgReply.DropErrorCode), (c2c.RejectErrorCode, c2c.RejectCallerCode, c2c.DropErrorCode));
        Assert.Equal((1, 20006, 2, 120001, 130000), (C2CCallbackBeforeSendMsgReply.RejectErrorCode, C2CCallbackBeforeSendMsgReply.RejectCallerCode, C2CCallbackBeforeSendMsgReply.DropErrorCode, C2CCallbackBeforeSendMsgReply.MinAppErrorCode, C2CCallbackBeforeSendMsgReply.MaxAppErrorCode));
        Assert.Equal((1, 10016, 2, 10100, 10200), (GroupCallbackBeforeSendMsgReply.RejectErrorCode, GroupCallbackBeforeSendMsgReply.RejectCallerCode, GroupCallbackBeforeSendMsgReply.DropErrorCode, GroupCallbackBeforeSendMsgReply.MinAppErrorCode, GroupCallbackBeforeSendMsgReply.MaxAppErrorCode));
    }

    // Validate() carrying each stated code is checked for every errorCodes entry by the emulator tests'
    // SpecConstraintCodeTests; here, what that test does not reach: the code when the size is measured while the
    // transport writes the body, and no code on a rule the spec states none for.
    [Fact]
    public void The_code_is_carried_when_the_transport_measures_the_body_and_absent_for_rules_without_one()
    {
        var c2c = new SendC2CMessageRequest { ToAccount = "u1", MsgBody = [new TIMTextElem { Text = new string('x', 13000) }] };
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
        var written = Assert.Throws<ImValidationException>(() => c2c.WriteJson(writer));
        Assert.Equal(("MsgBody", "maxJsonBytes", (int?)93000), (written.Field, written.Rule, written.ErrorCode));

        var empty = Assert.Throws<ImValidationException>(() => new SendC2CMessageRequest { ToAccount = "u1", MsgBody = [] }.Validate());
        Assert.Equal(("minItems", (int?)null), (empty.Rule, empty.ErrorCode));
    }
}
