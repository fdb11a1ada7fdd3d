using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class DeduplicationTests
{
    private static readonly long Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task Sendmsg_with_the_same_MsgRandom_in_the_same_second_is_stored_once_and_answered_with_the_same_key()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b");
        var first = await t.SendTextAsync("d_a", "d_b", "once", random: 1234, time: Time);
        var again = await t.SendTextAsync("d_a", "d_b", "once", random: 1234, time: Time);
        Assert.Equal(first.MsgKey, again.MsgKey);
        Assert.Equal(first.MsgTime, again.MsgTime);
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_b"));
        Assert.Equal(1, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task Sendmsg_with_another_MsgRandom_or_another_second_or_another_pair_is_a_new_message()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("d_a", "d_b", "d_c");
        await t.SendTextAsync("d_a", "d_b", "x", random: 1, time: Time);
        await t.SendTextAsync("d_a", "d_b", "x", random: 2, time: Time);
        await t.SendTextAsync("d_a", "d_b", "x", random: 1, time: Time + 1);
        await t.SendTextAsync("d_a", "d_c", "x", random: 1, time: Time);
        await t.SendTextAsync("d_b", "d_a", "x", random: 1, time: Time);
        Assert.Equal(4, t.Emulator.State.GetMessages("d_a", "d_b").Count);
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_c"));
        Assert.Equal(0, t.Emulator.State.DuplicatesSuppressed);
    }

    [Fact]
    public async Task A_wider_window_models_a_backend_that_remembers_keys_longer()
    {
        await using var t = await TestEmulator.StartAsync(o => o.SendDeduplicationWindowSeconds = 5);
        await t.ImportAsync("d_a", "d_b");
        await t.SendTextAsync("d_a", "d_b", "x", random: 9, time: Time);
        await t.SendTextAsync("d_a", "d_b", "x", random: 9, time: Time + 3);
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_b"));
    }

    [Fact]
    public async Task Batchsendmsg_repeated_is_not_stored_again()
    {
        await using var t = await TestEmulator.StartAsync(o => o.SendDeduplicationWindowSeconds = 60);
        await t.ImportAsync("d_a", "d_b", "d_c");
        var request = new BatchSendC2CMessageRequest { FromAccount = "d_a", ToAccount = new List<string> { "d_b", "d_c" }, MsgRandom = 55, MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "news" } } };
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
        Assert.Single(t.Emulator.State.GetMessages("d_a", "d_b"));
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
