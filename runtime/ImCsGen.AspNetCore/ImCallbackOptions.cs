using System;
using ImCsGen.Callbacks;

namespace ImCsGen.AspNetCore;

/// <summary>Settings of the callback endpoint (<c>app.MapTencentImCallbacks(pattern)</c>).</summary>
public sealed class ImCallbackOptions
{
    /// <summary>SdkAppid, tokens (two during a rotation) and the RequestTime window (60 s by default).</summary>
    public ImCallbackVerificationOptions Verification { get; } = new();

    /// <summary>Largest accepted body; larger bodies get 413. Default 1 MiB (a message body is at most 12 KB).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Time a before-callback handler may take before the fallback reply is sent. Tencent gives up after 2 s
    /// (not adjustable, https://cloud.tencent.com/document/product/269/1522), which includes the network: 1.5 s by default.
    /// </summary>
    public TimeSpan BeforeCallbackBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Reply sent when a before-callback handler overruns, throws, or no handler is registered. Default: allow.</summary>
    public Func<ImCallbackDescriptor, ImCallbackReply> FallbackReply { get; set; } = static _ => ImCallbackReply.Ok();

    /// <summary>
    /// How long a delivered event is remembered, so Tencent's retries of it are answered from the cache and
    /// the handler runs once. Stored in <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>, so
    /// instances behind a load balancer agree. Default 10 minutes.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an event counts as being handled once a delivery started its handler (a mark in the same cache), so
    /// that a retry of it reaching another instance meanwhile waits for that handler's reply (up to
    /// <see cref="BeforeCallbackBudget"/>) instead of running the handler again. A handler that fails removes the
    /// mark; one whose instance dies leaves it until this time passes. Longer than your slowest after-callback
    /// handler. Default 30 seconds.
    /// </summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Finds a callback by command; the built-in catalog by default. Add a consumer's own catalog by chaining.</summary>
    public ImCallbackResolver Resolve { get; set; } = Im.ImCallbackCatalog.TryGet;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first option out of range and its rule (the verification options included).</summary>
    public void Validate()
    {
        Verification.Validate();
        if (MaxBodyBytes <= 0)
        {
            throw new InvalidOperationException("MaxBodyBytes: must be positive (the largest callback body accepted, in bytes).");
        }

        if (BeforeCallbackBudget <= TimeSpan.Zero || BeforeCallbackBudget >= TimeSpan.FromSeconds(2))
        {
            throw new InvalidOperationException("BeforeCallbackBudget: must be more than 0 and less than 2 s (Tencent waits 2 s for a before-callback's answer, network included).");
        }

        if (DuplicateWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("DuplicateWindow: must be positive (how long a delivered event's reply is remembered).");
        }

        if (InProgressTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("InProgressTimeout: must be positive (how long an event counts as being handled while its handler runs).");
        }
    }
}

/// <summary>Finds a callback's descriptor by Tencent's <c>CallbackCommand</c>.</summary>
public delegate bool ImCallbackResolver(string? command, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImCallbackDescriptor? descriptor);
