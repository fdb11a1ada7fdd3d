using System.Text;

namespace ImCsGen.Benchmarks.Stub;

/// <summary>The OK answers the loopback stub returns, shaped as Tencent documents them.</summary>
public static class CannedResponses
{
    public static readonly byte[] SendMsg = Encoding.UTF8.GetBytes(
        "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgTime\":1700000000,\"MsgKey\":\"1200345_1_1700000000\",\"MsgId\":\"144115233406643804-1700000000-1200345\"}");

    public static readonly byte[] PortraitGet = Encoding.UTF8.GetBytes(
        "{\"UserProfileItem\":[{\"To_Account\":\"user_0001\",\"ProfileItem\":[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"Alice\"},"
        + "{\"Tag\":\"Tag_Profile_IM_Gender\",\"Value\":\"Gender_Type_Female\"},{\"Tag\":\"Tag_Profile_IM_Level\",\"Value\":3}],\"ResultCode\":0,\"ResultInfo\":\"\"},"
        + "{\"To_Account\":\"user_0002\",\"ProfileItem\":[{\"Tag\":\"Tag_Profile_IM_Nick\",\"Value\":\"Bob\"},"
        + "{\"Tag\":\"Tag_Profile_IM_Gender\",\"Value\":\"Gender_Type_Male\"},{\"Tag\":\"Tag_Profile_IM_Level\",\"Value\":7}],\"ResultCode\":0,\"ResultInfo\":\"\"}],"
        + "\"FailAccount\":[],\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"ErrorDisplay\":\"\"}");
}
