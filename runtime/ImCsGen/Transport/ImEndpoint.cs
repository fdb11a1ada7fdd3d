using System;

namespace ImCsGen.Transport;

/// <summary>How safe it is to send a request again after an attempt whose outcome is unknown.</summary>
public enum ImIdempotency
{
    /// <summary>Repeating may act twice: retried only when Tencent certainly did not process it.</summary>
    Unsafe = 0,

    /// <summary>Repeating is harmless (reads, absolute sets).</summary>
    Idempotent = 1,

    /// <summary>Repeating is harmless because the request carries de-duplication keys kept across attempts.</summary>
    Deduplicated = 2,
}

/// <summary>Static description of one IM REST endpoint, emitted by the generator from the spec.</summary>
public sealed class ImEndpoint : IEquatable<ImEndpoint>
{
    /// <summary>Creates an endpoint description.</summary>
    public ImEndpoint(string name, string service, string command, string group, int rateLimitPerSecond, bool requiresAdmin, ImIdempotency idempotency)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Command = command ?? throw new ArgumentNullException(nameof(command));
        Group = group ?? throw new ArgumentNullException(nameof(group));
        if (rateLimitPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateLimitPerSecond), rateLimitPerSecond, "The rate limit must be positive.");
        }

        RateLimitPerSecond = rateLimitPerSecond;
        RequiresAdmin = requiresAdmin;
        Idempotency = idempotency;
        Path = service + "/" + command;
    }

    /// <summary>The C# name of the endpoint (<c>SendC2CMessage</c>).</summary>
    public string Name { get; }

    /// <summary>Tencent's service name (<c>openim</c>).</summary>
    public string Service { get; }

    /// <summary>Tencent's command (<c>sendmsg</c>).</summary>
    public string Command { get; }

    /// <summary><c>service/command</c>, the part of the URL after <c>/v4/</c>.</summary>
    public string Path { get; }

    /// <summary>Tencent's API group (<c>c2c_message</c>).</summary>
    public string Group { get; }

    /// <summary>Default client-side rate limit in calls per second.</summary>
    public int RateLimitPerSecond { get; }

    /// <summary>Whether the <c>identifier</c> must be an App administrator.</summary>
    public bool RequiresAdmin { get; }

    /// <summary>Whether a retry after an unknown outcome is safe.</summary>
    public ImIdempotency Idempotency { get; }

    /// <summary>
    /// Tencent's documented de-duplication rule (key fields, window, source), from the spec's
    /// <c>deduplication</c> entry; null for endpoints without one.
    /// </summary>
    public ImCsGen.Idempotency.ImDeduplicationRule? Deduplication { get; init; }

    /// <summary>
    /// Tencent's documented message quota besides <see cref="RateLimitPerSecond"/> (the spec's <c>quota</c>
    /// entry), enforced by a second client-side limiter that takes one permit per counted item; null when
    /// the endpoint has none.
    /// </summary>
    public ImEndpointQuota? Quota { get; init; }

    /// <inheritdoc />
    public bool Equals(ImEndpoint? other) => other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ImEndpoint);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    /// <inheritdoc />
    public override string ToString() => Path;
}
