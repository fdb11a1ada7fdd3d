using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator.Desk;

/// <summary>
/// The desk operations TCCC's cloud API drives (Tccc/TcccService.cs): skill groups and agents created,
/// changed and removed through the API change who the desk routes to; TransferToManual routes an open
/// session to a named skill group. Kept beside the TCCC service so the desk's own files stay as they were.
/// </summary>
public sealed partial class ServiceDesk
{
    /// <summary>Adds or replaces a skill group (CreateCCCSkillGroup / UpdateCCCSkillGroup).</summary>
    internal void UpsertSkillGroup(SkillGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.MaxConcurrency < 1)
        {
            throw new ServiceDeskException("MaxConcurrency: must be at least 1");
        }

        lock (_state.Sync)
        {
            _groups[group.Id] = group;
        }
    }

    /// <summary>Removes a skill group no flow routes to, and unbinds it from every agent (DeleteCCCSkillGroup).</summary>
    internal void RemoveSkillGroup(string groupId)
    {
        lock (_state.Sync)
        {
            if (!_groups.ContainsKey(groupId))
            {
                throw new ServiceDeskException("no skill group '" + groupId + "'", notFound: true);
            }

            foreach (var flow in _flows.Values)
            {
                if (flow.DefaultSkillGroup == groupId || flow.Routing.Any(r => r.SkillGroup == groupId) || flow.HotQuestions.Any(q => q.SkillGroup == groupId))
                {
                    throw new ServiceDeskException("skill group '" + groupId + "' is used by the flow of '" + flow.VirtualAccount + "'");
                }
            }

            _groups.Remove(groupId);
            foreach (var agent in _agents.Values)
            {
                if (agent.SkillGroups.Contains(groupId))
                {
                    agent.SkillGroups = agent.SkillGroups.Where(g => g != groupId).ToList();
                }
            }
        }
    }

    /// <summary>The agent, or null.</summary>
    internal Agent? FindAgent(string agentId)
    {
        lock (_state.Sync)
        {
            return _agents.TryGetValue(agentId, out var agent) ? agent : null;
        }
    }

    /// <summary>Replaces an agent's skill groups (all must exist).</summary>
    internal void SetAgentSkillGroups(string agentId, IEnumerable<string> groupIds)
    {
        lock (_state.Sync)
        {
            var agent = RequireAgent(agentId);
            var groups = groupIds.Distinct(StringComparer.Ordinal).ToList();
            foreach (var group in groups)
            {
                if (!_groups.ContainsKey(group))
                {
                    throw new ServiceDeskException("no skill group '" + group + "'", notFound: true);
                }
            }

            agent.SkillGroups = groups;
        }
    }

    /// <summary>Renames an agent (the accepted-text greeting uses the name).</summary>
    internal void RenameAgent(string agentId, string name)
    {
        lock (_state.Sync)
        {
            RequireAgent(agentId).Name = name;
        }
    }

    /// <summary>Removes an agent unless it serves or has queued sessions; false when it is still busy with sessions.</summary>
    internal bool TryRemoveAgent(string agentId)
    {
        lock (_state.Sync)
        {
            var agent = RequireAgent(agentId);
            if (agent.ActiveSessions > 0 || agent.QueuedSessions > 0)
            {
                return false;
            }

            _agents.Remove(agentId);
            return true;
        }
    }

    /// <summary>
    /// Hands a session still with the bot to a human of <paramref name="groupId"/> (TransferToManual): queued to a
    /// free agent of that group, or ended with "no agent online" (end status 3) when none is free.
    /// </summary>
    internal ServiceSession TransferToSkillGroup(string sessionId, string groupId)
    {
        lock (_state.Sync)
        {
            var session = RequireSession(sessionId);
            if (!_groups.ContainsKey(groupId))
            {
                throw new ServiceDeskException("no skill group '" + groupId + "'", notFound: true);
            }

            if (session.State != SessionState.Bot)
            {
                throw new ServiceDeskException("session '" + sessionId + "' is " + session.State.ToString() + ", not with the bot");
            }

            Transfer(session, groupId);
            return session;
        }
    }
}
