using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 2: the generated WriteJson/ReadJson against System.Text.Json source generation on the same JSON, in
/// three shapes: a small text message (SendC2CMessageRequest), a 500-recipient batch
/// (BatchSendC2CMessageRequest) and a roaming-history page of 100 messages (GetC2CRoamMessagesResponse).
/// Both sides write into the same reused buffer with the same writer options (the transport's encoder) and
/// read from the same bytes; the STJ objects are read from the generated writer's output, so both sides
/// carry the same data.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SerializationBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private Utf8JsonWriter _writer = null!;

    private SendC2CMessageRequest _small = null!;
    private HandSendMsgRequest _smallStj = null!;
    private byte[] _smallJson = null!;
    private BatchSendC2CMessageRequest _batch = null!;
    private HandBatchSendMsgRequest _batchStj = null!;
    private byte[] _batchJson = null!;
    private GetC2CRoamMessagesResponse _page = null!;
    private HandRoamMessagesResponse _pageStj = null!;
    private byte[] _pageJson = null!;

    /// <summary>Byte sizes of each shape as written by both sides (a check that the shapes match).</summary>
    public string Sizes { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
        _small = Shapes.SmallMessage();
        _smallJson = Write(_small.WriteJson);
        _smallStj = JsonSerializer.Deserialize(_smallJson, HandJsonContext.Default.HandSendMsgRequest)!;
        _batch = Shapes.Batch(500);
        _batchJson = Write(_batch.WriteJson);
        _batchStj = JsonSerializer.Deserialize(_batchJson, HandJsonContext.Default.HandBatchSendMsgRequest)!;
        _page = Shapes.RoamPage(100);
        _pageJson = Write(_page.WriteJson);
        _pageStj = JsonSerializer.Deserialize(_pageJson, HandJsonContext.Default.HandRoamMessagesResponse)!;
        Sizes = string.Create(CultureInfo.InvariantCulture, $"small {_smallJson.Length}/{Write(w => JsonSerializer.Serialize(w, _smallStj, HandJsonContext.Default.HandSendMsgRequest)).Length} B, batch {_batchJson.Length}/{Write(w => JsonSerializer.Serialize(w, _batchStj, HandJsonContext.Default.HandBatchSendMsgRequest)).Length} B, page {_pageJson.Length}/{Write(w => JsonSerializer.Serialize(w, _pageStj, HandJsonContext.Default.HandRoamMessagesResponse)).Length} B (generated/STJ)");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write small message")]
    public int Stj_Write_Small() => WriteStj(_smallStj, HandJsonContext.Default.HandSendMsgRequest);

    [Benchmark, BenchmarkCategory("Write small message")]
    public int Generated_Write_Small()
    {
        Reset();
        _small.WriteJson(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read small message")]
    public object Stj_Read_Small() => JsonSerializer.Deserialize(_smallJson, HandJsonContext.Default.HandSendMsgRequest)!;

    [Benchmark, BenchmarkCategory("Read small message")]
    public object Generated_Read_Small()
    {
        var reader = new Utf8JsonReader(_smallJson);
        return SendC2CMessageRequest.ReadJson(ref reader);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write 500-recipient batch")]
    public int Stj_Write_Batch() => WriteStj(_batchStj, HandJsonContext.Default.HandBatchSendMsgRequest);

    [Benchmark, BenchmarkCategory("Write 500-recipient batch")]
    public int Generated_Write_Batch()
    {
        Reset();
        _batch.WriteJson(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read 500-recipient batch")]
    public object Stj_Read_Batch() => JsonSerializer.Deserialize(_batchJson, HandJsonContext.Default.HandBatchSendMsgRequest)!;

    [Benchmark, BenchmarkCategory("Read 500-recipient batch")]
    public object Generated_Read_Batch()
    {
        var reader = new Utf8JsonReader(_batchJson);
        return BatchSendC2CMessageRequest.ReadJson(ref reader);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write roaming page (100 msgs)")]
    public int Stj_Write_Page() => WriteStj(_pageStj, HandJsonContext.Default.HandRoamMessagesResponse);

    [Benchmark, BenchmarkCategory("Write roaming page (100 msgs)")]
    public int Generated_Write_Page()
    {
        Reset();
        _page.WriteJson(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read roaming page (100 msgs)")]
    public object Stj_Read_Page() => JsonSerializer.Deserialize(_pageJson, HandJsonContext.Default.HandRoamMessagesResponse)!;

    [Benchmark, BenchmarkCategory("Read roaming page (100 msgs)")]
    public object Generated_Read_Page()
    {
        var reader = new Utf8JsonReader(_pageJson);
        return GetC2CRoamMessagesResponse.ReadJson(ref reader);
    }

    private int WriteStj<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        Reset();
        JsonSerializer.Serialize(_writer, value, info);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private byte[] Write(Action<Utf8JsonWriter> write)
    {
        Reset();
        write(_writer);
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The three payload shapes, built with the generated types.</summary>
public static class Shapes
{
    public static SendC2CMessageRequest SmallMessage() => new()
    {
        FromAccount = "agent_01",
        ToAccount = "user_0001",
        MsgRandom = 1234567890,
        MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help you today?" } },
    };

    public static BatchSendC2CMessageRequest Batch(int recipients)
    {
        var to = new List<string>(recipients);
        for (var i = 0; i < recipients; i++)
        {
            to.Add("user_" + i.ToString("D5", CultureInfo.InvariantCulture));
        }

        return new BatchSendC2CMessageRequest
        {
            SyncOtherMachine = SyncOtherMachineMode.NoSync,
            FromAccount = "agent_01",
            ToAccount = to,
            MsgRandom = 1234567890,
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Our service hours change on Monday: 9:00-21:00." } },
        };
    }

    public static GetC2CRoamMessagesResponse RoamPage(int messages)
    {
        var list = new List<C2CMessageListItem>(messages);
        for (var i = 0; i < messages; i++)
        {
            var fromAgent = i % 2 == 0;
            list.Add(new C2CMessageListItem
            {
                FromAccount = fromAgent ? "agent_01" : "user_0001",
                ToAccount = fromAgent ? "user_0001" : "agent_01",
                MsgSeq = (uint)(1000 + i),
                MsgRandom = (uint)(900_000_000 + (i * 7919)),
                MsgTimeStamp = 1_700_000_000 + i,
                MsgFlagBits = 0,
                IsPeerRead = 1,
                MsgKey = "1000" + i.ToString(CultureInfo.InvariantCulture) + "_" + (900_000_000 + (i * 7919)).ToString(CultureInfo.InvariantCulture) + "_" + (1_700_000_000 + i).ToString(CultureInfo.InvariantCulture),
                MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Message number " + i.ToString(CultureInfo.InvariantCulture) + " of the conversation, with some ordinary text." } },
            });
        }

        return new GetC2CRoamMessagesResponse
        {
            ActionStatus = "OK",
            ErrorCode = 0,
            ErrorInfo = "",
            Complete = 0,
            MsgCnt = messages,
            LastMsgTime = 1_700_000_000 + messages - 1,
            LastMsgKey = list[^1].MsgKey,
            MsgList = list,
        };
    }
}
