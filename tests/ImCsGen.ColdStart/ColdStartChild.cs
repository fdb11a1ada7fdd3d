using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using ImCsGen.Auth;
using ImCsGen.Benchmarks.HandWritten;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.FirstCall;

/// <summary>
/// One first call in a fresh process: creating the client and one SendC2CMessage, timed with a Stopwatch from the
/// first line, so JIT (or, under Native AOT, its absence), type loading and first-use set-up (pipelines, limiters,
/// encoded names, the UserSig) are inside the figure and the process start itself is not. Compiled into this
/// program and, linked, into the benchmarks (their JIT child), so both rows run the same code.
/// </summary>
public static class ColdStartChild
{
    // The loopback stub checks neither the signature nor the App: any consistent values do.
    public const long SdkAppId = 1400000000;
    public const string Identifier = "administrator";
    public const string SecretKey = "bench-secret-key-0123456789abcdef0123456789abcdef";

    /// <summary>Runs <paramref name="variant"/> (<c>generated</c> or <c>hand</c>) once; prints <c>cold MS</c>.</summary>
    public static async Task<int> RunAsync(string variant, Uri baseAddress)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        if (string.Equals(variant, "generated", StringComparison.Ordinal))
        {
            using var client = ImClient.Create(new ImClientOptions { SdkAppId = SdkAppId, Identifier = Identifier, SecretKey = SecretKey, BaseAddress = baseAddress }, http);
            Created(watch);
            await client.SendC2CMessageAsync(new SendC2CMessageRequest
            {
                FromAccount = "agent_01",
                ToAccount = "user_0001",
                MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Hello, how can I help?" } },
            }).ConfigureAwait(false);
        }
        else if (string.Equals(variant, "hand", StringComparison.Ordinal))
        {
            var client = new HandWrittenImClient(http, baseAddress, SdkAppId, Identifier, new CachingUserSigProvider(SdkAppId, SecretKey, TimeSpan.FromDays(1)));
            Created(watch);
            await client.SendMsgAsync(new HandSendMsgRequest
            {
                FromAccount = "agent_01",
                ToAccount = "user_0001",
                MsgBody = new List<HandMsgBodyElement> { new() { MsgType = "TIMTextElem", MsgContent = new HandMsgContent { Text = "Hello, how can I help?" } } },
            }).ConfigureAwait(false);
        }
        else
        {
            Console.Error.WriteLine("variant must be generated or hand, not " + variant);
            return 2;
        }

        Console.WriteLine("cold " + watch.Elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture));
        return 0;
    }

    // Where the time goes: the client's creation alone (the rest is the first call).
    private static void Created(Stopwatch watch)
        => Console.WriteLine("created " + watch.Elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture));
}
