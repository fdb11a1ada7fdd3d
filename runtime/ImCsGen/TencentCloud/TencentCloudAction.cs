using System;
using ImCsGen.Transport;

namespace ImCsGen.TencentCloud;

/// <summary>
/// One Tencent Cloud API 3.0 action as the transport sees it: name, service, version, default host, group,
/// client-side rate limit and whether repeating it is harmless. Generated from the spec
/// (<c>{client}Actions</c>), one instance per action.
/// </summary>
public sealed class TencentCloudAction : IEquatable<TencentCloudAction>
{
    /// <summary>Creates the metadata.</summary>
    public TencentCloudAction(string name, string service, string version, string host, string group, int rateLimitPerSecond, ImIdempotency idempotency)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        Group = group ?? throw new ArgumentNullException(nameof(group));
        if (rateLimitPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateLimitPerSecond), rateLimitPerSecond, "The rate limit must be positive.");
        }

        RateLimitPerSecond = rateLimitPerSecond;
        Idempotency = idempotency;
        Key = service + ":" + name;
    }

    /// <summary>The action, sent as <c>X-TC-Action</c> (e.g. <c>DescribeIMCdrs</c>).</summary>
    public string Name { get; }

    /// <summary>The service, the credential scope's middle part (e.g. <c>ccc</c>).</summary>
    public string Service { get; }

    /// <summary>The API version, sent as <c>X-TC-Version</c> (e.g. <c>2020-02-10</c>).</summary>
    public string Version { get; }

    /// <summary>The default host (e.g. <c>ccc.tencentcloudapi.com</c>).</summary>
    public string Host { get; }

    /// <summary>The spec's group (staff, skill_group, records...).</summary>
    public string Group { get; }

    /// <summary>Default client-side limit, calls per second (Tencent's documented frequency limit).</summary>
    public int RateLimitPerSecond { get; }

    /// <summary>Whether a repeat is harmless (decides retries when the outcome is unknown).</summary>
    public ImIdempotency Idempotency { get; }

    /// <summary><c>{service}:{action}</c>, the key of telemetry tags, limiters and option overrides.</summary>
    public string Key { get; }

    /// <inheritdoc />
    public bool Equals(TencentCloudAction? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TencentCloudAction);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <inheritdoc />
    public override string ToString() => Key;
}
