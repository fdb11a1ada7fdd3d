using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace ImCsGen.Benchmarks.HandWritten;

/// <summary>
/// Alternative (c): a Refit interface over the same DTOs. Refit's own source generator implements it;
/// the body goes through <c>SystemTextJsonContentSerializer</c> with the STJ source-generated context.
/// </summary>
public interface IRefitImApi
{
    [Post("/v4/openim/sendmsg?contenttype=json")]
    Task<HandSendMsgResponse> SendMsgAsync([Query] long sdkappid, [Query] string identifier, [Query] string usersig, [Query] uint random, [Body] HandSendMsgRequest body, CancellationToken cancellationToken = default);

    [Post("/v4/profile/portrait_get?contenttype=json")]
    Task<HandGetProfileResponse> GetProfileAsync([Query] long sdkappid, [Query] string identifier, [Query] string usersig, [Query] uint random, [Body] HandGetProfileRequest body, CancellationToken cancellationToken = default);
}
