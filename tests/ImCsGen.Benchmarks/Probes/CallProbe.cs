using System;
using System.Globalization;
using System.Threading.Tasks;
using ImCsGen.Benchmarks.Rows;

namespace ImCsGen.Benchmarks.Probes;

/// <summary>
/// Profiling aid for row 1 (verb <c>callprobe [calls]</c>): bytes allocated per whole call over loopback for
/// the generated client, hand-written code and Refit, measured with GC.GetTotalAllocatedBytes(precise) over
/// many sequential calls (the stub is a child process, so its allocations do not count). A quick check between
/// edits of the transport (about 10 s); the table's figures come from BenchmarkDotNet's MemoryDiagnoser.
/// </summary>
public static class CallProbe
{
    public static async Task<int> RunAsync(int calls)
    {
        var bench = new CallCostBenchmarks();
        bench.Setup();
        try
        {
            foreach (var (name, call) in new (string, Func<Task<long?>>)[]
            {
                ("SendC2CMessage generated", bench.Generated_SendC2CMessage),
                ("SendC2CMessage hand-written", bench.HandWritten_SendC2CMessage),
                ("SendC2CMessage Refit", bench.Refit_SendC2CMessage),
                ("GetProfile generated", async () => await bench.Generated_GetProfile().ConfigureAwait(false)),
                ("GetProfile hand-written", async () => await bench.HandWritten_GetProfile().ConfigureAwait(false)),
                ("GetProfile Refit", async () => await bench.Refit_GetProfile().ConfigureAwait(false)),
            })
            {
                for (var i = 0; i < 500; i++)
                {
                    await call().ConfigureAwait(false);
                }

                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < calls; i++)
                {
                    await call().ConfigureAwait(false);
                }

                var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
                Console.WriteLine(name.PadRight(32) + perCall.ToString("0", CultureInfo.InvariantCulture) + " B/call");
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }
}
