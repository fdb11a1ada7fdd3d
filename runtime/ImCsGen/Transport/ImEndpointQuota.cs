using System;

namespace ImCsGen.Transport;

/// <summary>
/// A documented message quota of an endpoint besides its calls-per-second limit, counted per item of a
/// request field: openim/batchsendmsg may deliver 12,000 messages a minute, and a call to 500 recipients
/// counts as 500. From the spec's <c>quota</c> entry; the client-side limiter takes one permit per item.
/// </summary>
public sealed class ImEndpointQuota
{
    /// <summary>Creates a quota of <paramref name="permits"/> items per <paramref name="perSeconds"/> seconds, counting the items of <paramref name="countField"/>.</summary>
    public ImEndpointQuota(int permits, int perSeconds, string countField)
    {
        if (permits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(permits), permits, "The quota must be positive.");
        }

        if (perSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perSeconds), perSeconds, "The quota window must be positive.");
        }

        ArgumentException.ThrowIfNullOrEmpty(countField);
        Permits = permits;
        PerSeconds = perSeconds;
        CountField = countField;
    }

    /// <summary>Items allowed per window (12000).</summary>
    public int Permits { get; }

    /// <summary>The window in seconds (60).</summary>
    public int PerSeconds { get; }

    /// <summary>
    /// The top-level request field whose items are counted (<c>To_Account</c>): an array counts its
    /// elements, any other present value counts 1, an absent field counts 1.
    /// </summary>
    public string CountField { get; }

    /// <summary>Link to Tencent's page that states the quota.</summary>
    public string? Source { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => Permits.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + CountField + " items per "
           + PerSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s";
}
