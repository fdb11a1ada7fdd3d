using System.Collections.Generic;

namespace ImCsGen.Emulator.Desk;

/// <summary>An agent at run time: status and how many sessions it serves.</summary>
public sealed class Agent
{
    internal Agent(AgentConfig config, int order)
    {
        Id = config.Id;
        Name = config.Name;
        SkillGroups = new List<string>(config.SkillGroups);
        Status = config.Status;
        Order = order;
    }

    /// <summary>The agent's account.</summary>
    public string Id { get; }

    /// <summary>Display name (TCCC's ModifyStaff may change it).</summary>
    public string Name { get; internal set; }

    /// <summary>Skill group ids (TCCC's Bind/UnbindStaffSkillGroupList and ModifyStaff replace the list).</summary>
    public IReadOnlyList<string> SkillGroups { get; internal set; }

    /// <summary>Status (<see cref="AgentStatus"/>).</summary>
    public string Status { get; internal set; }

    /// <summary>Sessions being served.</summary>
    public int ActiveSessions { get; internal set; }

    /// <summary>Sessions routed to it and not yet accepted.</summary>
    public int QueuedSessions { get; internal set; }

    internal int Order { get; }
}

/// <summary>A desk operation that cannot be done (unknown session, wrong agent, wrong state).</summary>
public sealed class ServiceDeskException : System.InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ServiceDeskException(string message, bool notFound = false)
        : base(message)
    {
        NotFound = notFound;
    }

    /// <summary>Whether the session or agent does not exist (404) rather than being in the wrong state (409).</summary>
    public bool NotFound { get; }
}
