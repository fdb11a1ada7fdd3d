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

    /// <summary>Writes the request body.</summary>
    void WriteJson(Utf8JsonWriter writer);

    /// <summary>
    /// What the transport calls instead of <see cref="Validate"/>: every constraint except the JSON-size limits
    /// (<c>maxJsonBytes</c>, MsgBody's 12 KB) that the generated <see cref="WriteJson(Utf8JsonWriter)"/> measures on
    /// the bytes it writes, so a body is serialized once rather than once to count and once to send. Requests that
    /// do not measure while writing keep the default, the whole <see cref="Validate"/>.
    /// </summary>
    void ValidateExceptWrittenSizes() => Validate();

    /// <summary>
    /// How many items of the endpoint's quota this call uses (batchsendmsg: its recipients), when the request can
    /// tell without its body being scanned; null (the default) lets the transport count them in the written body.
    /// </summary>
    int? QuotaItems => null;

    /// <summary>
    /// Chooses the de-duplication keys of one logical call: key fields the caller set are kept, the ones the
    /// endpoint's rule lets the client set are drawn from <paramref name="random"/>. Never changes this
    /// object, so a request reused (or sent from two tasks at once) gets fresh keys on every call. Returns
    /// null for endpoints without a de-duplication rule.
    /// </summary>
    ImCsGen.Idempotency.ImDeduplicationKeys? ChooseDeduplicationKeys(IImRandomSource random) => null;

    /// <summary>Writes the request body with <paramref name="keys"/> in the key fields the caller left unset.</summary>
    void WriteJson(Utf8JsonWriter writer, in ImCsGen.Idempotency.ImDeduplicationKeys keys) => WriteJson(writer);
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
    /// The current Unix time in seconds, for <c>messageTimestamp</c> key fields a rule lets the client set.
    /// The transport answers from its <see cref="System.TimeProvider"/>.
    /// </summary>
    long UnixTimeSeconds() => System.DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
