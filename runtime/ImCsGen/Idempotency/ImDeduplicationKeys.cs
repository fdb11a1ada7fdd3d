using System.Globalization;

namespace ImCsGen.Idempotency;

/// <summary>
/// The de-duplication keys one logical call sent on every attempt (for C2C messages: <c>MsgSeq</c>,
/// <c>MsgRandom</c> and, for imports, <c>MsgTimeStamp</c>). Values the caller set are reported as set;
/// values the transport chose for the call are reported as chosen. The request object is never changed:
/// keep these (from <see cref="Serialization.ImResponse.DeduplicationKeys"/> or
/// <see cref="ImException.DeduplicationKeys"/>) to log the call or to repeat it deliberately, which
/// Tencent then de-duplicates within the endpoint's documented window.
/// </summary>
/// <param name="Sequence">The value sent in the <c>messageSequence</c> field (<c>MsgSeq</c>), if any.</param>
/// <param name="Random">The value sent in the <c>messageRandom</c> field (<c>MsgRandom</c>), if any.</param>
/// <param name="Timestamp">The value sent in the <c>messageTimestamp</c> field (<c>MsgTimeStamp</c>) when it is part of the key.</param>
public readonly record struct ImDeduplicationKeys(uint? Sequence, uint? Random, long? Timestamp)
{
    /// <inheritdoc />
    public override string ToString()
        => "MsgSeq=" + Text(Sequence) + ", MsgRandom=" + Text(Random) + (Timestamp is { } time ? ", MsgTimeStamp=" + time.ToString(CultureInfo.InvariantCulture) : string.Empty);

    private static string Text(uint? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(unset)";
}
