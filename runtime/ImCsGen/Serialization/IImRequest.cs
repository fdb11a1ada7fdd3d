using System.Text.Json;
using ImCsGen.Transport;

namespace ImCsGen.Serialization;

/// <summary>A generated request: knows its endpoint, validates itself and writes its own JSON (no reflection).</summary>
public interface IImRequest
{
    /// <summary>The endpoint this request is sent to.</summary>
    ImEndpoint Endpoint { get; }

    /// <summary>Throws <see cref="ImCsGen.Validation.ImValidationException"/> naming the field and the rule when a spec constraint is broken.</summary>
    void Validate();

    /// <summary>
    /// Fills de-duplication keys (<c>messageRandom</c> role fields) that are still unset. Called once per
    /// logical call, before the first attempt, so every retry sends the same values.
    /// </summary>
    void AssignIdempotencyKeys(IImRandomSource random);

    /// <summary>Writes the request body.</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>A generated response type: reads itself from JSON (no reflection).</summary>
/// <typeparam name="TSelf">The response type.</typeparam>
public interface IImResponse<TSelf>
    where TSelf : ImResponse
{
    /// <summary>Reads a whole response body, envelope included; unknown properties are skipped.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}

/// <summary>Source of the values used for de-duplication keys (injectable for tests).</summary>
public interface IImRandomSource
{
    /// <summary>Returns a uniformly random uint32.</summary>
    uint NextUInt32();

    /// <summary>
    /// The current Unix time in seconds, for <c>messageTimestamp</c> keys: Tencent de-duplicates a send by
    /// its MsgRandom within one second, so a retry that lands a second later must carry the first
    /// attempt's timestamp. The transport answers from its <see cref="System.TimeProvider"/>.
    /// </summary>
    long UnixTimeSeconds() => System.DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
