using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Idempotency;
using ImCsGen.Im;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// Sends through the generated client against the emulator applying Tencent's documented de-duplication rule
/// (sender + MsgSeq + MsgRandom + CRC32 of the content, 120 s; a missing MsgSeq filled at random), with 20% of
/// sendmsg requests failing. CI runs 1,000 sends; the full profile is a documented command:
/// <c>IMCSGEN_SOAK_SENDS=10000 dotnet test tests/ImCsGen.Emulator.Tests/ImCsGen.Emulator.Tests.csproj -c Release --filter FullyQualifiedName~SoakTests</c>.
/// </summary>
public sealed class SoakTests
{
    private const int CiSends = 1000;
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    private static int Sends
        => int.TryParse(Environment.GetEnvironmentVariable("IMCSGEN_SOAK_SENDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : CiSends;

    [Fact]
    public async Task Sends_with_20_percent_faults_are_each_stored_once_with_the_key_the_client_received()
    {
        var sends = Sends;

        // Throttling is not under test here (RateLimitTests cover it): both sides run unthrottled so the
        // 10,000-send profile takes seconds, not a minute of waiting for 200/s.
        await using var t = await TestEmulator.StartAsync(o =>
        {
            o.FaultSeed = 424242;
            o.DefaultRateLimitPerSecond = 0;
        });
        var client = TestEmulator.CreateClient(t.Emulator, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(1);
            c.MaxRetryAttempts = 10;
            c.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            c.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
            c.EnableRateLimiting = false;
        });
        var senders = Enumerable.Range(0, 10).Select(i => "soak_user_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await t.ImportAsync(senders);
        await t.ImportAsync("soak_service");

        // 20% of sendmsg requests fail, 4% each: HTTP 503, transient 60008, stored but the reply is lost,
        // an attempt timeout (the first attempt is processed late), and a connection reset before processing.
        foreach (var kind in new[] { FaultKind.HttpError, FaultKind.ErrorCode, FaultKind.ReplyLost, FaultKind.Delay, FaultKind.ConnectionReset })
        {
            t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = kind, Probability = 0.04, HttpStatus = 503, ErrorCode = 60008, Delay = TimeSpan.FromMilliseconds(1500) });
        }

        var answers = new ConcurrentDictionary<string, (string MsgKey, ImDeduplicationKeys Keys)>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<Exception>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, sends), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var text = "soak #" + i.ToString("D5", CultureInfo.InvariantCulture);
            try
            {
                // Nothing de-dup related is set by the caller: the client chooses MsgSeq and MsgRandom per call.
                var answer = await client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = senders[i % senders.Length],
                    ToAccount = "soak_service",
                    MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = text } },
                });
                answers[text] = (answer.MsgKey!, answer.DeduplicationKeys!.Value);
            }
            catch (Exception e) when (e is ImException or TimeoutException or OperationCanceledException)
            {
                failures.Add(e);
            }
        });
        var sendTime = watch.Elapsed;

        // Delayed first attempts are still sleeping in the emulator; let them land before counting.
        await Task.Delay(TimeSpan.FromMilliseconds(1800));

        var stored = t.Emulator.State.GetAllMessages().Where(m => m.To == "soak_service").ToList();
        var byText = stored.GroupBy(m => m.Parts()[0].Content).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var requests = t.Emulator.Stats.Requests("openim/sendmsg");
        var fired = t.Emulator.Faults.TotalFired;
        var lost = sends - byText.Count;
        var duplicated = byText.Values.Sum(copies => copies.Count - 1);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sends} sends in {sendTime.TotalSeconds:F1} s: {requests} sendmsg requests, {fired} faults injected ({100.0 * fired / requests:F1}% of requests; 503: {t.Emulator.Faults.FiredCount(FaultKind.HttpError)}, 60008: {t.Emulator.Faults.FiredCount(FaultKind.ErrorCode)}, reply lost: {t.Emulator.Faults.FiredCount(FaultKind.ReplyLost)}, attempt timeout: {t.Emulator.Faults.FiredCount(FaultKind.Delay)}, connection reset: {t.Emulator.Faults.FiredCount(FaultKind.ConnectionReset)}), {t.Emulator.State.DuplicatesSuppressed} duplicate attempts suppressed, {stored.Count} messages stored, lost {lost}, duplicated {duplicated}, {failures.Count} calls failed"));

        Assert.Empty(failures);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(sends, answers.Count);
        Assert.Equal(sends, stored.Count);
        foreach (var (text, copies) in byText)
        {
            var copy = Assert.Single(copies);
            var (msgKey, keys) = answers[text];
            Assert.Equal(msgKey, copy.MsgKey);
            Assert.Equal(keys.Sequence, copy.MsgSeq);
            Assert.Equal(keys.Random, copy.MsgRandom);
        }

        Assert.InRange(fired, (int)(0.15 * requests), (int)(0.25 * requests));
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.True(t.Emulator.Faults.FiredCount(kind) > 0, kind + " never fired");
        }

        // Every lost reply was retried and recognised by the documented key; late delayed attempts too.
        Assert.True(t.Emulator.State.DuplicatesSuppressed >= t.Emulator.Faults.FiredCount(FaultKind.ReplyLost));
        Assert.True(requests >= sends + fired - t.Emulator.Faults.FiredCount(FaultKind.Delay), "fewer requests than the faults imply");
    }
}
