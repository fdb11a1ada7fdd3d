namespace ImCsGen.Metadata;

/// <summary>What a field means to the analyzers and the runtime (spec key <c>role</c>).</summary>
public enum ImFieldRole
{
    /// <summary>No special meaning.</summary>
    None = 0,

    /// <summary>The sender of a message (<c>From_Account</c>).</summary>
    MessageSender = 1,

    /// <summary>The recipient(s) of a message (<c>To_Account</c>).</summary>
    MessageRecipient = 2,

    /// <summary>A uint32 de-duplication random, filled once per logical call when unset.</summary>
    MessageRandom = 3,

    /// <summary>A message sequence number used for de-duplication.</summary>
    MessageSequence = 4,

    /// <summary>A message timestamp used for de-duplication.</summary>
    MessageTimestamp = 5,

    /// <summary>Per-item failures of a batch call.</summary>
    ItemErrors = 6,

    /// <summary>Per-item results of a batch call, failures among them (see <see cref="ResultCode"/>).</summary>
    ItemResults = 7,

    /// <summary>The result code of one item of a batch call: 0 is success.</summary>
    ResultCode = 8,

    // Roles of library helper parameters and options, never of spec fields; numbered apart (100+) so spec
    // roles added later keep their own sequence. The analyzers check them (IMCS002, IMCS010, IMCS012).

    /// <summary>An App administrator identifier (the account that signs REST calls).</summary>
    Administrator = 100,

    /// <summary>The SDK secret key that signs UserSigs (never a constant in source).</summary>
    SecretKey = 101,

    /// <summary>A UserSig lifetime (a <see cref="System.TimeSpan"/> from 5 minutes to 180 days).</summary>
    UserSigLifetime = 102,
}

/// <summary>The semantic kind of a value (spec key <c>kind</c>).</summary>
public enum ImValueKind
{
    /// <summary>No special kind.</summary>
    None = 0,

    /// <summary>A UserID: non-empty, at most 32 UTF-8 bytes.</summary>
    UserId = 1,
}
