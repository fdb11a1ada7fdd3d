using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ImCsGen.Spec.Tests;

/// <summary>
/// The modelling rules the built-in spec follows (issue 2): account ids carry kind userId, de-duplication keys
/// carry their roles, numbers that can outgrow int32 are int64, and Tencent's documented limits are constraints.
/// </summary>
public sealed class FieldRuleTests
{
    private static readonly string[] AccountFieldNames =
    {
        "From_Account", "To_Account", "UserID", "Operator_Account", "Peer_Account", "Report_Account",
        "Accounts", "FailAccounts", "Fail_Account",
    };

    private static readonly string[] SendEndpoints = { "SendC2CMessage", "BatchSendC2CMessage", "ImportC2CMessage" };

    [Fact]
    public void Account_id_fields_are_user_ids_and_user_ids_are_strings()
    {
        var problems = new List<string>();
        foreach (var field in SpecFiles.Fields)
        {
            var isAccountField = AccountFieldNames.Contains(field.Name);
            var kind = field.Str("kind");
            if (isAccountField && kind != "userId")
            {
                problems.Add(field.Where + " is an account id without kind userId");
            }

            if (kind == "userId" && field.Type is not ("string" or "string[]"))
            {
                problems.Add(field.Where + " has kind userId but type " + field.Type);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Roles_fit_their_field_types_and_places()
    {
        var problems = new List<string>();
        foreach (var field in SpecFiles.Fields.Where(f => f.Str("role") is not null))
        {
            var role = field.Str("role");
            var fits = role switch
            {
                "messageSender" => field.Type == "string" && field.Place == FieldPlace.Request,
                "messageRecipient" => field.Type is "string" or "string[]" && field.Place == FieldPlace.Request,
                "messageRandom" or "messageSequence" => field.Type == "uint32" && field.Place == FieldPlace.Request,
                "messageTimestamp" => field.Type == "int64" && field.Place == FieldPlace.Request,
                "itemErrors" => field.Type.EndsWith("[]", StringComparison.Ordinal) && field.Place == FieldPlace.Response,
                "itemResults" => field.Type.EndsWith("[]", StringComparison.Ordinal) && field.Place == FieldPlace.Response,
                "resultCode" => field.Type is "int32" or "int64",
                _ => false,
            };
            if (!fits)
            {
                problems.Add(field.Where + ": role " + role + " does not fit type " + field.Type + " in " + field.Place);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Message_sends_are_deduplicated_and_carry_their_roles_and_body_limits()
    {
        var deduplicated = SpecFiles.Endpoints.Where(e => Str(e.Endpoint, "idempotency") == "deduplicated").Select(e => Str(e.Endpoint, "name")).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(SendEndpoints.OrderBy(n => n, StringComparer.Ordinal), deduplicated);
        foreach (var name in SendEndpoints)
        {
            var request = SpecFiles.Fields.Where(f => f.Owner == name + "Request").ToDictionary(f => f.Name);
            Assert.Equal("messageSender", request["From_Account"].Str("role"));
            Assert.Equal("messageRecipient", request["To_Account"].Str("role"));
            Assert.True(request["To_Account"].Required, name + ".To_Account must be required");
            Assert.Equal("messageRandom", request["MsgRandom"].Str("role"));
            Assert.Equal("messageSequence", request["MsgSeq"].Str("role"));
            var body = request["MsgBody"];
            Assert.True(body.Required, name + ".MsgBody must be required");
            Assert.Equal("MsgBodyElement[]", body.Type);
            Assert.Equal(1, Constraint(body, "minItems"));
            Assert.Equal(12288, Constraint(body, "maxJsonBytes"));
        }
    }

    [Fact]
    public void MsgRandom_is_a_runtime_filled_uint32_and_never_required()
    {
        var requestRandoms = SpecFiles.Fields.Where(f => f.Name == "MsgRandom" && f.Place == FieldPlace.Request).ToList();
        Assert.NotEmpty(requestRandoms);
        foreach (var field in SpecFiles.Fields.Where(f => f.Name is "MsgRandom" or "MsgSeq" or "Random"))
        {
            Assert.True(field.Type == "uint32", field.Where + " must be uint32");
        }

        foreach (var field in requestRandoms)
        {
            Assert.False(field.Required, field.Where + " must not be required: the runtime fills it");
            Assert.Equal("messageRandom", field.Str("role"));
        }
    }

    [Fact]
    public void Response_fields_are_never_required()
    {
        var required = SpecFiles.Fields.Where(f => f.Place == FieldPlace.Response && f.Required).Select(f => f.Where).ToList();
        Assert.True(required.Count == 0, string.Join("\n", required));
    }

    [Fact]
    public void Uncertain_required_flags_are_optional()
    {
        foreach (var field in SpecFiles.Fields.Where(f => f.Str("description")?.Contains("required flag uncertain", StringComparison.Ordinal) == true))
        {
            Assert.False(field.Required, field.Where + " says its required flag is uncertain, so it must be optional");
        }
    }

    [Fact]
    public void Times_timestamps_sequences_and_cursors_are_int64()
    {
        // MsgSeq is uint32 by Tencent's definition; MsgLifeTime is a duration of at most 604800 seconds.
        var exempt = new[] { "MsgSeq", "MsgLifeTime" };
        var pattern = new Regex("(Time|TimeStamp|Timestamp|Seq|Sequence|Next)$", RegexOptions.CultureInvariant);
        var problems = SpecFiles.Fields
            .Where(f => pattern.IsMatch(f.Name) && !exempt.Contains(f.Name) && f.Type is "int32" or "uint32" or "double")
            .Select(f => f.Where + " is " + f.Type)
            .ToList();
        Assert.True(problems.Count == 0, "should be int64:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("BatchSendC2CMessage", "To_Account", 500)]
    [InlineData("ImportAccounts", "Accounts", 100)]
    [InlineData("ImportAccounts", "AccountList", 100)]
    [InlineData("DeleteAccounts", "DeleteItem", 100)]
    [InlineData("CheckAccounts", "CheckItem", 100)]
    [InlineData("QueryOnlineStatus", "To_Account", 500)]
    [InlineData("GetProfile", "To_Account", 100)]
    [InlineData("DeleteC2CRoamMessages", "MsgKeyList", 30)]
    [InlineData("SetC2CMessageExtensions", "ExtensionList", 20)]
    public void Batch_sizes_are_limited(string endpoint, string field, int maxItems)
    {
        var f = SpecFiles.Fields.Single(x => x.Owner == endpoint + "Request" && x.Name == field);
        Assert.Equal(maxItems, Constraint(f, "maxItems"));
    }

    [Fact]
    public void MsgLifeTime_is_limited_to_seven_days()
    {
        var fields = SpecFiles.Fields.Where(f => f.Name == "MsgLifeTime").ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            Assert.Equal(0, Constraint(field, "minimum"));
            Assert.Equal(604800, Constraint(field, "maximum"));
        }
    }

    [Fact]
    public void Request_message_keys_are_at_most_50_bytes()
    {
        var keys = SpecFiles.Fields.Where(f => f.Name is "MsgKey" or "MsgKeyList" && f.Place != FieldPlace.Response && f.Owner != "C2CMessageListItem").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.True(Constraint(key, "maxBytes") == 50, key.Where + " needs maxBytes 50");
        }
    }

    [Fact]
    public void Download_flags_default_to_2()
    {
        var flags = SpecFiles.Fields.Where(f => f.Name is "Download_Flag" or "VideoDownloadFlag" or "ThumbDownloadFlag").ToList();
        Assert.Equal(4, flags.Count);
        Assert.All(flags, f => Assert.Equal(2, f.Element.GetProperty("default").GetInt32()));
    }

    [Fact]
    public void The_message_body_union_has_the_nine_tencent_element_types()
    {
        var union = SpecFiles.Types.Single(t => t.Name == "MsgBodyElement").Type;
        Assert.Equal("MsgType", Str(union, "discriminator"));
        Assert.Equal("MsgContent", Str(union, "content"));
        var variants = union.GetProperty("variants").EnumerateArray().Select(v => (Str(v, "value"), Str(v, "type"))).ToList();
        var expected = new[] { "TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem", "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem" };
        Assert.Equal(expected.Select(e => (e, e)), variants);
    }

    private static string Str(JsonElement element, string key) => element.GetProperty(key).GetString()!;

    private static int? Constraint(SpecField field, string key) =>
        field.Element.TryGetProperty("constraints", out var c) && c.TryGetProperty(key, out var v) ? v.GetInt32() : null;
}
