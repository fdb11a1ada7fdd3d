using System;

namespace ImCsGen.AspNetCore;

/// <summary>What a handler knows about one callback besides its payload.</summary>
public sealed class ImCallbackContext
{
    internal ImCallbackContext(IServiceProvider services, string command, string? clientIp, string? optPlatform, string eventKey)
    {
        Services = services;
        Command = command;
        ClientIp = clientIp;
        OptPlatform = optPlatform;
        EventKey = eventKey;
    }

    /// <summary>The request's scoped services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Tencent's <c>CallbackCommand</c>.</summary>
    public string Command { get; }

    /// <summary>The <c>ClientIP</c> query parameter: the IM client's address.</summary>
    public string? ClientIp { get; }

    /// <summary>The <c>OptPlatform</c> query parameter (RESTAPI, Web, Android, iOS, ...; State.StateChange uses IOS).</summary>
    public string? OptPlatform { get; }

    /// <summary>The de-duplication key of the event (command + SHA-256 of the body): equal for Tencent's retries.</summary>
    public string EventKey { get; }
}
