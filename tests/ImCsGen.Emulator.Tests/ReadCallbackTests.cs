using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// A user's client reading one-to-one messages, driven through the control API (no REST call of Tencent's acts for the
/// client): the state the REST API reads back changes, and the callback Tencent sends for the client's action arrives
/// at a loopback receiver, signed and readable with the generated payload type.
/// </summary>
public sealed class ReadCallbackTests
{
    private const string Token = "read-token";

    [Fact]
    public async Task A_client_read_receipt_marks_the_messages_peer_read_and_calls_back_C2C_CallbackAfterMsgReadReceipt()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("rr_reader", "rr_peer");
        var first = await t.SendTextAsync("rr_peer", "rr_reader", "one");
        var second = await t.SendTextAsync("rr_peer", "rr_reader", "two");
        var own = await t.SendTextAsync("rr_reader", "rr_peer", "mine");

        // Refused: a message the reader sent (a receipt is for received messages), an unknown account. Nothing is marked.
        var (wrongDirection, error) = await t.ControlPostAsync("_emulator/users/rr_reader/read-receipt", "{\"peer\":\"rr_peer\",\"msgKeys\":[\"" + first.MsgKey + "\",\"" + own.MsgKey + "\"]}");
        Assert.Equal(400, wrongDirection);
        Assert.StartsWith("msgKeys[1]:", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        var (unknown, _) = await t.ControlPostAsync("_emulator/users/nobody/read-receipt", "{\"peer\":\"rr_peer\",\"msgKeys\":[\"" + first.MsgKey + "\"]}");
        Assert.Equal(404, unknown);
        var (noKeys, _) = await t.ControlPostAsync("_emulator/users/rr_reader/read-receipt", """{"peer":"rr_peer","msgKeys":[]}""");
        Assert.Equal(400, noKeys);
        Assert.All(t.Emulator.State.GetMessages("rr_reader", "rr_peer"), m => Assert.False(m.ReadReceiptSent));

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (status, answer) = await t.ControlPostAsync("_emulator/users/rr_reader/read-receipt", "{\"peer\":\"rr_peer\",\"msgKeys\":[\"" + first.MsgKey + "\"]}");
        Assert.Equal(200, status);
        Assert.Equal(1, answer.RootElement.GetProperty("messages").GetInt32());

        // The sender's roaming history shows the receipt on that message only (IsPeerRead).
        var history = await t.Client.GetC2CRoamMessagesAsync(new GetC2CRoamMessagesRequest { OperatorAccount = "rr_peer", PeerAccount = "rr_reader", MaxCnt = 50, MinTime = 0, MaxTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60 });
        Assert.Equal(1, history.MsgList!.Single(m => m.MsgKey == first.MsgKey).IsPeerRead);
        Assert.Equal(0, history.MsgList!.Single(m => m.MsgKey == second.MsgKey).IsPeerRead);

        await receiver.WaitForAsync(C2CCallbackAfterMsgReadReceipt.Command);
        var receipt = Assert.Single(receiver.All<C2CCallbackAfterMsgReadReceipt>());
        Assert.Equal(("rr_reader", "rr_peer"), (receipt.OperatorAccount, receipt.PeerAccount));
        var item = Assert.Single(receipt.C2CMsgInfo!);
        Assert.Equal(("rr_peer", "rr_reader", first.MsgKey), (item.FromAccount, item.ToAccount, item.MsgKey));
        Assert.Null(item.MsgId);
        Assert.InRange(receipt.EventTime!.Value, before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
    }

    [Fact]
    public async Task The_admins_REST_read_receipt_also_calls_back_C2C_CallbackAfterMsgReadReceipt()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("rest_reader", "rest_peer");
        var sent = await t.SendTextAsync("rest_peer", "rest_reader", "hello");
        await t.Client.SendC2CReadReceiptAsync(new SendC2CReadReceiptRequest { OperatorAccount = "rest_reader", PeerAccount = "rest_peer", C2CMsgInfo = new List<C2CMsgInfoItem> { new() { FromAccount = "rest_peer", ToAccount = "rest_reader", MsgKey = sent.MsgKey! } } });

        await receiver.WaitForAsync(C2CCallbackAfterMsgReadReceipt.Command);
        var receipt = Assert.Single(receiver.All<C2CCallbackAfterMsgReadReceipt>());
        Assert.Equal(("rest_reader", "rest_peer"), (receipt.OperatorAccount, receipt.PeerAccount));
        var item = Assert.Single(receipt.C2CMsgInfo!);
        Assert.Equal(("rest_peer", "rest_reader", sent.MsgKey), (item.FromAccount, item.ToAccount, item.MsgKey));
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
    }

    [Fact]
    public async Task A_client_mark_all_read_clears_c2c_and_group_unread_counts_and_calls_back_C2C_CallbackAfterMsgReadAll()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var t = await TestEmulator.StartAsync(o => o.Callbacks = receiver.Options(Token));
        await t.ImportAsync("ra_user", "ra_b", "ra_c");
        await t.SendTextAsync("ra_b", "ra_user", "1");
        await t.SendTextAsync("ra_b", "ra_user", "2");
        await t.SendTextAsync("ra_c", "ra_user", "3");
        await t.SendTextAsync("ra_user", "ra_c", "sent by the user: no unread for them");
        var c = t.Client;
        var unreadGroup = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "ra_b", Type = GroupType.Public, Name = "unread", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "ra_user" } } })).GroupId!;
        await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = unreadGroup, FromAccount = "ra_b", MsgBody = GroupEndpointScenarios.Text("a") });
        await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = unreadGroup, FromAccount = "ra_b", MsgBody = GroupEndpointScenarios.Text("b") });
        var readGroup = (await c.CreateGroupAsync(new CreateGroupRequest { OwnerAccount = "ra_user", Type = GroupType.Public, Name = "own", MemberList = new List<CreateGroupMemberItem> { new() { MemberAccount = "ra_c" } } })).GroupId!;
        await c.SendGroupMessageAsync(new SendGroupMessageRequest { GroupId = readGroup, FromAccount = "ra_user", MsgBody = GroupEndpointScenarios.Text("own words") });
        Assert.Equal(3, (await c.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "ra_user" })).AllC2CUnreadMsgNum);

        var (status, answer) = await t.ControlPostAsync("_emulator/users/ra_user/read-all");
        Assert.Equal(200, status);
        Assert.Equal(2, answer.RootElement.GetProperty("conversations").GetInt32());
        var cleared = Assert.Single(answer.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal((unreadGroup, 2u), (cleared.GetProperty("groupId").GetString(), cleared.GetProperty("msgSeq").GetUInt32()));

        // The REST API reads the cleared counts back; other users' counts are untouched.
        Assert.Equal(0, (await c.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "ra_user" })).AllC2CUnreadMsgNum);
        Assert.Equal(1, (await c.GetC2CUnreadMessageCountAsync(new GetC2CUnreadMessageCountRequest { ToAccount = "ra_c" })).AllC2CUnreadMsgNum);
        var joined = await c.GetJoinedGroupsAsync(new GetJoinedGroupsRequest { MemberAccount = "ra_user" });
        Assert.All(joined.GroupIdList!, g => Assert.Equal(0, g.SelfInfo!.UnreadMsgNum));

        await receiver.WaitForAsync(C2CCallbackAfterMsgReadAll.Command);
        var all = Assert.Single(receiver.All<C2CCallbackAfterMsgReadAll>());
        Assert.Equal("ra_user", all.ReportAccount);
        var group = Assert.Single(all.GroupReadInfo!);
        Assert.Equal((unreadGroup, 2u), (group.GroupId, group.MsgSeq!.Value));
        Assert.InRange(all.EventTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);

        // Nothing left to clear: the client's clear still succeeds and is called back with no groups.
        var (again, second) = await t.ControlPostAsync("_emulator/users/ra_user/read-all", "{}");
        Assert.Equal((200, 0), (again, second.RootElement.GetProperty("conversations").GetInt32()));
        await receiver.WaitForAsync(C2CCallbackAfterMsgReadAll.Command, 2);
        Assert.Contains(receiver.All<C2CCallbackAfterMsgReadAll>(), p => p.GroupReadInfo is { Count: 0 });
        var (unknown, _) = await t.ControlPostAsync("_emulator/users/nobody/read-all");
        Assert.Equal(404, unknown);
        receiver.AssertAllSigned(Token, t.Emulator.Options.SdkAppId);
    }

    [Fact]
    public async Task Accounts_carry_a_stable_tiny_id_of_their_own()
    {
        await using var t = await TestEmulator.StartAsync();
        await t.ImportAsync("tiny_a", "tiny_b");
        Dictionary<string, long> TinyIds(System.Text.Json.JsonDocument accounts)
            => accounts.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("userId").GetString()!, a => a.GetProperty("tinyId").GetInt64());

        using var first = await t.ControlGetAsync("_emulator/accounts");
        var ids = TinyIds(first);
        Assert.Equal(ids.Count, ids.Values.Distinct().Count());
        Assert.All(ids.Values, id => Assert.Equal(18, id.ToString(System.Globalization.CultureInfo.InvariantCulture).Length));

        // Re-importing keeps the id; a deleted and re-imported account gets a new one, never another account's.
        await t.ImportAsync("tiny_a");
        await t.Client.DeleteAccountsAsync(new DeleteAccountsRequest { DeleteItem = new List<AccountDeleteItem> { new() { UserID = "tiny_b" } } });
        await t.ImportAsync("tiny_b");
        using var second = await t.ControlGetAsync("_emulator/accounts");
        var after = TinyIds(second);
        Assert.Equal(ids["tiny_a"], after["tiny_a"]);
        Assert.DoesNotContain(after["tiny_b"], ids.Values);
    }
}
