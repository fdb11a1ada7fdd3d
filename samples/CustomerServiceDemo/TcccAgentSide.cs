using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Tccc;

namespace CustomerServiceDemo;

/// <summary>
/// The agent side over TCCC's cloud API (ccc 2020-02-10) with the generated <see cref="TcccClient"/>:
/// provision the skill group and the agent (idempotent: found ones are reused), put the agent online,
/// and afterwards read the session record (end status, satisfaction) and its transcript back.
/// The same calls run against the embedded emulator and a real TCCC account.
/// </summary>
internal sealed class TcccAgentSide
{
    private readonly TcccClient _tccc;
    private readonly long _app;
    private readonly TextWriter _out;

    public TcccAgentSide(TcccClient tccc, long sdkAppId, TextWriter output)
    {
        _tccc = tccc;
        _app = sdkAppId;
        _out = output;
    }

    /// <summary>Ensures skill group <paramref name="groupName"/> and agent <paramref name="agentMail"/> in it, then sets the agent free.</summary>
    public async Task<long> ProvisionAsync(string agentMail, string groupName, CancellationToken ct)
    {
        var groups = await _tccc.DescribeSkillGroupInfoListAsync(new DescribeSkillGroupInfoListRequest { SdkAppId = _app, PageSize = 100, PageNumber = 0, SkillGroupName = groupName }, ct).ConfigureAwait(false);
        var groupId = groups.SkillGroupList?.FirstOrDefault(g => g.SkillGroupName == groupName)?.SkillGroupId;
        if (groupId is { } found)
        {
            await Line("CCC skill group \"" + groupName + "\" exists (SkillGroupId " + found.ToString(CultureInfo.InvariantCulture) + ")").ConfigureAwait(false);
        }
        else
        {
            // SkillGroupType 1 = online (IM) sessions.
            var created = await _tccc.CreateCCCSkillGroupAsync(new CreateCCCSkillGroupRequest { SdkAppId = _app, SkillGroupName = groupName, SkillGroupType = 1, MaxConcurrency = 5 }, ct).ConfigureAwait(false);
            groupId = created.SkillGroupId ?? throw new InvalidOperationException("CreateCCCSkillGroup returned no SkillGroupId.");
            await Line("CreateCCCSkillGroup \"" + groupName + "\" -> SkillGroupId " + groupId.Value.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        var name = AgentName(agentMail);
        var staff = await _tccc.CreateStaffAsync(new CreateStaffRequest
        {
            SdkAppId = _app,
            SendPassword = false,
            Staffs = new List<SeatUserInfo> { new() { Name = name, Mail = agentMail, StaffNumber = "1001", SkillGroupNameList = new List<string> { groupName } } },
        }, ct).ConfigureAwait(false);
        var failure = staff.ErrorStaffList?.FirstOrDefault(e => e.StaffEmail == agentMail);
        if (failure is null)
        {
            await Line("CreateStaff " + name + " <" + agentMail + "> in \"" + groupName + "\"").ConfigureAwait(false);
        }
        else if (failure.Code == "FailedOperation.DuplicatedAccount")
        {
            await Line("agent <" + agentMail + "> exists").ConfigureAwait(false);
        }
        else
        {
            throw new InvalidOperationException("CreateStaff " + agentMail + " failed: " + failure.Code + " " + failure.Message);
        }

        await _tccc.BindStaffSkillGroupListAsync(new BindStaffSkillGroupListRequest
        {
            SdkAppId = _app,
            StaffEmail = agentMail,
            StaffSkillGroupList = new List<StaffSkillGroupList> { new() { SkillGroupId = groupId.Value, Priority = 1 } },
        }, ct).ConfigureAwait(false);
        var status = await _tccc.SetStaffStatusAsync(new SetStaffStatusRequest
        {
            SdkAppId = _app,
            StaffStatusList = new List<SetStaffStatusItem> { new() { StaffUserId = agentMail, Status = "free", Reason = "demo" } },
        }, ct).ConfigureAwait(false);
        var result = status.StaffStatusList?.FirstOrDefault();
        if (result is { ErrorCode.Length: > 0 })
        {
            throw new InvalidOperationException("SetStaffStatus " + agentMail + " failed: " + result.ErrorCode + " " + result.ErrorMessage);
        }

        await Line("BindStaffSkillGroupList (priority 1), SetStaffStatus " + (result?.PreviousStatus ?? "?") + " -> free").ConfigureAwait(false);
        return groupId.Value;
    }

    /// <summary>Prints the service record of <paramref name="sessionId"/> (or the customer's latest) and its transcript, as TCCC reports them.</summary>
    public async Task ReadBackAsync(string? sessionId, string customer, long since, CancellationToken ct)
    {
        await _out.WriteLineAsync().ConfigureAwait(false);
        await _out.WriteLineAsync("Through the TCCC API (DescribeIMCdrs, DescribeChatMessages)").ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var records = await _tccc.DescribeIMCdrsAsync(new DescribeIMCdrsRequest { SdkAppId = _app, StartTimestamp = since, EndTimestamp = now + 60, Limit = 100 }, ct).ConfigureAwait(false);
        var record = (records.IMCdrList ?? new List<IMCdrInfo>())
            .Where(r => sessionId is null ? r.ClientUserId == customer : r.SessionId == sessionId)
            .OrderByDescending(r => r.Timestamp)
            .FirstOrDefault();
        if (record is null)
        {
            await _out.WriteLineAsync("  no finished session record yet for " + customer + " (" + (records.TotalCount ?? 0).ToString(CultureInfo.InvariantCulture) + " records since the start)").ConfigureAwait(false);
            return;
        }

        await _out.WriteLineAsync("  IMCdrInfo     Id " + record.Id + ", SessionId " + record.SessionId).ConfigureAwait(false);
        await _out.WriteLineAsync("  EndStatus     " + record.EndStatus?.ToString(CultureInfo.InvariantCulture) + EndStatusText(record.EndStatus)).ConfigureAwait(false);
        await _out.WriteLineAsync("  SkillGroup    " + record.SkillGroupId + " (" + record.SkillGroupName + ")").ConfigureAwait(false);
        await _out.WriteLineAsync("  StaffId       " + record.StaffId).ConfigureAwait(false);
        await _out.WriteLineAsync("  Duration      " + record.Duration?.ToString(CultureInfo.InvariantCulture) + " s").ConfigureAwait(false);
        await _out.WriteLineAsync("  Satisfaction  " + (record.Satisfaction is { } s ? s.Id?.ToString(CultureInfo.InvariantCulture) + " " + s.Label : "none")).ConfigureAwait(false);

        var messages = await _tccc.DescribeChatMessagesAsync(new DescribeChatMessagesRequest { SdkAppId = _app, SessionId = record.SessionId, Order = 1, Limit = 100 }, ct).ConfigureAwait(false);
        await _out.WriteLineAsync("  transcript (" + (messages.TotalCount ?? 0).ToString(CultureInfo.InvariantCulture) + " messages, oldest first)").ConfigureAwait(false);
        foreach (var body in messages.Messages ?? new List<MessageBody>())
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(body.Timestamp ?? 0).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var part in body.Messages ?? new List<Message>())
            {
                await _out.WriteLineAsync("    " + time + "  " + (body.From ?? "?").PadRight(26) + " " + (part.Type == "text" ? part.Content : "[" + part.Type + "] " + part.Content)).ConfigureAwait(false);
            }
        }
    }

    // TCCC's documented IM end-status codes (IMCdrInfo.EndStatus).
    private static string EndStatusText(long? code) => code switch
    {
        0 => " (abnormal)",
        1 => " (normal)",
        3 => " (no agent online)",
        17 => " (agent gave up)",
        101 => " (agent transferred manually)",
        108 => " (user timeout)",
        109 => " (user ended)",
        _ => string.Empty,
    };

    private static string AgentName(string mail)
    {
        var local = mail.Split('@')[0];
        return local.Length == 0 ? mail : char.ToUpperInvariant(local[0]) + local.Substring(1);
    }

    private Task Line(string text) => _out.WriteLineAsync("    " + text);
}
