using System.Linq;
using System.Text.Json;
using ImCsGen.Generator.Tests.Support;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// The generated (precompiled) IM types against the JSON Tencent documents: requests built in C#
/// serialize to the documented bodies; documented responses, with extra fields, parse to the values.
/// </summary>
public class RoundTripTests
{
    [Fact]
    public void Sendmsg_request_matches_the_documented_body()
    {
        var request = new SendC2CMessageRequest
        {
            SyncOtherMachine = SyncOtherMachineMode.NoSync,
            FromAccount = "lumotuwe1",
            ToAccount = "lumotuwe2",
            MsgLifeTime = 60,
            MsgSeq = 93847636,
            MsgRandom = 1287657,
            MsgBody = [new TIMTextElem { Text = "hi, beauty" }, new TIMFaceElem { Index = 1, Data = "content" }],
            CloudCustomData = "your cloud custom data",
        };

        var json = JsonAssert.Write(request.WriteJson);

        JsonAssert.Equivalent("""
            {
              "SyncOtherMachine": 2,
              "From_Account": "lumotuwe1",
              "To_Account": "lumotuwe2",
              "MsgLifeTime": 60,
              "MsgSeq": 93847636,
              "MsgRandom": 1287657,
              "MsgBody": [
                { "MsgType": "TIMTextElem", "MsgContent": { "Text": "hi, beauty" } },
                { "MsgType": "TIMFaceElem", "MsgContent": { "Index": 1, "Data": "content" } }
              ],
              "CloudCustomData": "your cloud custom data"
            }
            """, json);
    }

    [Fact]
    public void Batchsendmsg_request_matches_the_documented_body()
    {
        var request = new BatchSendC2CMessageRequest
        {
            SyncOtherMachine = SyncOtherMachineMode.NoSync,
            FromAccount = "admin",
            ToAccount = ["bonnie", "rong"],
            MsgRandom = 19901224,
            MsgBody = [new TIMCustomElem { Data = "message", Desc = "notification", Ext = "url", Sound = "dingdong.aiff" }],
            SendMsgControl = [SendMsgControl.NoUnread],
        };

        JsonAssert.Equivalent("""
            {
              "SyncOtherMachine": 2,
              "From_Account": "admin",
              "To_Account": ["bonnie", "rong"],
              "MsgRandom": 19901224,
              "MsgBody": [ { "MsgType": "TIMCustomElem", "MsgContent": { "Data": "message", "Desc": "notification", "Ext": "url", "Sound": "dingdong.aiff" } } ],
              "SendMsgControl": ["NoUnread"]
            }
            """, JsonAssert.Write(request.WriteJson));
    }

    [Fact]
    public void Account_import_request_matches_the_documented_body()
    {
        var request = new ImportAccountRequest { UserID = "test", Nick = "test", FaceUrl = "http://www.qq.com" };
        JsonAssert.Equivalent("""{ "UserID": "test", "Nick": "test", "FaceUrl": "http://www.qq.com" }""", JsonAssert.Write(request.WriteJson));
    }

    [Fact]
    public void Portrait_set_request_matches_the_documented_body()
    {
        using var nick = JsonDocument.Parse("\"MyNickName\"");
        using var gender = JsonDocument.Parse("\"Gender_Type_Male\"");
        var request = new SetProfileRequest
        {
            FromAccount = "id",
            ProfileItem =
            [
                new ProfileItem { Tag = "Tag_Profile_IM_Nick", Value = nick.RootElement.Clone() },
                new ProfileItem { Tag = "Tag_Profile_IM_Gender", Value = gender.RootElement.Clone() },
            ],
        };

        JsonAssert.Equivalent("""
            { "From_Account": "id", "ProfileItem": [ { "Tag": "Tag_Profile_IM_Nick", "Value": "MyNickName" }, { "Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Male" } ] }
            """, JsonAssert.Write(request.WriteJson));
    }

    [Fact]
    public void Sendmsg_response_parses_and_unknown_fields_are_skipped()
    {
        var reader = JsonAssert.Reader("""
            { "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "MsgTime": 1653892140,
              "MsgKey": "1200345_6789_1653892140", "NewFieldFromTheFuture": { "deep": [1, 2, { "x": null }] }, "MsgId": "abc" }
            """);
        var response = SendC2CMessageResponse.ReadJson(ref reader);

        Assert.True(response.IsSuccess);
        Assert.Equal("OK", response.ActionStatus);
        Assert.Equal(1653892140L, response.MsgTime);
        Assert.Equal("1200345_6789_1653892140", response.MsgKey);
        Assert.Equal("abc", response.MsgId);
        Assert.False(response.HasItemErrors);
    }

    [Fact]
    public void Batch_response_with_per_item_failures_exposes_them_typed()
    {
        var reader = JsonAssert.Reader("""
            { "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "MsgKey": "k",
              "ErrorList": [ { "To_Account": "rong", "ErrorCode": 70107 } ] }
            """);
        var response = BatchSendC2CMessageResponse.ReadJson(ref reader);

        Assert.True(response.IsSuccess);
        Assert.True(response.HasItemErrors);
        var failure = Assert.Single(response.ErrorList!);
        Assert.Equal(("rong", 70107), (failure.ToAccount, failure.ErrorCode));
    }

    [Fact]
    public void Per_item_results_with_a_failed_item_report_item_errors()
    {
        var ok = JsonAssert.Reader("""{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ResultItem": [ { "UserID": "a", "ResultCode": 0, "ResultInfo": "" } ] }""");
        Assert.False(DeleteAccountsResponse.ReadJson(ref ok).HasItemErrors);

        var partial = JsonAssert.Reader("""{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ResultItem": [ { "UserID": "a", "ResultCode": 0 }, { "UserID": "b", "ResultCode": 70107, "ResultInfo": "not imported" } ] }""");
        var response = DeleteAccountsResponse.ReadJson(ref partial);
        Assert.True(response.IsSuccess);
        Assert.True(response.HasItemErrors);
        Assert.Equal(70107, response.ResultItem![1].ResultCode);
    }

    [Fact]
    public void Failure_envelope_parses_with_its_code()
    {
        var reader = JsonAssert.Reader("""{ "ActionStatus": "FAIL", "ErrorInfo": "Fail to Parse json data of body, Please check it", "ErrorCode": 90001, "RequestId": "r-1" }""");
        var response = SendC2CMessageResponse.ReadJson(ref reader);

        Assert.False(response.IsSuccess);
        Assert.Equal((90001, "r-1"), (response.ErrorCode, response.RequestId));
    }

    [Fact]
    public void Roaming_history_reads_elements_in_any_property_order_and_keeps_unknown_kinds()
    {
        var reader = JsonAssert.Reader("""
            { "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "Complete": 1, "MsgCnt": 2, "LastMsgTime": 1584669680, "LastMsgKey": "k",
              "MsgList": [ { "From_Account": "a", "To_Account": "b", "MsgSeq": 4294967295, "MsgRandom": 4294967295, "MsgTimeStamp": 1584669680,
                             "MsgBody": [ { "MsgContent": { "Text": "content first" }, "MsgType": "TIMTextElem" },
                                          { "MsgType": "TIMFancyNewElem", "MsgContent": { "Sparkle": true } } ] } ] }
            """);
        var response = GetC2CRoamMessagesResponse.ReadJson(ref reader);

        var message = Assert.Single(response.MsgList!);
        Assert.Equal(uint.MaxValue, message.MsgRandom);
        var text = Assert.IsType<TIMTextElem>(message.MsgBody![0]);
        Assert.Equal("content first", text.Text);
        var unknown = Assert.IsType<UnknownMsgBodyElement>(message.MsgBody[1]);
        Assert.Equal("TIMFancyNewElem", unknown.MsgType);
        JsonAssert.Equivalent("""{ "MsgType": "TIMFancyNewElem", "MsgContent": { "Sparkle": true } }""", JsonAssert.Write(unknown.WriteJson));
    }

    [Fact]
    public void A_malformed_nested_value_names_its_path()
    {
        var reader = JsonAssert.Reader("""{ "MsgList": [ { "MsgBody": [ { "MsgType": "TIMFaceElem", "MsgContent": { "Index": "not a number" } } ] } ] }""");
        ImCsGen.Serialization.ImJsonException? error = null;
        try
        {
            GetC2CRoamMessagesResponse.ReadJson(ref reader);
        }
        catch (ImCsGen.Serialization.ImJsonException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal("MsgList[0].MsgBody[0].MsgContent.Index", error!.Path);
    }

    [Fact]
    public void An_element_without_content_is_reported_at_its_path()
    {
        const string json = """{ "MsgList": [ { "MsgBody": [ { "MsgType": "TIMTextElem" } ] } ] }""";
        var error = Assert.Throws<ImCsGen.Serialization.ImJsonException>(() => ReadRoaming(json));
        Assert.Equal("MsgList[0].MsgBody[0].MsgContent", error.Path);
        Assert.Contains("has a MsgType but no MsgContent", error.Message, System.StringComparison.Ordinal);
    }

    private static GetC2CRoamMessagesResponse ReadRoaming(string json)
    {
        var reader = JsonAssert.Reader(json);
        return GetC2CRoamMessagesResponse.ReadJson(ref reader);
    }

    [Fact]
    public void Request_read_back_equals_what_was_written()
    {
        var original = new SendC2CMessageRequest
        {
            ToAccount = "user_1",
            FromAccount = "cs_virtual",
            MsgRandom = uint.MaxValue,
            MsgBody = [new TIMLocationElem { Desc = "office", Latitude = 22.5415, Longitude = 113.9342 }],
            OfflinePushInfo = new OfflinePushInfo { PushFlag = OfflinePushFlag.NoPush, Title = "t" },
        };
        var json = JsonAssert.Write(original.WriteJson);
        var reader = JsonAssert.Reader(json);
        var copy = SendC2CMessageRequest.ReadJson(ref reader);

        Assert.Equal(json, JsonAssert.Write(copy.WriteJson));
        Assert.Equal(OfflinePushFlag.NoPush, copy.OfflinePushInfo!.PushFlag);
        Assert.Equal(22.5415, Assert.IsType<TIMLocationElem>(copy.MsgBody.Single()).Latitude);
    }
}
