using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 2, profiling aid: why the generated writer trails STJ on the 500-recipient batch. The generated code
/// enumerates <c>IList&lt;string&gt;</c> with foreach (a boxed enumerator and two interface calls per item);
/// STJ's fast path enumerates the declared <c>List&lt;string&gt;</c> with its struct enumerator. The same 500
/// strings are written here in the three ways an emitter could loop.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EmitterWhatIfBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private IList<string> _recipients = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _recipients = Shapes.Batch(500).ToAccount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Loop over 500 recipients")]
    public int ForeachOverIList()
    {
        Start();
        foreach (var item in _recipients)
        {
            _writer.WriteStringValue(item);
        }

        return End();
    }

    [Benchmark, BenchmarkCategory("Loop over 500 recipients")]
    public int ListFastPath()
    {
        Start();
        if (_recipients is List<string> list)
        {
            foreach (var item in list)
            {
                _writer.WriteStringValue(item);
            }
        }
        else
        {
            foreach (var item in _recipients)
            {
                _writer.WriteStringValue(item);
            }
        }

        return End();
    }

    [Benchmark, BenchmarkCategory("Loop over 500 recipients")]
    public int IndexOverIList()
    {
        Start();
        var items = _recipients;
        for (int i = 0, n = items.Count; i < n; i++)
        {
            _writer.WriteStringValue(items[i]);
        }

        return End();
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
    }

    private int End()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
