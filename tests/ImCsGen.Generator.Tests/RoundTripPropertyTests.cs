using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImCsGen.Generator.Tests.Support;
using ImCsGen.Im;

namespace ImCsGen.Generator.Tests;

/// <summary>
/// Properties over arbitrary values: whatever text (any Unicode, quotes, control characters) and
/// numbers (full uint32/int64 ranges) a request holds, writing, reading back and writing again gives
/// the same bytes, so nothing is lost or altered on the way through the generated serializer.
/// </summary>
public class RoundTripPropertyTests
{
    [Property(MaxTest = 300)]
    public Property Send_request_survives_write_read_write(NonNull<string> text, NonNull<string> from, uint random, long timestamp, NonEmptyArray<NonNull<string>> extra)
    {
        var original = new SendC2CMessageRequest
        {
            FromAccount = from.Get,
            ToAccount = "user",
            MsgRandom = random,
            MsgTimeStamp = timestamp,
            CloudCustomData = text.Get,
            SendMsgControl = extra.Get.Select(e => new SendMsgControl(e.Get)).ToList(),
            MsgBody = [new TIMTextElem { Text = text.Get }, new TIMCustomElem { Data = from.Get, Desc = text.Get }],
        };

        var first = JsonAssert.Write(original.WriteJson);
        var reader = JsonAssert.Reader(first);
        var copy = SendC2CMessageRequest.ReadJson(ref reader);
        var second = JsonAssert.Write(copy.WriteJson);

        return (first == second
                && copy.MsgRandom == random
                && copy.MsgTimeStamp == timestamp
                && ((TIMTextElem)copy.MsgBody[0]).Text == text.Get
                && copy.SendMsgControl!.Select(c => c.Value).SequenceEqual(extra.Get.Select(e => e.Get)))
            .Label(first);
    }

    [Property(MaxTest = 200)]
    public Property Location_doubles_survive_exactly(NormalFloat latitude, NormalFloat longitude)
    {
        var element = new TIMLocationElem { Desc = "d", Latitude = latitude.Get, Longitude = longitude.Get };
        var json = JsonAssert.Write(element.WriteJson);
        var reader = JsonAssert.Reader(json);
        var copy = (TIMLocationElem)MsgBodyElement.ReadJson(ref reader);
        return (copy.Latitude == latitude.Get && copy.Longitude == longitude.Get).Label(json);
    }
}
