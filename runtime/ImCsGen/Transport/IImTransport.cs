using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Serialization;

namespace ImCsGen.Transport;

/// <summary>
/// Sends one IM REST request and returns its typed response. Generated clients call only this,
/// so the real HTTP transport, a test fake and the emulator's in-process transport are interchangeable.
/// </summary>
public interface IImTransport
{
    /// <summary>
    /// Validates <paramref name="request"/>, sends it to its endpoint and reads the response.
    /// Throws <see cref="ImCsGen.Validation.ImValidationException"/> before anything is sent when the
    /// request breaks a spec constraint, and <see cref="ImException"/> when Tencent answers with an error.
    /// </summary>
    Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : IImRequest
        where TResponse : ImResponse, IImResponse<TResponse>;
}
