using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Faults;
using ImCsGen.Emulator.Handlers;
using ImCsGen.Idempotency;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The emulator applies the de-duplication rules the spec states (read from the generated endpoint table).</summary>
public sealed class DeduplicationTests
{
    private static readonly long Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string SendBody(string from, string to, string text, uint? seq, uint random)
        => "{\"From_Account\":\"" + from + "\",\"To_Account\":\"" + to + "\"" + (seq is { } s ? ",\"MsgSeq\":" + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
            + ",\"MsgRandom\":" + random.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"" + text + "\"}}]}";

    private static async Task<string?> RawSendAsync(TestEmulator t, string body)
    {
        using var answer = await t.RawAsync("openim/sendmsg", t.Query(), body);
        Assert.Equal(0, answer.Code());
        return answer.RootElement.GetProperty("MsgKey").GetString();
    }

    [Fact]
    public void The_rules_come_from_the_spec_metadata_not_from_emulator_code()
    {
        Assert.Same(ImClientEndpoints.SendC2CMessage.Deduplication, SpecRules.DeduplicationOf("openim/sendmsg"));
        Assert.Same(ImClientEndpoints.BatchSendC2CMessage.Deduplication, SpecRules.DeduplicationOf("openim/batchsendmsg"));
        Assert.Same(ImClientEndpoints.ImportC2CMessage.Deduplication, SpecRules.DeduplicationOf("openim/importmsg"));
        var send = ImClientEndpoints.SendC2CMessage.Deduplication!;
        Assert.Equal(new[] { "From_Account", "MsgSeq", "MsgRandom" }, send.KeyFields);
        Assert.Equal(ImContentChecksum.Crc32, send.ContentChecksum);
        Assert.Equal(120, send.WindowSeconds);
        Assert.Contains("MsgSeq", send.ServerFillsMissing);
        Assert.Equal("https://cloud.tencent.com/document/product/269/2282", send.Source);
        var import = ImClientEndpoints.ImportC2CMessage.Deduplication!;
        Assert.Equal(ImDeduplicationScope.Conversation, import.Scope);
        Assert.Equal(ImContentChecksum.None, import.ContentChecksum);
        Assert.Null(import.WindowSeconds);
    }

    [Fact]
    public async Task Same_sender_MsgSeq_MsgRandom_and_content_within_120_s_is_stored_once_and_answered_with_the_first_key()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        await t.ImportAsync("d_a", "d_b");
        var body = SendBody("d_a", "d_b", "once", 11, 1234);

        var first = await RawSendAsync(t, body);
        clock.Advance(TimeSpan.FromSeconds(119));
        var again = await RawSendAsync(t, body);

        Assert.Equal(first, again);
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_b"));
        Assert.Equal(1, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task After_the_120_s_window_the_same_keys_store_a_new_message()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var t = await TestEmulator.StartAsync(o => o.Clock = clock);
        await t.ImportAsync("d_a", "d_b");
        var body = SendBody("d_a", "d_b", "late", 11, 1234);

        await RawSendAsync(t, body);
        clock.Advance(TimeSpan.FromSeconds(121));
        await RawSendAsync(t, body);

        Assert.Equal(2, t.Emulator.State.GetMessages("d_a", "d_b").Count);
        Assert.Equal(0, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task Another_MsgSeq_MsgRandom_content_or_recipient_is_a_new_message()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b", "d_c");
        await RawSendAsync(t, SendBody("d_a", "d_b", "x", 1, 1));
        await RawSendAsync(t, SendBody("d_a", "d_b", "x", 2, 1));
        await RawSendAsync(t, SendBody("d_a", "d_b", "x", 1, 2));
        await RawSendAsync(t, SendBody("d_a", "d_b", "y", 1, 1));
        await RawSendAsync(t, SendBody("d_a", "d_c", "x", 1, 1));
        await RawSendAsync(t, SendBody("d_b", "d_a", "x", 1, 1));
        Assert.Equal(5, t.Emulator.State.GetMessages("d_a", "d_b").Count);
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_c"));
        Assert.Equal(0, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task A_client_that_does_not_pin_MsgSeq_stores_its_retries_twice_while_the_real_client_stores_once()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b", "d_c");

        // A naive client: retries with the same MsgRandom but no MsgSeq. The server fills MsgSeq at random, as
        // Tencent documents, so each attempt is a new message: the emulator now shows the duplicate.
        var naive = SendBody("d_a", "d_b", "naive retry", null, 4242);
        var first = await RawSendAsync(t, naive);
        var retry = await RawSendAsync(t, naive);
        Assert.NotEqual(first, retry);
        Assert.Equal(2, t.Emulator.State.GetMessages("d_a", "d_b").Count);

        // The generated client: the first attempt is stored but its reply is lost; the retry carries the same
        // MsgSeq and MsgRandom and is answered with the first message's key.
        t.Emulator.Faults.Add(new FaultRule { Path = "openim/sendmsg", Kind = FaultKind.ReplyLost, Remaining = 1 });
        var answer = await t.Client.SendC2CMessageAsync(new SendC2CMessageRequest { FromAccount = "d_a", ToAccount = "d_c", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "real client" } } });
        var stored = Assert.Single(t.Emulator.State.GetMessages("d_a", "d_c"));
        Assert.Equal(stored.MsgKey, answer.MsgKey);
        Assert.Equal(1, stored.DuplicatesSuppressed);
        Assert.Equal(answer.DeduplicationKeys!.Value.Sequence, stored.MsgSeq);
        Assert.Equal(answer.DeduplicationKeys!.Value.Random, stored.MsgRandom);
    }

    [Fact]
    public async Task A_request_object_sent_twice_is_two_messages()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b");
        var template = new SendC2CMessageRequest { FromAccount = "d_a", ToAccount = "d_b", MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "daily reminder" } } };

        var first = await t.Client.SendC2CMessageAsync(template);
        var second = await t.Client.SendC2CMessageAsync(template);

        Assert.NotEqual(first.MsgKey, second.MsgKey);
        Assert.Equal(2, t.Emulator.State.GetMessages("d_a", "d_b").Count);
    }

    [Fact]
    public async Task Batchsendmsg_repeated_with_its_keys_is_not_stored_again_but_stores_one_message_per_recipient()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b", "d_c");
        var request = new BatchSendC2CMessageRequest { FromAccount = "d_a", ToAccount = new List<string> { "d_b", "d_c" }, MsgSeq = 9, MsgRandom = 55, MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "news" } } };
        var first = await t.Client.BatchSendC2CMessageAsync(request);
        var again = await t.Client.BatchSendC2CMessageAsync(request);
        Assert.Equal(first.MsgKey, again.MsgKey);
        Assert.Equal(2, t.Emulator.State.MessageCount);
        Assert.Equal(2, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task Importmsg_is_a_duplicate_when_seq_random_and_time_match_in_either_direction()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b");
        Task Import(string from, string to, uint seq, uint random, long time, string text) => t.Client.ImportC2CMessageAsync(new ImportC2CMessageRequest
        {
            SyncFromOldSystem = SyncFromOldSystemMode.Historical,
            FromAccount = from,
            ToAccount = to,
            MsgSeq = seq,
            MsgRandom = random,
            MsgTimeStamp = time,
            MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = text } },
        });

        await Import("d_a", "d_b", 1, 100, Time - 100, "first");
        await Import("d_a", "d_b", 1, 100, Time - 100, "content does not matter");
        await Import("d_b", "d_a", 1, 100, Time - 100, "swapped direction");
        var kept = Assert.Single(t.Emulator.State.GetMessages("d_a", "d_b"));
        Assert.Contains("first", kept.MsgBodyJson, StringComparison.Ordinal);
        await Import("d_a", "d_b", 2, 100, Time - 100, "other seq");
        await Import("d_a", "d_b", 1, 101, Time - 100, "other random");
        await Import("d_a", "d_b", 1, 100, Time - 99, "other time");
        Assert.Equal(4, t.Emulator.State.GetMessages("d_a", "d_b").Count);
        Assert.Equal(2, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task Historical_imports_do_not_count_as_unread_but_real_time_imports_do()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b");
        foreach (var (mode, seq) in new[] { (SyncFromOldSystemMode.Historical, 1u), (SyncFromOldSystemMode.RealTime, 2u) })
        {
            await t.Client.ImportC2CMessageAsync(new ImportC2CMessageRequest { SyncFromOldSystem = mode, FromAccount = "d_a", ToAccount = "d_b", MsgSeq = seq, MsgRandom = 5, MsgTimeStamp = Time, MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "t" } } });
        }

        var unread = await t.Client.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "d_b" });
        Assert.Equal(1, unread.AllC2CUnreadMsgNum);
    }
}
