using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Callbacks;

namespace ImCsGen.AspNetCore;

/// <summary>Invokes the handler of one command with the payload read for it; returns the reply, or null for "acknowledge".</summary>
public delegate ValueTask<ImCallbackReply?> ImCallbackInvoker(ImCallbackPayload payload, ImCallbackContext context, CancellationToken cancellationToken);

/// <summary>The handlers registered per <c>CallbackCommand</c> (one per command; the last registration wins).</summary>
public sealed class ImCallbackHandlers
{
    private readonly Dictionary<string, ImCallbackInvoker> _handlers = new(StringComparer.Ordinal);

    /// <summary>Registers the invoker of a command.</summary>
    public void Set(string command, ImCallbackInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(invoker);
        _handlers[command] = invoker;
    }

    /// <summary>Finds the invoker of a command.</summary>
    public bool TryGet(string command, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImCallbackInvoker? invoker) => _handlers.TryGetValue(command, out invoker);
}

/// <summary>Registers callback handlers; returned by <c>AddTencentImCallbacks</c>.</summary>
public sealed class ImCallbackBuilder
{
    internal ImCallbackBuilder(ImCallbackHandlers handlers) => Handlers = handlers;

    /// <summary>The registry the endpoint reads.</summary>
    public ImCallbackHandlers Handlers { get; }

    /// <summary>Handles an after-callback (or acknowledges a before-callback with "allow" once the handler ran).</summary>
    public ImCallbackBuilder On<TPayload>(Func<TPayload, ImCallbackContext, CancellationToken, ValueTask> handler)
        where TPayload : ImCallbackPayload, IImCallbackPayload<TPayload>
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Set(TPayload.Command, async (payload, context, cancellationToken) =>
        {
            await handler((TPayload)payload, context, cancellationToken).ConfigureAwait(false);
            return null;
        });
        return this;
    }

    /// <summary>Handles a before-callback: the handler's reply allows, rejects, drops or modifies the event.</summary>
    public ImCallbackBuilder On<TPayload, TReply>(Func<TPayload, ImCallbackContext, CancellationToken, ValueTask<TReply>> handler)
        where TPayload : ImCallbackPayload, IImCallbackPayload<TPayload>
        where TReply : ImCallbackReply
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Set(TPayload.Command, async (payload, context, cancellationToken) =>
            await handler((TPayload)payload, context, cancellationToken).ConfigureAwait(false));
        return this;
    }
}
