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
    // Account fields that are not named *_Account.
    private static readonly string[] OtherAccountFieldNames = { "UserID", "Accounts", "FailAccounts" };

    /// <summary>
    /// Every account field of the REST spec (a name ending in _Account, or UserID, Accounts, FailAccounts) is a user
    /// id, except where Tencent's page says the field takes another kind of id and the description says which:
    /// official accounts (Official_Account, '@TOA#_' ids of their own) and push-only devices (RegistrationID on
    /// timpush/batch). Callback payloads (callbacks_*.json) are Tencent's input to us and are checked by the callbacks tests.
    /// </summary>
    [Fact]
    public void Account_id_fields_are_user_ids_and_user_ids_are_strings()
    {
        var problems = new List<string>();
        foreach (var field in SpecFiles.Fields)
        {
            var isAccountField = field.Name.EndsWith("_Account", StringComparison.Ordinal) || OtherAccountFieldNames.Contains(field.Name);
            var otherIdSpace = field.Name.StartsWith("Official", StringComparison.Ordinal)
                || (field.Str("description")?.Contains("RegistrationID", StringComparison.Ordinal) ?? false);
            var kind = field.Str("kind");
            if (isAccountField && !otherIdSpace && kind != "userId" && !field.File.StartsWith("callbacks_", StringComparison.Ordinal))
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

    /// <summary>
    /// A message send is an endpoint whose request carries a random de-duplication key (role messageRandom) or a
    /// required message body. Every such endpoint, in any file, is deduplicated (by 'idempotency' or by a stated
    /// 'deduplication' rule), names its sender and recipients by role, and requires a non-empty MsgBody; one-to-one
    /// and group messages also carry Tencent's 12 KB body limit. Conversely every deduplicated endpoint has its key.
    /// </summary>
    [Fact]
    public void Message_sends_are_deduplicated_and_carry_their_roles_and_body_limits()
    {
        var problems = new List<string>();
        var sends = 0;
        foreach (var (file, endpoint) in SpecFiles.Endpoints)
        {
            var name = Str(endpoint, "name");
            var request = SpecFiles.Fields.Where(f => f.File == file.Name && f.Owner == name + "Request").ToList();
            var random = request.Where(f => f.Str("role") == "messageRandom").ToList();
            var body = request.FirstOrDefault(f => f.Name == "MsgBody");
            var deduplicated = endpoint.TryGetProperty("deduplication", out _) || OptionalStr(endpoint, "idempotency") == "deduplicated";
            var isSend = random.Count > 0 || body is { Required: true };
            if (!isSend)
            {
                if (deduplicated)
                {
                    problems.Add(file.Name + ": " + name + " is deduplicated but its request has no messageRandom key");
                }

                continue;
            }

            sends++;
            if (!deduplicated)
            {
                problems.Add(file.Name + ": " + name + " sends a message but is not deduplicated");
            }

            if (random.Count != 1)
            {
                problems.Add(file.Name + ": " + name + " needs exactly one messageRandom field, has " + random.Count);
            }

            foreach (var field in request)
            {
                var expected = field.Name switch
                {
                    "From_Account" => "messageSender",
                    "To_Account" => "messageRecipient",
                    "MsgSeq" => "messageSequence",
                    _ => null,
                };
                if (expected is not null && field.Str("role") != expected)
                {
                    problems.Add(field.Where + " needs role " + expected);
                }
            }

            if (body is not null)
            {
                if (!body.Required || body.Type != "MsgBodyElement[]" || Constraint(body, "minItems") != 1)
                {
                    problems.Add(body.Where + " must be a required MsgBodyElement[] with minItems 1");
                }

                if (file.Name is "c2c_message.json" or "group.json" && Constraint(body, "maxJsonBytes") != 12288)
                {
                    problems.Add(body.Where + " needs maxJsonBytes 12288 (Tencent's 12 KB message limit)");
                }
            }
        }

        // The C2C and group sends of wave 1 and issue 11 at least.
        Assert.True(sends >= 6, "only " + sends + " message sends found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
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

    /// <summary>
    /// Points in time, sequences and cursors can outgrow 32 bits, so they are int64 unless the spec states the bound
    /// Tencent documents: a 'maximum' constraint that fits the narrower type, or the description quoting the type's
    /// documented range (openconfigsvr's mute durations, 0 to 4294967295 seconds). MsgSeq is uint32 by Tencent's definition.
    /// </summary>
    [Fact]
    public void Times_timestamps_sequences_and_cursors_are_int64()
    {
        var exempt = new[] { "MsgSeq" };
        var pattern = new Regex("(Time|TimeStamp|Timestamp|Seq|Sequence|Next)$", RegexOptions.CultureInvariant);
        var problems = SpecFiles.Fields
            .Where(f => pattern.IsMatch(f.Name) && !exempt.Contains(f.Name) && f.Type is "int32" or "uint32" or "double")
            .Where(f => !StatesDocumentedBound(f))
            .Select(f => f.Where + " is " + f.Type)
            .ToList();
        Assert.True(problems.Count == 0, "should be int64 (or state Tencent's documented bound):\n" + string.Join("\n", problems));
    }

    private static bool StatesDocumentedBound(SpecField field)
    {
        var typeMax = field.Type switch
        {
            "int32" => (double)int.MaxValue,
            "uint32" => uint.MaxValue,
            _ => 0,
        };
        if (typeMax == 0)
        {
            return false;
        }

        if (field.Element.TryGetProperty("constraints", out var c) && c.TryGetProperty("maximum", out var max) && max.GetDouble() <= typeMax)
        {
            return true;
        }

        return field.Str("description")?.Contains(((long)typeMax).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) ?? false;
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

    private static string? OptionalStr(JsonElement element, string key) => element.TryGetProperty(key, out var v) ? v.GetString() : null;

    private static int? Constraint(SpecField field, string key) =>
        field.Element.TryGetProperty("constraints", out var c) && c.TryGetProperty(key, out var v) ? v.GetInt32() : null;
}
