using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Auth;

/// <summary>
/// Generates UserSigs with the secret key and caches one per identifier. A sig is renewed once half of
/// its lifetime has passed (so a day-long sig is replaced after 12 hours, far from expiry even with clock
/// skew). Under concurrent calls exactly one caller generates per renewal; the others reuse its result.
/// </summary>
public sealed class CachingUserSigProvider : IUserSigProvider
{
    private readonly long _sdkAppId;
    private readonly string _secretKey;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _generations;

    /// <summary>Creates the provider.</summary>
    public CachingUserSigProvider(long sdkAppId, string secretKey, TimeSpan lifetime, TimeProvider? timeProvider = null)
    {
        if (sdkAppId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sdkAppId), sdkAppId, "The SDKAppID must be positive.");
        }

        if (string.IsNullOrWhiteSpace(secretKey))
        {
            throw new ArgumentException("The secret key must not be empty.", nameof(secretKey));
        }

        if (lifetime < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The UserSig lifetime must be at least one minute.");
        }

        _sdkAppId = sdkAppId;
        _secretKey = secretKey;
        _lifetime = lifetime;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many sigs this provider has generated (for diagnostics and tests).</summary>
    public long Generations => Interlocked.Read(ref _generations);

    /// <inheritdoc />
    public ValueTask<string> GetUserSigAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var slot = _slots.GetOrAdd(identifier, static _ => new Slot());
        var now = _timeProvider.GetUtcNow();

        // Fast path without a lock: the entry is immutable and published with a volatile write.
        var current = Volatile.Read(ref slot.Entry);
        if (current is not null && now < current.RenewAt)
        {
            return new ValueTask<string>(current.UserSig);
        }

        lock (slot)
        {
            // Another caller may have renewed while this one waited for the lock: check again.
            current = slot.Entry;
            if (current is not null && now < current.RenewAt)
            {
                return new ValueTask<string>(current.UserSig);
            }

            var sig = UserSig.Generate(_sdkAppId, _secretKey, identifier, _lifetime, now);
            Interlocked.Increment(ref _generations);
            Volatile.Write(ref slot.Entry, new Entry(sig, now + (_lifetime / 2)));
            return new ValueTask<string>(sig);
        }
    }

    /// <inheritdoc />
    public void Invalidate(string identifier, string rejectedUserSig)
    {
        if (identifier is null || !_slots.TryGetValue(identifier, out var slot))
        {
            return;
        }

        lock (slot)
        {
            // Only drop the sig that was rejected: if someone already renewed it, the new one stays.
            if (slot.Entry is { } entry && string.Equals(entry.UserSig, rejectedUserSig, StringComparison.Ordinal))
            {
                Volatile.Write(ref slot.Entry, null);
            }
        }
    }

    private sealed class Slot
    {
        public Entry? Entry;
    }

    private sealed record Entry(string UserSig, DateTimeOffset RenewAt)
    {
        // The sig is secret; keep it out of debugger displays and accidental string conversions.
        public override string ToString() => "UserSig (renew at " + RenewAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
