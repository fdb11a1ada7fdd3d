using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.Auth;

/// <summary>
/// Supplies the UserSig put into each request URL. The default, <see cref="CachingUserSigProvider"/>,
/// signs with the secret key; plug in your own to keep the key in a vault or signing service.
/// </summary>
public interface IUserSigProvider
{
    /// <summary>Returns a currently valid UserSig for <paramref name="identifier"/>. Called on every attempt, so cache.</summary>
    ValueTask<string> GetUserSigAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Tencent rejected <paramref name="rejectedUserSig"/> as expired (70001): the next
    /// <see cref="GetUserSigAsync"/> must return a fresh sig. Passing the rejected sig lets many callers
    /// that all saw the same 70001 cause a single renewal.
    /// </summary>
    void Invalidate(string identifier, string rejectedUserSig);
}
