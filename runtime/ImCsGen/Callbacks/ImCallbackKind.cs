using System;

namespace ImCsGen.Callbacks;

/// <summary>When Tencent calls: before the event (the reply decides it) or after it (the reply is only acknowledged).</summary>
public enum ImCallbackKind
{
    /// <summary>After the event: Tencent ignores the reply's code (spec <c>"kind": "after"</c>).</summary>
    After = 0,

    /// <summary>Before the event: Tencent waits (at most 2 s) and acts on the reply (spec <c>"kind": "before"</c>).</summary>
    Before = 1,
}

/// <summary>What a before-callback's reply may ask Tencent to do (spec <c>outcomes</c>).</summary>
[Flags]
public enum ImCallbackOutcomes
{
    /// <summary>An after-callback: nothing the reply says changes the event.</summary>
    None = 0,

    /// <summary>Let the event happen (<c>ErrorCode</c> 0).</summary>
    Allow = 1,

    /// <summary>Refuse it; the client sees an error (the callback's reject code, 1 on Tencent's pages; <see cref="ImCallbackReplyCodes"/>).</summary>
    Reject = 2,

    /// <summary>Drop a message silently: the sender sees success, nobody receives it (the callback's drop code, 2 on Tencent's pages).</summary>
    Drop = 4,

    /// <summary>Let it happen with a changed body (<c>ErrorCode</c> 0 plus the reply's fields, e.g. <c>MsgBody</c>).</summary>
    Modify = 8,

    /// <summary>Refuse it with the app's own code, relayed to the sender's client; the range is the callback's (120001..130000 one-to-one, 10100..10200 group).</summary>
    AppError = 16,
}
