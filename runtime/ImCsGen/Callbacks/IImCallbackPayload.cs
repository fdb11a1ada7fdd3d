using System.Text.Json;

namespace ImCsGen.Callbacks;

/// <summary>
/// Implemented by every generated callback payload, so a handler registered for a payload type finds its
/// command and reader at compile time (static members; no reflection, Native AOT safe).
/// </summary>
/// <typeparam name="TSelf">The payload class itself.</typeparam>
public interface IImCallbackPayload<TSelf>
    where TSelf : ImCallbackPayload, IImCallbackPayload<TSelf>
{
    /// <summary>Tencent's <c>CallbackCommand</c> (e.g. <c>C2C.CallbackAfterSendMsg</c>).</summary>
    static abstract string Command { get; }

    /// <summary>Reads the payload at the reader's current token.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}

/// <summary>Implemented by every generated callback reply.</summary>
/// <typeparam name="TSelf">The reply class itself.</typeparam>
public interface IImCallbackReply<TSelf>
    where TSelf : ImCallbackReply, IImCallbackReply<TSelf>
{
    /// <summary>Reads a reply body at the reader's current token.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}
