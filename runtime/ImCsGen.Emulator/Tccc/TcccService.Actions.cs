using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using ImCsGen.Auth;
using ImCsGen.Emulator.Desk;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;

namespace ImCsGen.Emulator.Tccc;

/// <summary>
/// The actions, one handler each, over the desk and <see cref="TcccDirectory"/>. A handler runs under the
/// emulator state's lock after the generated reader and Validate() accepted the body. Codes are the ones
/// Tencent documents for ccc (InvalidParameterValue.AccountNotExist, .SkillGroupError, .SkillGroupExist,
/// .RecordNotExist, .InstanceNotExist, FailedOperation.DuplicatedAccount, LimitExceeded...).
/// </summary>
internal sealed partial class TcccService
{
    private void RegisterActions()
    {
        On(TcccClientActions.CreateStaff, CreateStaffRequest.ReadJson, CreateStaff, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.ModifyStaff, ModifyStaffRequest.ReadJson, ModifyStaff, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DeleteStaff, DeleteStaffRequest.ReadJson, DeleteStaff, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeStaffInfoList, DescribeStaffInfoListRequest.ReadJson, DescribeStaffInfoList, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.ModifyStaffPassword, ModifyStaffPasswordRequest.ReadJson, ModifyStaffPassword, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.ForceMemberOffline, ForceMemberOfflineRequest.ReadJson, ForceMemberOffline, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.RestoreMemberOnline, RestoreMemberOnlineRequest.ReadJson, RestoreMemberOnline, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.SetStaffStatus, SetStaffStatusRequest.ReadJson, SetStaffStatus, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeStaffStatusHistory, DescribeStaffStatusHistoryRequest.ReadJson, DescribeStaffStatusHistory, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeStaffStatusMetrics, DescribeStaffStatusMetricsRequest.ReadJson, DescribeStaffStatusMetrics, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.CreateCCCSkillGroup, CreateCCCSkillGroupRequest.ReadJson, CreateSkillGroup, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeSkillGroupInfoList, DescribeSkillGroupInfoListRequest.ReadJson, DescribeSkillGroupInfoList, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.UpdateCCCSkillGroup, UpdateCCCSkillGroupRequest.ReadJson, UpdateSkillGroup, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DeleteCCCSkillGroup, DeleteCCCSkillGroupRequest.ReadJson, DeleteSkillGroup, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.BindStaffSkillGroupList, BindStaffSkillGroupListRequest.ReadJson, BindStaffSkillGroups, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.UnbindStaffSkillGroupList, UnbindStaffSkillGroupListRequest.ReadJson, UnbindStaffSkillGroups, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeIMCdrs, DescribeIMCdrsRequest.ReadJson, DescribeIMCdrs, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeIMCdrList, DescribeIMCdrListRequest.ReadJson, DescribeIMCdrList, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeChatMessages, DescribeChatMessagesRequest.ReadJson, DescribeChatMessages, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeCallInMetrics, DescribeCallInMetricsRequest.ReadJson, DescribeCallInMetrics, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.CreateSDKLoginToken, CreateSDKLoginTokenRequest.ReadJson, CreateSdkLoginToken, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.CreateUserSig, CreateUserSigRequest.ReadJson, CreateUserSig, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.CreateAdminURL, CreateAdminURLRequest.ReadJson, CreateAdminUrl, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.TransferToManual, TransferToManualRequest.ReadJson, TransferToManual, static (r, w) => r.WriteJson(w));
        On(TcccClientActions.DescribeCCCBuyInfoList, DescribeCCCBuyInfoListRequest.ReadJson, DescribeBuyInfo, static (r, w) => r.WriteJson(w));
    }

    private void On<TRequest, TResponse>(TencentCloudAction action, JsonReader<TRequest> read, Func<TRequest, long, TResponse> handle, Action<TResponse, Utf8JsonWriter> write)
        where TRequest : ITencentCloudRequest
        where TResponse : TencentCloudResponse
    {
        _handlers[action.Name] = body =>
        {
            var request = Parse(body, read);
            TResponse response;
            lock (_emulator.State.Sync)
            {
                var now = _emulator.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
                Directory.Sync(_emulator.Desk, now);
                try
                {
                    response = handle(request, now);
                }
                catch (ServiceDeskException e)
                {
                    throw new TcccFault(e.NotFound ? "InvalidParameterValue.RecordNotExist" : "FailedOperation", e.Message);
                }
            }

            return (writer, requestId) =>
            {
                response.RequestId = requestId;
                write(response, writer);
            };
        };
    }

    // ---- staff -------------------------------------------------------------------------------------------

    private CreateStaffResponse CreateStaff(CreateStaffRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var errors = new List<ErrStaffItem>();
        foreach (var seat in request.Staffs)
        {
            if (_emulator.Desk.FindAgent(seat.Mail) is not null)
            {
                errors.Add(new ErrStaffItem { StaffEmail = seat.Mail, Code = "FailedOperation.DuplicatedAccount", Message = "The account already exists." });
                continue;
            }

            if (_emulator.Desk.GetAgents().Count >= _options.Seats)
            {
                errors.Add(new ErrStaffItem { StaffEmail = seat.Mail, Code = "LimitExceeded", Message = "All " + _options.Seats.ToString(CultureInfo.InvariantCulture) + " seats bought are in use." });
                continue;
            }

            var config = new AgentConfig(seat.Mail, seat.Name) { Status = AgentStatus.Offline };
            string? unknown = null;
            foreach (var name in seat.SkillGroupNameList ?? Array.Empty<string>())
            {
                var group = _emulator.Desk.SkillGroups.FirstOrDefault(g => g.Name == name);
                if (group is null)
                {
                    unknown = name;
                    break;
                }

                config.SkillGroups.Add(group.Id);
            }

            if (unknown is not null)
            {
                errors.Add(new ErrStaffItem { StaffEmail = seat.Mail, Code = "InvalidParameterValue.SkillGroupError", Message = "No skill group is named '" + unknown + "'." });
                continue;
            }

            // A new agent is offline until it signs in (or SetStaffStatus sets it free): the desk routes to free agents only.
            _emulator.Desk.AddAgent(config);
            var record = new StaffRecord(seat.Mail, seat.Name, seat.StaffNumber, now)
            {
                Phone = seat.Phone,
                Nick = seat.Nick,
                Role = seat.Role ?? 3,
                ExtensionNumber = seat.ExtensionNumber,
                PasswordSet = request.SendPassword ?? true,
            };
            Directory.AddStaff(record);
            Directory.Record(seat.Mail, now, AgentStatus.Offline, null, null);
        }

        return new CreateStaffResponse { ErrorStaffList = errors };
    }

    private ModifyStaffResponse ModifyStaff(ModifyStaffRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.Email);
        if (request.SkillGroupIds is { } ids)
        {
            _emulator.Desk.SetAgentSkillGroups(staff.Mail, ids.Select(id => RequireGroup(id).DeskId).ToList());
        }

        if (request.Name is { Length: > 0 } name)
        {
            staff.Name = name;
            _emulator.Desk.RenameAgent(staff.Mail, name);
        }

        staff.Phone = request.Phone ?? staff.Phone;
        staff.Nick = request.Nick ?? staff.Nick;
        staff.StaffNumber = request.StaffNo ?? staff.StaffNumber;
        staff.ExtensionNumber = request.ExtensionNumber ?? staff.ExtensionNumber;
        staff.LastModifyTimestamp = now;
        return new ModifyStaffResponse();
    }

    private DeleteStaffResponse DeleteStaff(DeleteStaffRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var missing = request.StaffList.Where(mail => Directory.FindStaff(mail) is null).ToList();
        if (missing.Count > 0)
        {
            throw new TcccFault("InvalidParameterValue.AccountNotExist", "No agent " + string.Join(", ", missing) + ".");
        }

        // Agents still online (any status but offline) or with sessions are kept and reported, as Tencent does.
        var online = new List<string>();
        foreach (var mail in request.StaffList.Distinct(StringComparer.Ordinal))
        {
            var agent = _emulator.Desk.FindAgent(mail)!;
            if (agent.Status != AgentStatus.Offline || !_emulator.Desk.TryRemoveAgent(mail))
            {
                online.Add(mail);
            }
        }

        Directory.Sync(_emulator.Desk, now);
        return new DeleteStaffResponse { OnlineStaffList = online };
    }

    private DescribeStaffInfoListResponse DescribeStaffInfoList(DescribeStaffInfoListRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var groupFilter = request.SkillGroupId is { } groupId ? RequireGroup(groupId).DeskId : null;
        var matches = _emulator.Desk.GetAgents()
            .Where(a => request.StaffMail is not { Length: > 0 } mail || a.Id == mail)
            .Where(a => groupFilter is null || a.SkillGroups.Contains(groupFilter))
            .Select(a => (Agent: a, Record: Directory.FindStaff(a.Id)!))
            .Where(p => request.ModifiedTime is not { } since || p.Record.LastModifyTimestamp >= since)
            .ToList();
        var page = Page(matches, request.PageNumber * request.PageSize, request.PageSize);
        return new DescribeStaffInfoListResponse
        {
            TotalCount = matches.Count,
            StaffList = page.Select(p => new StaffInfo
            {
                Name = p.Record.Name,
                Mail = p.Record.Mail,
                Phone = p.Record.Phone,
                Nick = p.Record.Nick,
                StaffNumber = p.Record.StaffNumber,
                RoleId = p.Record.Role,
                RoleList = new List<long> { p.Record.Role },
                SkillGroupList = p.Agent.SkillGroups.Select(g => SkillGroupItemOf(p.Record, g)).Where(i => i is not null).Select(i => i!).ToList(),
                LastModifyTimestamp = p.Record.LastModifyTimestamp,
                ExtensionNumber = p.Record.ExtensionNumber,
            }).ToList(),
        };
    }

    private ModifyStaffPasswordResponse ModifyStaffPassword(ModifyStaffPasswordRequest request, long now)
    {
        RequireApp(request.SdkAppId);

        // Only the fact is kept: the emulator never stores or prints a password.
        var staff = RequireStaff(request.Email);
        staff.PasswordSet = true;
        staff.LastModifyTimestamp = now;
        return new ModifyStaffPasswordResponse();
    }

    private ForceMemberOfflineResponse ForceMemberOffline(ForceMemberOfflineRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.UserId);
        var agent = _emulator.Desk.FindAgent(staff.Mail)!;
        if (staff.StatusBeforeForcedOffline is null)
        {
            staff.StatusBeforeForcedOffline = agent.Status;
        }

        SetStatus(staff.Mail, AgentStatus.Offline, "forced offline", now);
        return new ForceMemberOfflineResponse();
    }

    private RestoreMemberOnlineResponse RestoreMemberOnline(RestoreMemberOnlineRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.UserId);
        if (staff.StatusBeforeForcedOffline is { } previous)
        {
            staff.StatusBeforeForcedOffline = null;
            SetStatus(staff.Mail, previous, "restored", now);
        }

        return new RestoreMemberOnlineResponse();
    }

    // ---- staff status ------------------------------------------------------------------------------------

    private SetStaffStatusResponse SetStaffStatus(SetStaffStatusRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var results = new List<SetStaffStatusRspItem>();
        foreach (var item in request.StaffStatusList)
        {
            var agent = _emulator.Desk.FindAgent(item.StaffUserId);
            if (agent is null)
            {
                results.Add(new SetStaffStatusRspItem { StaffUserId = item.StaffUserId, ErrorCode = "InvalidParameterValue.AccountNotExist", ErrorMessage = "No such agent.", Status = item.Status, Reason = item.Reason });
                continue;
            }

            if (!AgentStatus.IsKnown(item.Status))
            {
                // The desk routes on free / busy / rest / notReady / offline; other values stay unsupported here.
                results.Add(new SetStaffStatusRspItem { StaffUserId = item.StaffUserId, ErrorCode = "InvalidParameterValue", ErrorMessage = "Status '" + item.Status + "' is not one the emulated desk routes on (free, busy, rest, notReady, offline).", Status = item.Status, Reason = item.Reason });
                continue;
            }

            var previous = Directory.History.LastOrDefault(e => e.Staff == agent.Id);
            results.Add(new SetStaffStatusRspItem
            {
                StaffUserId = agent.Id,
                ErrorCode = string.Empty,
                ErrorMessage = string.Empty,
                Status = item.Status,
                Reason = item.Reason ?? string.Empty,
                PreviousStatus = agent.Status,
                PreviousReason = previous?.Reason ?? string.Empty,
            });
            SetStatus(agent.Id, item.Status, item.Reason, now);
        }

        return new SetStaffStatusResponse { StaffStatusList = results };
    }

    private DescribeStaffStatusHistoryResponse DescribeStaffStatusHistory(DescribeStaffStatusHistoryRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.StaffUserId);
        if (request.EndTimestamp < request.StartTimestamp)
        {
            throw new TcccFault("InvalidParameterValue", "EndTimestamp must not be before StartTimestamp.");
        }

        var after = long.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
        var events = Directory.History
            .Where(e => e.Staff == staff.Mail && e.Timestamp >= request.StartTimestamp && e.Timestamp <= request.EndTimestamp && e.Sequence > after)
            .Take((int)Math.Clamp(request.PageSize ?? 100, 1, 1000))
            .Select(e => new StaffStatus
            {
                Cursor = e.Sequence.ToString(CultureInfo.InvariantCulture),
                Timestamp = e.Timestamp,
                Status = e.Status,
                SessionId = e.SessionId,
                Reason = e.Reason,
                StaffEmail = staff.Mail,
                StaffNo = staff.StaffNumber,
            })
            .ToList();
        return new DescribeStaffStatusHistoryResponse { Data = events };
    }

    private DescribeStaffStatusMetricsResponse DescribeStaffStatusMetrics(DescribeStaffStatusMetricsRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var groups = request.GroupIdList?.Select(id => RequireGroup(id).DeskId).ToList();
        var dayStart = now - (now % 86400);
        var metrics = new List<StaffStatusMetrics>();
        foreach (var agent in _emulator.Desk.GetAgents())
        {
            if ((request.StaffList is { Count: > 0 } list && !list.Contains(agent.Id))
                || (groups is { Count: > 0 } && !agent.SkillGroups.Any(groups.Contains))
                || (request.StatusList is { Count: > 0 } statuses && !statuses.Contains(agent.Status)))
            {
                continue;
            }

            var durations = new Dictionary<string, long>(StringComparer.Ordinal);
            var events = Directory.History.Where(e => e.Staff == agent.Id).ToList();
            for (var i = 0; i < events.Count; i++)
            {
                var from = Math.Max(events[i].Timestamp, dayStart);
                var to = i + 1 < events.Count ? events[i + 1].Timestamp : now;
                if (to > from)
                {
                    durations[events[i].Status] = durations.GetValueOrDefault(events[i].Status) + (to - from);
                }
            }

            var staff = Directory.FindStaff(agent.Id)!;
            var last = events.LastOrDefault();
            metrics.Add(new StaffStatusMetrics
            {
                Email = agent.Id,
                Status = agent.Status,
                StatusExtra = agent.ActiveSessions > 0 ? new StaffStatusExtra { Type = "im", Direct = "in" } : null,
                OnlineDuration = durations.Where(p => p.Key != AgentStatus.Offline).Sum(p => p.Value),
                FreeDuration = durations.GetValueOrDefault(AgentStatus.Free),
                BusyDuration = durations.GetValueOrDefault(AgentStatus.Busy),
                NotReadyDuration = durations.GetValueOrDefault(AgentStatus.NotReady),
                RestDuration = durations.GetValueOrDefault(AgentStatus.Rest),
                AfterCallWorkDuration = 0,
                Reason = last?.Reason ?? string.Empty,
                ReserveRest = false,
                ReserveNotReady = false,
                UseMobileAccept = 0,
                UseMobileCallOut = false,
                LastOnlineTimestamp = staff.LastOnlineTimestamp,
                LastStatusTimestamp = last?.Timestamp ?? 0,
                ClientInfo = new List<ClientInfo> { new() { ClientType = "Web", IsConnected = agent.Status != AgentStatus.Offline } },
            });
        }

        return new DescribeStaffStatusMetricsResponse { Metrics = metrics };
    }

    // ---- skill groups ------------------------------------------------------------------------------------

    private CreateCCCSkillGroupResponse CreateSkillGroup(CreateCCCSkillGroupRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        if (_emulator.Desk.SkillGroups.Any(g => g.Name == request.SkillGroupName))
        {
            throw new TcccFault("InvalidParameterValue.SkillGroupExist", "A skill group named '" + request.SkillGroupName + "' exists.");
        }

        var record = Directory.NewGroup(request.SkillGroupType, now);
        _emulator.Desk.UpsertSkillGroup(new SkillGroup(record.DeskId, request.SkillGroupName, (int)Math.Min(request.MaxConcurrency ?? 5, int.MaxValue)));
        return new CreateCCCSkillGroupResponse { SkillGroupId = record.Id };
    }

    private DescribeSkillGroupInfoListResponse DescribeSkillGroupInfoList(DescribeSkillGroupInfoListRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var desk = _emulator.Desk.SkillGroups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var matches = Directory.Groups
            .Where(g => desk.ContainsKey(g.DeskId))
            .Where(g => request.SkillGroupId is not { } id || g.Id == id)
            .Where(g => request.SkillGroupName is not { Length: > 0 } name || desk[g.DeskId].Name.Contains(name, StringComparison.Ordinal))
            .Where(g => request.ModifiedTime is not { } since || g.LastModifyTimestamp >= since)
            .ToList();
        return new DescribeSkillGroupInfoListResponse
        {
            TotalCount = matches.Count,
            SkillGroupList = Page(matches, request.PageNumber * request.PageSize, request.PageSize).Select(g => new SkillGroupInfoItem
            {
                SkillGroupId = g.Id,
                SkillGroupName = desk[g.DeskId].Name,
                MaxConcurrency = desk[g.DeskId].MaxConcurrency,
                LastModifyTimestamp = g.LastModifyTimestamp,
                SkillGroupType = g.Type,
                RingAll = g.RingAll,
                UsingLastSeat = 0,
            }).ToList(),
        };
    }

    private UpdateCCCSkillGroupResponse UpdateSkillGroup(UpdateCCCSkillGroupRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var record = RequireGroup(request.SkillGroupId);
        var current = _emulator.Desk.SkillGroups.First(g => g.Id == record.DeskId);
        if (request.SkillGroupName is { Length: > 0 } name && name != current.Name && _emulator.Desk.SkillGroups.Any(g => g.Name == name))
        {
            throw new TcccFault("InvalidParameterValue.SkillGroupExist", "A skill group named '" + name + "' exists.");
        }

        _emulator.Desk.UpsertSkillGroup(new SkillGroup(current.Id, request.SkillGroupName is { Length: > 0 } n ? n : current.Name, request.MaxConcurrency is { } max ? (int)Math.Min(max, int.MaxValue) : current.MaxConcurrency));
        record.RingAll = request.RingAll ?? record.RingAll;
        record.LastModifyTimestamp = now;
        return new UpdateCCCSkillGroupResponse();
    }

    private DeleteCCCSkillGroupResponse DeleteSkillGroup(DeleteCCCSkillGroupRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var record = RequireGroup(request.SkillGroupId);
        _emulator.Desk.RemoveSkillGroup(record.DeskId);
        foreach (var staff in Directory.Staff)
        {
            staff.Priorities.Remove(record.DeskId);
        }

        Directory.Sync(_emulator.Desk, now);
        return new DeleteCCCSkillGroupResponse();
    }

    private BindStaffSkillGroupListResponse BindStaffSkillGroups(BindStaffSkillGroupListRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.StaffEmail);
        var agent = _emulator.Desk.FindAgent(staff.Mail)!;
        var bindings = request.StaffSkillGroupList.Select(b => (Group: RequireGroup(b.SkillGroupId), Priority: b.Priority ?? 3)).ToList();
        _emulator.Desk.SetAgentSkillGroups(agent.Id, agent.SkillGroups.Concat(bindings.Select(b => b.Group.DeskId)).ToList());
        foreach (var (group, priority) in bindings)
        {
            staff.Priorities[group.DeskId] = priority;
        }

        staff.LastModifyTimestamp = now;
        return new BindStaffSkillGroupListResponse();
    }

    private UnbindStaffSkillGroupListResponse UnbindStaffSkillGroups(UnbindStaffSkillGroupListRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var staff = RequireStaff(request.StaffEmail);
        var agent = _emulator.Desk.FindAgent(staff.Mail)!;
        var remove = request.SkillGroupList.Select(id => RequireGroup(id).DeskId).ToHashSet(StringComparer.Ordinal);
        _emulator.Desk.SetAgentSkillGroups(agent.Id, agent.SkillGroups.Where(g => !remove.Contains(g)).ToList());
        foreach (var group in remove)
        {
            staff.Priorities.Remove(group);
        }

        staff.LastModifyTimestamp = now;
        return new UnbindStaffSkillGroupListResponse();
    }

    // ---- records and transcripts -------------------------------------------------------------------------

    private DescribeIMCdrsResponse DescribeIMCdrs(DescribeIMCdrsRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var (total, page) = Cdrs(request.StartTimestamp, request.EndTimestamp, request.Type, request.Offset, request.Limit, now);
        return new DescribeIMCdrsResponse { TotalCount = total, IMCdrList = page };
    }

    private DescribeIMCdrListResponse DescribeIMCdrList(DescribeIMCdrListRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var (total, page) = Cdrs(request.StartTimestamp, request.EndTimestamp, request.Type, request.Offset, request.Limit, now);
        return new DescribeIMCdrListResponse { TotalCount = total, IMCdrList = page };
    }

    private DescribeChatMessagesResponse DescribeChatMessages(DescribeChatMessagesRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        var sessions = _emulator.Desk.GetSessions();
        ServiceSession? session;
        if (request.SessionId is { Length: > 0 } sessionId)
        {
            session = sessions.FirstOrDefault(s => s.SessionId == sessionId);
        }
        else if (request.CdrId is { Length: > 0 } cdrId)
        {
            session = int.TryParse(cdrId, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= sessions.Count ? sessions[index - 1] : null;
        }
        else
        {
            throw new TcccFault("MissingParameter", "The parameter `SessionId` is missing.");
        }

        if (session is null)
        {
            throw new TcccFault("InvalidParameterValue.RecordNotExist", "No service record has that SessionId.");
        }

        var entries = session.Transcript.ToList();
        if ((request.Order ?? 2) == 2)
        {
            entries.Reverse();
        }

        return new DescribeChatMessagesResponse
        {
            TotalCount = entries.Count,
            Messages = Page(entries, request.Offset ?? 0, request.Limit ?? 20).Select(e => new MessageBody
            {
                Timestamp = e.Timestamp,
                From = e.From,
                Messages = new List<Message> { new() { Type = e.Type, Content = e.Content } },
            }).ToList(),
        };
    }

    private (long Total, List<IMCdrInfo> Page) Cdrs(long start, long end, long? type, long? offset, long? limit, long now)
    {
        if (end < start)
        {
            throw new TcccFault("InvalidParameterValue", "EndTimestamp must not be before StartTimestamp.");
        }

        // A record exists once the session ended; the desk's sessions are text customer service (Type 2).
        var sessions = _emulator.Desk.GetSessions();
        var records = new List<IMCdrInfo>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var started = session.StartedAt.ToUnixTimeSeconds();
            if (session.EndStatusCode is null || started < start || started > end || (type is { } t && t != 2))
            {
                continue;
            }

            records.Add(new IMCdrInfo
            {
                Id = (i + 1).ToString(CultureInfo.InvariantCulture),
                Duration = session.DurationSeconds(DateTimeOffset.FromUnixTimeSeconds(now)),
                EndStatus = session.EndStatusCode,
                Nickname = _emulator.State.FindAccount(session.User)?.Nick ?? session.User,
                Type = 2,
                StaffId = session.StaffId ?? string.Empty,
                Timestamp = started,
                SessionId = session.SessionId,
                SkillGroupId = session.SkillGroup is { } group ? (Directory.FindGroupByDeskId(group.Id)?.Id.ToString(CultureInfo.InvariantCulture) ?? group.Id) : string.Empty,
                SkillGroupName = session.SkillGroup?.Name ?? string.Empty,
                Satisfaction = session.SatisfactionId is { } id ? new IMSatisfaction { Id = id, Label = session.SatisfactionLabel } : null,
                ClientUserId = session.User,
            });
        }

        return (records.Count, Page(records, offset ?? 0, limit ?? 20));
    }

    // ---- metrics, login, transfer, billing --------------------------------------------------------------

    private DescribeCallInMetricsResponse DescribeCallInMetrics(DescribeCallInMetricsRequest request, long now)
    {
        RequireApp(request.SdkAppId);

        // Call-in metrics count phone calls; the emulated desk runs IM sessions only, so every count is 0.
        var groups = request.GroupIdList is { Count: > 0 } ids ? ids.Select(RequireGroup).ToList() : Directory.Groups.ToList();
        var names = _emulator.Desk.SkillGroups.ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        return new DescribeCallInMetricsResponse
        {
            Timestamp = now,
            TotalMetrics = ZeroMetrics(),
            NumberMetrics = request.EnabledNumber == true ? new List<CallInNumberMetrics>() : null,
            SkillGroupMetrics = request.EnabledSkillGroup == true
                ? groups.Select(g => new CallInSkillGroupMetrics { SkillGroupId = g.Id, Name = names.GetValueOrDefault(g.DeskId, g.DeskId), Metrics = ZeroMetrics() }).ToList()
                : null,
        };
    }

    private CreateSDKLoginTokenResponse CreateSdkLoginToken(CreateSDKLoginTokenRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        RequireStaff(request.SeatUserId);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return new CreateSDKLoginTokenResponse
        {
            Token = token,
            ExpiredTime = now + 3600,
            SdkURL = new Uri(_emulator.BaseAddress, "_emulator/tccc/sdk?seat=" + Uri.EscapeDataString(request.SeatUserId)).ToString(),
        };
    }

    private CreateUserSigResponse CreateUserSig(CreateUserSigRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        string? uid = null;
        try
        {
            using var data = JsonDocument.Parse(request.ClientData);
            if (data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty("Uid", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                uid = inner.GetString();
            }
        }
        catch (JsonException)
        {
            throw new TcccFault("InvalidParameterValue", "ClientData must be a JSON object string.");
        }

        if (uid != request.Uid)
        {
            throw new TcccFault("InvalidParameterValue", "The Uid inside ClientData must equal Uid.");
        }

        if (request.ExpiredTime <= 0)
        {
            throw new TcccFault("InvalidParameterValue", "ExpiredTime must be a positive number of seconds.");
        }

        var sig = UserSig.Generate(SdkAppId, _emulator.Options.SecretKey, request.Uid, TimeSpan.FromSeconds(request.ExpiredTime), DateTimeOffset.FromUnixTimeSeconds(now));
        return new CreateUserSigResponse { UserSig = sig };
    }

    private CreateAdminURLResponse CreateAdminUrl(CreateAdminURLRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        RequireStaff(request.SeatUserId);
        return new CreateAdminURLResponse { URL = new Uri(_emulator.BaseAddress, "_emulator/agents?seat=" + Uri.EscapeDataString(request.SeatUserId)).ToString() };
    }

    private TransferToManualResponse TransferToManual(TransferToManualRequest request, long now)
    {
        RequireApp(request.SdkAppId);
        if (_emulator.Desk.FindSession(request.SessionId) is null)
        {
            throw new TcccFault("InvalidParameterValue.RecordNotExist", "No session has that SessionId.");
        }

        var group = RequireGroup(request.SkillGroupId);
        _emulator.Desk.TransferToSkillGroup(request.SessionId, group.DeskId);
        return new TransferToManualResponse();
    }

    private DescribeCCCBuyInfoListResponse DescribeBuyInfo(DescribeCCCBuyInfoListRequest request, long now)
    {
        var started = now - (now % 86400);
        var list = new List<SdkAppIdBuyInfo>();
        if (request.SdkAppIds is not { Count: > 0 } ids || ids.Contains(SdkAppId))
        {
            list.Add(new SdkAppIdBuyInfo
            {
                SdkAppId = SdkAppId,
                Name = "ImCsGen emulator",
                StaffBuyNum = _options.Seats,
                StaffBuyList = new List<StaffBuyInfo> { new() { Num = _options.Seats, BuyTime = started, EndTime = started + (365 * 86400), SipNum = 0 } },
                PhoneNumBuyList = new List<PhoneNumBuyInfo>(),
                SipBuyNum = 0,
            });
        }

        return new DescribeCCCBuyInfoListResponse { TotalCount = list.Count, SdkAppIdBuyList = list, PackageBuyList = new List<PackageBuyInfo>() };
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private void RequireApp(long sdkAppId)
    {
        if (sdkAppId != SdkAppId)
        {
            throw new TcccFault("InvalidParameterValue.InstanceNotExist", "No TCCC application " + sdkAppId.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    private StaffRecord RequireStaff(string mail)
        => Directory.FindStaff(mail) ?? throw new TcccFault("InvalidParameterValue.AccountNotExist", "No agent '" + mail + "'.");

    private SkillGroupRecord RequireGroup(long id)
        => Directory.FindGroup(id) ?? throw new TcccFault("InvalidParameterValue.SkillGroupError", "No skill group " + id.ToString(CultureInfo.InvariantCulture) + ".");

    private void SetStatus(string staff, string status, string? reason, long now)
    {
        var agent = _emulator.Desk.FindAgent(staff)!;
        if (agent.Status == AgentStatus.Offline && status != AgentStatus.Offline)
        {
            Directory.FindStaff(staff)!.LastOnlineTimestamp = now;
        }

        _emulator.Desk.SetAgentStatus(staff, status);
        Directory.Record(staff, now, status, reason, null);
    }

    private SkillGroupItem? SkillGroupItemOf(StaffRecord staff, string deskId)
    {
        var record = Directory.FindGroupByDeskId(deskId);
        var group = _emulator.Desk.SkillGroups.FirstOrDefault(g => g.Id == deskId);
        return record is null || group is null
            ? null
            : new SkillGroupItem { SkillGroupId = record.Id, SkillGroupName = group.Name, Priority = staff.Priorities.GetValueOrDefault(deskId, 3), Type = record.Type.ToString(CultureInfo.InvariantCulture) };
    }

    private static CallInMetrics ZeroMetrics() => new()
    {
        IvrCount = 0, QueueCount = 0, RingCount = 0, AcceptCount = 0, TransferOuterCount = 0,
        MaxQueueDuration = 0, AvgQueueDuration = 0, MaxRingDuration = 0, AvgRingDuration = 0, MaxAcceptDuration = 0, AvgAcceptDuration = 0,
    };

    private static List<T> Page<T>(IReadOnlyList<T> items, long offset, long limit)
        => items.Skip((int)Math.Clamp(offset, 0, int.MaxValue)).Take((int)Math.Clamp(limit, 0, int.MaxValue)).ToList();
}
