using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Benchmarks.Report;
using ImCsGen.Benchmarks.Stub;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>
/// Row 7: the first call in a new process (JIT), generated client against hand-written code. Each round starts
/// two child processes of this executable (verb <c>cold generated|hand URL</c>), in alternating order, against
/// one loopback stub; each child times, with a Stopwatch, creating its client and making one SendC2CMessage call,
/// so JIT, type loading and first-use set-up (pipelines, limiters, encoded names) are inside the figure and
/// process start-up is not. Reported: the medians over the rounds and their ratio. Native AOT is not measured
/// here (it needs an AOT publish of a separate app; see PERFORMANCE.md).
/// </summary>
public static class ColdStart
{
    public sealed record Result(int Rounds, double GeneratedMs, double HandWrittenMs)
    {
        public double Ratio => GeneratedMs / HandWrittenMs;
    }

    /// <summary>The child's side: one first call, then the elapsed milliseconds on stdout.</summary>
    public static async Task<int> ChildAsync(string variant, Uri baseAddress)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        if (variant == "generated")
        {
            using var client = ImClient.Create(new ImClientOptions { SdkAppId = CallCostBenchmarks.SdkAppId, Identifier = CallCostBenchmarks.Identifier, SecretKey = CallCostBenchmarks.SecretKey, BaseAddress = baseAddress }, http);
            await client.SendC2CMessageAsync(new SendC2CMessageRequest
            {
                FromAccount = "agent_01",
                ToAccount = "user_0001",
                MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help?" } },
            }).ConfigureAwait(false);
        }
        else
        {
            var client = new HandWrittenImClient(http, baseAddress, CallCostBenchmarks.SdkAppId, CallCostBenchmarks.Identifier, new CachingUserSigProvider(CallCostBenchmarks.SdkAppId, CallCostBenchmarks.SecretKey, TimeSpan.FromDays(1)));
            await client.SendMsgAsync(new HandSendMsgRequest
            {
                FromAccount = "agent_01",
                ToAccount = "user_0001",
                MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
            }).ConfigureAwait(false);
        }

        Console.WriteLine("cold " + watch.Elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture));
        return 0;
    }

    public static Result Run(int rounds, Action<string> log)
    {
        using var stub = LoopbackStub.Start();
        var generated = new List<double>();
        var hand = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            // Alternate the order so that a change of load hits both alike.
            foreach (var variant in i % 2 == 0 ? new[] { "generated", "hand" } : new[] { "hand", "generated" })
            {
                (variant == "generated" ? generated : hand).Add(Child(variant, stub.BaseAddress));
            }
        }

        var result = new Result(rounds, Median(generated), Median(hand));
        log("row 7: cold first call medians over " + rounds.ToString(CultureInfo.InvariantCulture) + " rounds: generated " + Fmt.Ratio(result.GeneratedMs) + " ms, hand-written " + Fmt.Ratio(result.HandWrittenMs) + " ms");
        return result;
    }

    private static double Child(string variant, Uri baseAddress)
    {
        var start = ChildProcess.Create("cold");
        start.ArgumentList.Add(variant);
        start.ArgumentList.Add(baseAddress.ToString());
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the cold-start child did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("cold ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the cold-start child (" + variant + ") printed no time: " + output);
        return double.Parse(line["cold ".Length..], CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
