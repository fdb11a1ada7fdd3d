using System;
using System.Collections.Generic;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>What <c>[ImEndpoint]</c> says about a request class.</summary>
internal sealed class ImEndpointInfo
{
    // The one-to-one sends of the customer-service scenario: their sender must be the virtual account.
    private static readonly HashSet<string> C2CSendPaths = new(StringComparer.Ordinal)
    {
        "openim/sendmsg",
        "openim/batchsendmsg",
        "openim/importmsg",
    };

    public ImEndpointInfo(string path, string? name)
    {
        Path = path;
        Name = name;
        IsC2CSend = C2CSendPaths.Contains(path);
    }

    /// <summary><c>service/command</c>.</summary>
    public string Path { get; }

    /// <summary>The endpoint's C# name, when the attribute has one.</summary>
    public string? Name { get; }

    /// <summary>Whether this endpoint sends a C2C message on behalf of From_Account.</summary>
    public bool IsC2CSend { get; }
}
