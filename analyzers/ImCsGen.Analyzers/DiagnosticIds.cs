namespace ImCsGen.Analyzers;

/// <summary>
/// Every diagnostic ID the ImCsGen analyzers report. IDs are stable: a retired rule keeps its number
/// forever so suppressions in user code never start meaning something else.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A C2C send without a sender (From_Account missing, null, empty or whitespace).</summary>
    public const string MissingMessageSender = "IMCS001";

    /// <summary>The configured identifier is not in the project's administrator list.</summary>
    public const string NonAdminIdentifier = "IMCS002";

    /// <summary>A C2C send whose From_Account is an administrator.</summary>
    public const string SenderIsAdministrator = "IMCS003";

    /// <summary>A C2C send whose From_Account equals To_Account.</summary>
    public const string SenderEqualsRecipient = "IMCS004";

    /// <summary>A string constant outside the field's UTF-8 byte length bounds (account IDs: 1..32 bytes).</summary>
    public const string StringLengthOutOfBounds = "IMCS005";

    /// <summary>A numeric constant outside the field's [ImRange].</summary>
    public const string NumberOutOfRange = "IMCS006";

    /// <summary>A collection literal with more items than [ImMaxItems] or fewer than [ImMinItems].</summary>
    public const string ItemCountOutOfBounds = "IMCS007";

    /// <summary>A string constant that does not match the field's [ImPattern].</summary>
    public const string PatternMismatch = "IMCS008";

    /// <summary>A field the spec marks required is set to null.</summary>
    public const string RequiredFieldNull = "IMCS009";

    /// <summary>The SDK secret key written as a string literal.</summary>
    public const string SecretKeyLiteral = "IMCS010";

    /// <summary>A constant MsgRandom (role MessageRandom).</summary>
    public const string ConstantMessageRandom = "IMCS011";

    /// <summary>A UserSig lifetime constant below 5 minutes or above 180 days.</summary>
    public const string UserSigLifetimeOutOfBounds = "IMCS012";

    /// <summary>More than one TIMCustomElem in one MsgBody.</summary>
    public const string DuplicateCustomElement = "IMCS013";

    /// <summary>A new HttpClient created inline as an argument to the ImCsGen client or transport.</summary>
    public const string InlineHttpClient = "IMCS014";

    /// <summary>An IM callback handler that blocks its thread (sync-over-async, Thread.Sleep, synchronous I/O).</summary>
    public const string BlockingCallbackHandler = "IMCS015";
}
