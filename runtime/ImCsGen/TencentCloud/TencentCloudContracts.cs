using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.TencentCloud;

/// <summary>A generated Tencent Cloud API 3.0 request: knows its action, validates itself and writes its own JSON.</summary>
public interface ITencentCloudRequest
{
    /// <summary>The action this request calls.</summary>
    TencentCloudAction Action { get; }

    /// <summary>Throws <see cref="ImCsGen.Validation.ImValidationException"/> naming the field and the rule when a spec constraint is broken.</summary>
    void Validate();

    /// <summary>Writes the request body (the action's parameters; Action and Version travel in headers).</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>A generated response type: reads the object inside <c>{"Response": ...}</c> (no reflection).</summary>
/// <typeparam name="TSelf">The response type.</typeparam>
public interface ITencentCloudResponse<TSelf>
    where TSelf : TencentCloudResponse
{
    /// <summary>Reads the object inside <c>Response</c>, <c>RequestId</c> and <c>Error</c> included.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}

/// <summary>Sends Tencent Cloud API 3.0 requests: the HTTP transport (TC3-signed), the emulator's, or a test fake.</summary>
public interface ITencentCloudTransport
{
    /// <summary>Validates, signs, sends, retries and reads the answer; a failure answer throws <see cref="TencentCloudException"/>.</summary>
    Task<TResponse> SendAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : ITencentCloudRequest
        where TResponse : TencentCloudResponse, ITencentCloudResponse<TResponse>;
}
