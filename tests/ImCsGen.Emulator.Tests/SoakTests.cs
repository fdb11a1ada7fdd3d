using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Im;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Emulator.Tests;

public sealed class SoakTests
{
    private const int MessageCount = 2000;
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Two_thousand_messages_with_20_percent_faults_are_all_stored_exactly_once()
    {
        await using var t = await TestEmulator.StartAsync(o => o.FaultSeed = 424242);
        var client = TestEmulator.CreateClient(t.Emulator, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(1);
            c.MaxRetryAttempts = 10;
            c.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            c.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
        });
        var senders = Enumerable.Range(0, 10).Select(i => "soak_user_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await t.ImportAsync(senders);
        await t.ImportAsync("soak_service");

        // 20% of sendmsg calls fail, 5% each: HTTP 503, transient 60008, reply lost after storing, delay past the client's timeout.
        foreach (var kind in new[] { FaultKind.HttpError, FaultKind.ErrorCode, FaultKind.ReplyLost, FaultKind.Delay })
        {
            t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = kind, Probability = 0.05, HttpStatus = 503, ErrorCode = 60008, Delay = TimeSpan.FromMilliseconds(1500) });
        }

        var answers = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<Exception>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, MessageCount), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var text = "soak #" + i.ToString("D4", CultureInfo.InvariantCulture);
            try
            {
                // MsgTimeStamp is fixed once per logical message, like CustomerServiceProvisioner does, so every retry
                // carries the same (MsgRandom, time) and the backend's same-second rule recognises it.
                var answer = await client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = senders[i % senders.Length],
                    ToAccount = "soak_service",
                    MsgTimeStamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = text } },
                });
                answers[text] = answer.MsgKey!;
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
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {MessageCount} messages in {sendTime.TotalSeconds:F1} s: {requests} sendmsg requests, {fired} faults injected ({100.0 * fired / requests:F1}% of requests; 503: {t.Emulator.Faults.FiredCount(FaultKind.HttpError)}, 60008: {t.Emulator.Faults.FiredCount(FaultKind.ErrorCode)}, reply lost: {t.Emulator.Faults.FiredCount(FaultKind.ReplyLost)}, delay: {t.Emulator.Faults.FiredCount(FaultKind.Delay)}), {t.Emulator.State.DuplicatesSuppressed} duplicate attempts suppressed, {stored.Count} messages stored, {failures.Count} calls failed"));

        Assert.Empty(failures);
        Assert.Equal(MessageCount, answers.Count);
        Assert.Equal(MessageCount, stored.Count);
        Assert.Equal(MessageCount, byText.Count);
        foreach (var (text, copies) in byText)
        {
            var copy = Assert.Single(copies);
            Assert.Equal(answers[text], copy.MsgKey);
        }

        Assert.InRange(fired, (int)(0.15 * requests), (int)(0.25 * requests));
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.True(t.Emulator.Faults.FiredCount(kind) > 0, kind + " never fired");
        }

        // Every lost reply was retried and recognised; late delayed attempts were recognised too.
        Assert.True(t.Emulator.State.DuplicatesSuppressed >= t.Emulator.Faults.FiredCount(FaultKind.ReplyLost));
        // Each injected fault costs the client at least one more attempt (a racing client timeout may share it).
        Assert.True(requests >= MessageCount + fired - t.Emulator.Faults.FiredCount(FaultKind.Delay), "fewer requests than the faults imply");
    }
}
