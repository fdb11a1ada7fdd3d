using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Emulator.Desk;

namespace ImCsGen.Emulator.Tccc;

/// <summary>What TCCC keeps about an agent beyond the desk's routing view (profile, role, password set, forced offline).</summary>
internal sealed class StaffRecord
{
    public StaffRecord(string mail, string name, string staffNumber, long modified)
    {
        Mail = mail;
        Name = name;
        StaffNumber = staffNumber;
        LastModifyTimestamp = modified;
    }

    public string Mail { get; }

    public string Name { get; set; }

    public string StaffNumber { get; set; }

    public string? Phone { get; set; }

    public string? Nick { get; set; }

    public long Role { get; set; } = 3;

    public string? ExtensionNumber { get; set; }

    public long LastModifyTimestamp { get; set; }

    public bool PasswordSet { get; set; }

    /// <summary>The status before ForceMemberOffline, restored by RestoreMemberOnline; null when not forced offline.</summary>
    public string? StatusBeforeForcedOffline { get; set; }

    public long LastOnlineTimestamp { get; set; }

    public Dictionary<string, long> Priorities { get; } = new(StringComparer.Ordinal);
}

/// <summary>What TCCC keeps about a skill group beyond the desk's (numeric id, type, ring-all, modification time).</summary>
internal sealed class SkillGroupRecord
{
    public SkillGroupRecord(long id, string deskId, long type, long modified)
    {
        Id = id;
        DeskId = deskId;
        Type = type;
        LastModifyTimestamp = modified;
    }

    public long Id { get; }

    public string DeskId { get; }

    public long Type { get; set; }

    public bool RingAll { get; set; }

    public long LastModifyTimestamp { get; set; }
}

/// <summary>One agent status change (DescribeStaffStatusHistory).</summary>
internal sealed record StatusEvent(long Sequence, string Staff, long Timestamp, string Status, string? Reason, string? SessionId);

/// <summary>
/// TCCC's view of the desk: numeric skill-group ids (the desk's configured groups get 1, 2, ... in order;
/// groups created through the API use their number as the desk id), agent records and status history.
/// Agents and groups configured on the desk (or added through the control API) are adopted on the next call.
/// All members run under the emulator state's lock.
/// </summary>
internal sealed class TcccDirectory
{
    private readonly Dictionary<string, SkillGroupRecord> _groupsByDeskId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StaffRecord> _staff = new(StringComparer.Ordinal);
    private readonly List<StatusEvent> _history = new();
    private long _nextGroupId = 1;
    private long _nextSequence;

    public IEnumerable<StatusEvent> History => _history;

    /// <summary>Adopts desk groups and agents not seen yet, forgets removed ones, and records status changes made on the desk directly.</summary>
    public void Sync(ServiceDesk desk, long now)
    {
        var groups = desk.SkillGroups;
        foreach (var group in groups)
        {
            if (!_groupsByDeskId.ContainsKey(group.Id))
            {
                // Online (1): the desk serves IM sessions.
                _groupsByDeskId[group.Id] = new SkillGroupRecord(NextGroupId(group.Id), group.Id, 1, now);
            }
        }

        foreach (var gone in _groupsByDeskId.Keys.Where(id => groups.All(g => g.Id != id)).ToList())
        {
            _groupsByDeskId.Remove(gone);
        }

        var agents = desk.GetAgents();
        foreach (var agent in agents)
        {
            if (!_staff.ContainsKey(agent.Id))
            {
                var number = (_staff.Count + 1).ToString("D3", CultureInfo.InvariantCulture);
                _staff[agent.Id] = new StaffRecord(agent.Id, agent.Name, number, now);
            }

            var last = _history.LastOrDefault(e => e.Staff == agent.Id);
            if (last is null || last.Status != agent.Status)
            {
                Record(agent.Id, now, agent.Status, null, null);
            }
        }

        foreach (var gone in _staff.Keys.Where(id => agents.All(a => a.Id != id)).ToList())
        {
            _staff.Remove(gone);
        }
    }

    public StaffRecord? FindStaff(string mail) => _staff.TryGetValue(mail, out var staff) ? staff : null;

    public IEnumerable<StaffRecord> Staff => _staff.Values;

    public void AddStaff(StaffRecord staff) => _staff[staff.Mail] = staff;

    public SkillGroupRecord? FindGroup(long id) => _groupsByDeskId.Values.FirstOrDefault(g => g.Id == id);

    public SkillGroupRecord? FindGroupByDeskId(string deskId) => _groupsByDeskId.TryGetValue(deskId, out var group) ? group : null;

    public IEnumerable<SkillGroupRecord> Groups => _groupsByDeskId.Values.OrderBy(g => g.Id);

    /// <summary>A new group: its desk id is its number.</summary>
    public SkillGroupRecord NewGroup(long type, long now)
    {
        var id = _nextGroupId++;
        var record = new SkillGroupRecord(id, id.ToString(CultureInfo.InvariantCulture), type, now);
        _groupsByDeskId[record.DeskId] = record;
        return record;
    }

    public void Record(string staff, long timestamp, string status, string? reason, string? sessionId)
        => _history.Add(new StatusEvent(++_nextSequence, staff, timestamp, status, reason, sessionId));

    private long NextGroupId(string deskId)
    {
        // A desk group whose id is already a free number keeps it (e.g. one created through the API, then reconfigured).
        if (long.TryParse(deskId, NumberStyles.None, CultureInfo.InvariantCulture, out var own) && own > 0 && _groupsByDeskId.Values.All(g => g.Id != own))
        {
            _nextGroupId = Math.Max(_nextGroupId, own + 1);
            return own;
        }

        return _nextGroupId++;
    }
}
