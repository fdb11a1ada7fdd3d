using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.CustomerService;
using ImCsGen.Emulator.Desk;
using ImCsGen.Emulator.Tccc;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// TCCC's cloud API served by the emulator over the same desk, called through the generated, TC3-signing
/// <see cref="TcccClient"/>: staff and skill groups created through the API change routing; records,
/// satisfaction and transcripts of the sessions the desk ran come back typed.
/// </summary>
public sealed class TcccEmulatorTests : IAsyncLifetime
{
    private const string Service = "@customer_service_account";
    private const string Dave = "dave@shop.example";
    private TestEmulator _t = null!;
    private CustomerServiceProvisioner _provisioner = null!;
    private TcccClient _tccc = null!;
    private RecordingTencentCloudTransport _recorder = null!;
    private long _app;

    public async Task InitializeAsync()
    {
        _t = await TestEmulator.StartAsync();
        _provisioner = new CustomerServiceProvisioner(_t.Client);
        await _provisioner.ProvisionAsync(_t.Admin, new VirtualAccount(Service, "Shop Service"));
        await _provisioner.EnsureCustomerAsync("cust_1", "Lin");
        await _provisioner.EnsureCustomerAsync("cust_2", "Mei");
        _tccc = TcccTestSupport.CreateClient(_t.Emulator, null, out _recorder);
        _app = _t.Emulator.TcccSdkAppId();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public void Every_generated_action_has_a_handler()
        => Assert.Equal(TcccClientActions.All.Select(a => a.Name).Order(StringComparer.Ordinal), _t.Emulator.Tccc.Actions.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Staff_and_skill_groups_made_through_the_api_route_the_desk_and_its_records_come_back()
    {
        var buy = await _tccc.DescribeCCCBuyInfoListAsync(new DescribeCCCBuyInfoListRequest { SdkAppIds = [_app] });
        Assert.Equal(_app, Assert.Single(buy.SdkAppIdBuyList!).SdkAppId);
        Assert.False(string.IsNullOrEmpty(buy.RequestId));

        // The desk's configured groups appear with numeric ids; a new group is added to them.
        var vip = (await _tccc.CreateCCCSkillGroupAsync(new CreateCCCSkillGroupRequest { SdkAppId = _app, SkillGroupName = "VIP", SkillGroupType = 1, MaxConcurrency = 2 })).SkillGroupId!.Value;
        await _tccc.UpdateCCCSkillGroupAsync(new UpdateCCCSkillGroupRequest { SdkAppId = _app, SkillGroupId = vip, SkillGroupName = "VIP desk", RingAll = true });
        var groups = await _tccc.DescribeSkillGroupInfoListAsync(new DescribeSkillGroupInfoListRequest { SdkAppId = _app, PageSize = 100, PageNumber = 0 });
        Assert.Equal(3, groups.TotalCount);
        var preSales = groups.SkillGroupList!.Single(g => g.SkillGroupName == "Pre-sales").SkillGroupId!.Value;
        var vipInfo = groups.SkillGroupList!.Single(g => g.SkillGroupId == vip);
        Assert.Equal(("VIP desk", 2L, true), (vipInfo.SkillGroupName, vipInfo.MaxConcurrency, vipInfo.RingAll));
        Assert.Contains(_t.Emulator.Desk.SkillGroups, g => g.Name == "VIP desk" && g.MaxConcurrency == 2);

        // A new agent (and a duplicate of a configured one, refused per item).
        var created = await _tccc.CreateStaffAsync(new CreateStaffRequest
        {
            SdkAppId = _app,
            SendPassword = false,
            Staffs =
            [
                new SeatUserInfo { Name = "Dave", Mail = Dave, StaffNumber = "007", SkillGroupNameList = ["VIP desk"] },
                new SeatUserInfo { Name = "Alice again", Mail = "alice@shop.example", StaffNumber = "008" },
            ],
        });
        var duplicate = Assert.Single(created.ErrorStaffList!);
        Assert.Equal(("alice@shop.example", "FailedOperation.DuplicatedAccount"), (duplicate.StaffEmail, duplicate.Code));
        Assert.Equal(AgentStatus.Offline, _t.Emulator.Desk.GetAgents().Single(a => a.Id == Dave).Status);
        await _tccc.ModifyStaffAsync(new ModifyStaffRequest { SdkAppId = _app, Email = Dave, Nick = "D", Phone = "008613800000000" });
        await _tccc.ModifyStaffPasswordAsync(new ModifyStaffPasswordRequest { SdkAppId = _app, Email = Dave, Password = "Str0ng-Passw0rd!" });

        // Dave joins pre-sales with priority 1 and goes free; Alice (the configured pre-sales agent) rests.
        await _tccc.BindStaffSkillGroupListAsync(new BindStaffSkillGroupListRequest { SdkAppId = _app, StaffEmail = Dave, StaffSkillGroupList = [new StaffSkillGroupList { SkillGroupId = preSales, Priority = 1 }] });
        var status = await _tccc.SetStaffStatusAsync(new SetStaffStatusRequest
        {
            SdkAppId = _app,
            StaffStatusList = [new SetStaffStatusItem { StaffUserId = Dave, Status = "free" }, new SetStaffStatusItem { StaffUserId = "alice@shop.example", Status = "rest", Reason = "lunch" }],
        });
        Assert.Equal(["offline", "free"], status.StaffStatusList!.Select(s => s.PreviousStatus!).ToArray());
        var daveInfo = Assert.Single((await _tccc.DescribeStaffInfoListAsync(new DescribeStaffInfoListRequest { SdkAppId = _app, PageSize = 10, PageNumber = 0, SkillGroupId = preSales, StaffMail = Dave })).StaffList!);
        Assert.Equal(("Dave", "D", "007"), (daveInfo.Name, daveInfo.Nick, daveInfo.StaffNumber));
        Assert.Equal(new[] { (vip, 3L), (preSales, 1L) }, daveInfo.SkillGroupList!.Select(g => (g.SkillGroupId, g.Priority)).OrderByDescending(p => p.SkillGroupId == vip).ToArray());

        // The consultation: a size question routes to pre-sales, where only Dave is free.
        await _provisioner.StartConsultationAsync("cust_1", Service, "Hi Lin, how can we help?");
        await _provisioner.SendAsync("cust_1", Service, CustomerServiceElements.Text("Which size should I choose?"));
        await _provisioner.SendAsync("cust_1", Service, CustomerServiceElements.Text("human please"));
        var session = _t.Emulator.Desk.GetSessions().Single(s => s.User == "cust_1");
        Assert.Equal((SessionState.Queued, Dave), (session.State, session.RoutedAgentId));
        _t.Emulator.Desk.Accept(Dave);
        _t.Emulator.Desk.Reply(Dave, session.SessionId, "Take M.");
        var metrics = await _tccc.DescribeStaffStatusMetricsAsync(new DescribeStaffStatusMetricsRequest { SdkAppId = _app, StaffList = [Dave] });
        Assert.Equal(("free", "im"), (Assert.Single(metrics.Metrics!).Status, metrics.Metrics![0].StatusExtra?.Type));
        _t.Emulator.Desk.End(Dave, session.SessionId);
        var rating = _t.Emulator.State.GetMessages("cust_1", Service).SelectMany(m => m.Parts())
            .Select(p => CustomerServiceMessage.TryParse(p.Content, out var m) ? m : null).OfType<SatisfactionRequestMessage>().Single();
        await _provisioner.SendAsync("cust_1", Service, rating.Answer(105));

        // The record, the satisfaction answer and the transcript, through both record actions.
        var window = (Start: session.StartedAt.ToUnixTimeSeconds() - 60, End: session.StartedAt.ToUnixTimeSeconds() + 3600);
        var cdrs = await _tccc.DescribeIMCdrsAsync(new DescribeIMCdrsRequest { SdkAppId = _app, StartTimestamp = window.Start, EndTimestamp = window.End, Limit = 100 });
        var cdr = Assert.Single(cdrs.IMCdrList!);
        Assert.Equal(1, cdrs.TotalCount);
        Assert.Equal(session.SessionId, cdr.SessionId);
        Assert.Equal((1L, Dave, "Pre-sales", "cust_1", "Lin"), (cdr.EndStatus!.Value, cdr.StaffId, cdr.SkillGroupName, cdr.ClientUserId, cdr.Nickname));
        Assert.Equal(preSales.ToString(System.Globalization.CultureInfo.InvariantCulture), cdr.SkillGroupId);
        Assert.Equal((105L, "Very satisfied"), (cdr.Satisfaction!.Id!.Value, cdr.Satisfaction.Label));
        var list = await _tccc.DescribeIMCdrListAsync(new DescribeIMCdrListRequest { SdkAppId = _app, StartTimestamp = window.Start, EndTimestamp = window.End, Type = 2 });
        Assert.Equal(cdr.Id, Assert.Single(list.IMCdrList!).Id);
        Assert.Equal(0, (await _tccc.DescribeIMCdrListAsync(new DescribeIMCdrListRequest { SdkAppId = _app, StartTimestamp = window.Start, EndTimestamp = window.End, Type = 1 })).TotalCount);
        var chat = await _tccc.DescribeChatMessagesAsync(new DescribeChatMessagesRequest { SdkAppId = _app, SessionId = session.SessionId, Order = 1, Limit = 100 });
        Assert.Equal(session.Transcript.Count, chat.TotalCount);
        Assert.Equal((Service, "Hi Lin, how can we help?"), (chat.Messages![0].From, chat.Messages[0].Messages![0].Content));
        Assert.Contains(chat.Messages, m => m.From == Dave && m.Messages![0].Content == "Take M.");
        var newestFirst = await _tccc.DescribeChatMessagesAsync(new DescribeChatMessagesRequest { SdkAppId = _app, SessionId = session.SessionId, Limit = 1 });
        Assert.Equal(chat.Messages[^1].Messages![0].Content, Assert.Single(newestFirst.Messages!).Messages![0].Content);

        // TransferToManual hands a bot session to the VIP group (Dave again); a timeout ends it with 108.
        await _provisioner.StartConsultationAsync("cust_2", Service, "Hi Mei");
        var second = _t.Emulator.Desk.GetSessions().Single(s => s.User == "cust_2");
        await _tccc.TransferToManualAsync(new TransferToManualRequest { SdkAppId = _app, SessionId = second.SessionId, SkillGroupId = vip });
        Assert.Equal((SessionState.Queued, Dave, "VIP desk"), (second.State, second.RoutedAgentId, second.SkillGroup!.Name));
        _t.Emulator.Desk.TimeOut(second.SessionId);
        var both = await _tccc.DescribeIMCdrsAsync(new DescribeIMCdrsRequest { SdkAppId = _app, StartTimestamp = window.Start, EndTimestamp = window.End });
        Assert.Equal(108, both.IMCdrList!.Single(c => c.SessionId == second.SessionId).EndStatus);
        Assert.Null(both.IMCdrList!.Single(c => c.SessionId == second.SessionId).Satisfaction);

        // Status history, call-in metrics, login helpers.
        var history = await _tccc.DescribeStaffStatusHistoryAsync(new DescribeStaffStatusHistoryRequest { SdkAppId = _app, StaffUserId = Dave, StartTimestamp = window.Start, EndTimestamp = window.End });
        Assert.Equal(["offline", "free"], history.Data!.Select(d => d.Status!).ToArray());
        var callIn = await _tccc.DescribeCallInMetricsAsync(new DescribeCallInMetricsRequest { SdkAppId = _app, EnabledSkillGroup = true, GroupIdList = [vip] });
        Assert.Equal("VIP desk", Assert.Single(callIn.SkillGroupMetrics!).Name);
        var token = await _tccc.CreateSDKLoginTokenAsync(new CreateSDKLoginTokenRequest { SdkAppId = _app, SeatUserId = Dave });
        Assert.Equal(32, token.Token!.Length);
        var sig = await _tccc.CreateUserSigAsync(new CreateUserSigRequest { SdkAppId = _app, Uid = "cust_1", ClientData = "{\"Uid\":\"cust_1\"}", ExpiredTime = 3600 });
        Assert.Equal(ImCsGen.Auth.UserSigCheck.Valid, ImCsGen.Auth.UserSig.Verify(sig.UserSig!, _t.Emulator.Options.SdkAppId, _t.Emulator.Options.SecretKey, "cust_1", DateTimeOffset.UtcNow));
        Assert.Contains(Uri.EscapeDataString(Dave), (await _tccc.CreateAdminURLAsync(new CreateAdminURLRequest { SdkAppId = _app, SeatUserId = Dave })).URL, StringComparison.Ordinal);

        // Forced offline stops routing; restoring brings the previous status back.
        await _tccc.ForceMemberOfflineAsync(new ForceMemberOfflineRequest { SdkAppId = _app, UserId = Dave });
        Assert.Equal(AgentStatus.Offline, _t.Emulator.Desk.GetAgents().Single(a => a.Id == Dave).Status);
        await _tccc.RestoreMemberOnlineAsync(new RestoreMemberOnlineRequest { SdkAppId = _app, UserId = Dave });
        Assert.Equal(AgentStatus.Free, _t.Emulator.Desk.GetAgents().Single(a => a.Id == Dave).Status);

        // Unbinding, then deleting: an online agent is kept and reported; offline it goes.
        await _tccc.UnbindStaffSkillGroupListAsync(new UnbindStaffSkillGroupListRequest { SdkAppId = _app, StaffEmail = Dave, SkillGroupList = [preSales] });
        Assert.Equal(new[] { _t.Emulator.Tccc.Directory.FindGroup(vip)!.DeskId }, _t.Emulator.Desk.GetAgents().Single(a => a.Id == Dave).SkillGroups);
        var kept = await _tccc.DeleteStaffAsync(new DeleteStaffRequest { SdkAppId = _app, StaffList = [Dave] });
        Assert.Equal([Dave], kept.OnlineStaffList!.ToArray());
        await _tccc.SetStaffStatusAsync(new SetStaffStatusRequest { SdkAppId = _app, StaffStatusList = [new SetStaffStatusItem { StaffUserId = Dave, Status = "offline" }] });
        Assert.Empty((await _tccc.DeleteStaffAsync(new DeleteStaffRequest { SdkAppId = _app, StaffList = [Dave] })).OnlineStaffList!);
        Assert.DoesNotContain(_t.Emulator.Desk.GetAgents(), a => a.Id == Dave);

        // A group a flow routes to cannot go; the API-made one can.
        var inUse = await Assert.ThrowsAsync<TencentCloudException>(() => _tccc.DeleteCCCSkillGroupAsync(new DeleteCCCSkillGroupRequest { SdkAppId = _app, SkillGroupId = preSales }));
        Assert.Equal("FailedOperation", inUse.Code);
        await _tccc.DeleteCCCSkillGroupAsync(new DeleteCCCSkillGroupRequest { SdkAppId = _app, SkillGroupId = vip });
        Assert.DoesNotContain(_t.Emulator.Desk.SkillGroups, g => g.Name == "VIP desk");

        // Every action of the spec answered successfully at least once in this test.
        Assert.All(TcccClientActions.All, a => Assert.True(_recorder.Succeeded.ContainsKey(a.Name), a.Name + " was not called successfully"));
    }

    [Fact]
    public async Task Failures_answer_with_tencents_envelope_and_string_codes()
    {
        var unknown = await Assert.ThrowsAsync<TencentCloudException>(() => _tccc.ModifyStaffAsync(new ModifyStaffRequest { SdkAppId = _app, Email = "nobody@shop.example" }));
        Assert.Equal("InvalidParameterValue.AccountNotExist", unknown.Code);
        Assert.False(string.IsNullOrEmpty(unknown.RequestId));
        Assert.Equal(1, unknown.Attempts);
        var wrongApp = await Assert.ThrowsAsync<TencentCloudException>(() => _tccc.DescribeSkillGroupInfoListAsync(new DescribeSkillGroupInfoListRequest { SdkAppId = 1, PageSize = 10, PageNumber = 0 }));
        Assert.Equal("InvalidParameterValue.InstanceNotExist", wrongApp.Code);
        var noSession = await Assert.ThrowsAsync<TencentCloudException>(() => _tccc.DescribeChatMessagesAsync(new DescribeChatMessagesRequest { SdkAppId = _app, SessionId = "nope" }));
        Assert.Equal("InvalidParameterValue.RecordNotExist", noSession.Code);
        var exists = await Assert.ThrowsAsync<TencentCloudException>(() => _tccc.CreateCCCSkillGroupAsync(new CreateCCCSkillGroupRequest { SdkAppId = _app, SkillGroupName = "Pre-sales", SkillGroupType = 1 }));
        Assert.Equal("InvalidParameterValue.SkillGroupExist", exists.Code);
    }

    [Fact]
    public async Task Field_rules_of_the_spec_are_enforced_on_bodies_the_typed_client_would_refuse()
    {
        // 11 staff: spec/tccc.json says CreateStaff.Staffs has at most 10 (checked by the generated Validate()).
        var staffs = string.Join(",", Enumerable.Range(0, 11).Select(i => "{\"Name\":\"n" + i + "\",\"Mail\":\"a" + i + "@x.example\",\"StaffNumber\":\"" + i + "\"}"));
        using var tooMany = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(_t.Emulator, "CreateStaff", "{\"SdkAppId\":" + _app + ",\"Staffs\":[" + staffs + "]}"));
        var error = tooMany.RootElement.GetProperty("Response").GetProperty("Error");
        Assert.Equal("InvalidParameterValue", error.GetProperty("Code").GetString());
        Assert.Contains("Staffs", error.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(tooMany.RootElement.GetProperty("Response").GetProperty("RequestId").GetString()));

        using var pageTooBig = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(_t.Emulator, "DescribeSkillGroupInfoList", "{\"SdkAppId\":" + _app + ",\"PageSize\":101,\"PageNumber\":0}"));
        Assert.Equal("InvalidParameterValue", pageTooBig.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
        Assert.Contains("PageSize", pageTooBig.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Message").GetString(), StringComparison.Ordinal);

        using var missing = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(_t.Emulator, "DescribeIMCdrList", "{\"SdkAppId\":" + _app + ",\"StartTimestamp\":1}"));
        Assert.Equal("MissingParameter", missing.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
        Assert.Contains("EndTimestamp", missing.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Message").GetString(), StringComparison.Ordinal);

        using var action = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(_t.Emulator, "DescribeNothing", "{}"));
        Assert.Equal("InvalidAction", action.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
        using var version = JsonDocument.Parse(await TcccTestSupport.SendRawAsync(_t.Emulator, "DescribeCCCBuyInfoList", "{}", version: "2017-03-12"));
        Assert.Equal("NoSuchVersion", version.RootElement.GetProperty("Response").GetProperty("Error").GetProperty("Code").GetString());
    }
}
