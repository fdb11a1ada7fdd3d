namespace ImCsGen.Emulator.Http;

/// <summary>
/// The Tencent error codes the emulator answers with. Common and account codes come from Tencent's error
/// table (see shared research im-rest-facts.md §4); the per-group "invalid parameter" / "not found" codes
/// follow Tencent's per-API pages as far as they were known and are listed in the emulator README.
/// </summary>
public static class EmulatorErrorCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>HTTP parse error (bad URL or query).</summary>
    public const int HttpParseError = 60002;

    /// <summary>The request body is not valid JSON.</summary>
    public const int RequestJsonParseError = 60003;

    /// <summary>The identifier is missing from the URL.</summary>
    public const int AccountError = 60004;

    /// <summary>The UserSig is missing from the URL.</summary>
    public const int SignatureError = 60005;

    /// <summary>The SDKAppID is not a valid number.</summary>
    public const int SdkAppIdInvalid = 60006;

    /// <summary>Rate over the limit of the endpoint.</summary>
    public const int RateLimited = 60007;

    /// <summary>Service timeout (used as the default transient fault).</summary>
    public const int ServiceTimeout = 60008;

    /// <summary>Unknown service/command in the URL.</summary>
    public const int BadResource = 60009;

    /// <summary>The identifier is not an App administrator.</summary>
    public const int AdminRequired = 60010;

    /// <summary>The SDKAppID is missing from the URL.</summary>
    public const int SdkAppIdMissing = 60012;

    /// <summary>UserSig expired.</summary>
    public const int UserSigExpired = 70001;

    /// <summary>UserSig could not be parsed.</summary>
    public const int UserSigMalformed = 70003;

    /// <summary>UserSig signature does not verify under the App's key.</summary>
    public const int UserSigBadSignature = 70009;

    /// <summary>The identifier differs from the UserSig's identifier.</summary>
    public const int UserSigIdentifierMismatch = 70013;

    /// <summary>The SDKAppID differs from the UserSig's SDKAppID.</summary>
    public const int UserSigSdkAppIdMismatch = 70014;

    /// <summary>No App with this SDKAppID (wrong data centre).</summary>
    public const int SdkAppIdNotFound = 70020;

    /// <summary>Account not imported.</summary>
    public const int AccountNotImported = 70107;

    /// <summary>Account APIs: invalid parameter.</summary>
    public const int AccountInvalidParameter = 70402;

    /// <summary>Message APIs: the body is not a valid request (missing or wrongly typed field).</summary>
    public const int MessageInvalidParameter = 90001;

    /// <summary>Message APIs: MsgBody is malformed.</summary>
    public const int MessageBodyInvalid = 90002;

    /// <summary>Message APIs: the recipient (or sender) is not an imported account.</summary>
    public const int MessageAccountNotFound = 90012;

    /// <summary>Message APIs: the message (MsgKey) does not exist.</summary>
    public const int MessageNotFound = 20022;

    // A message body over 12 KB: the code (93000) is the spec's, on MsgBody's maxJsonBytes (constraint errorCodes);
    // SpecValidation answers it from the generated check.

    /// <summary>Relation APIs: invalid parameter.</summary>
    public const int RelationInvalidParameter = 30001;

    /// <summary>Relation APIs: the account does not exist.</summary>
    public const int RelationAccountNotFound = 30003;

    /// <summary>Profile APIs: invalid parameter.</summary>
    public const int ProfileInvalidParameter = 40001;

    /// <summary>Profile APIs: the account does not exist.</summary>
    public const int ProfileAccountNotFound = 40003;

    /// <summary>Recent-contact APIs: the account does not exist.</summary>
    public const int ContactAccountNotFound = 50001;

    /// <summary>Recent-contact APIs: invalid parameter.</summary>
    public const int ContactInvalidParameter = 50002;

    /// <summary>Operation APIs: invalid parameter (they share the 900xx request codes of the openim services).</summary>
    public const int OperationInvalidParameter = 90001;

    // Group codes: Tencent's error-code table, https://cloud.tencent.com/document/product/269/1671 (group section);
    // wording checked against Tencent's own SDK error texts (web.sdk.qcloud.com/im/download/error-message/v3/0.0.4/
    // tim-error-message.txt) and the group API pages' error tables (e.g. send_group_system_notification: 10004, 10007,
    // 10010, 10015). Which refusal answers which code is listed per group area in the emulator README.

    /// <summary>Group APIs: invalid parameter.</summary>
    public const int GroupInvalidParameter = 10004;

    /// <summary>Group APIs: not allowed (no permission, not a member, or not for this group type).</summary>
    public const int GroupNoPermission = 10007;

    /// <summary>Group APIs: the group does not exist or was dismissed.</summary>
    public const int GroupNotFound = 10010;

    /// <summary>Group APIs: the invited user is already a member.</summary>
    public const int GroupAlreadyMember = 10013;

    /// <summary>Group APIs: the group is full.</summary>
    public const int GroupFull = 10014;

    /// <summary>Group APIs: invalid group ID (Tencent: "Invalid group ID"; the emulator uses it for a malformed custom ID).</summary>
    public const int GroupInvalidId = 10015;

    // 10016 (the app's third-party callback refused the operation) is the spec's: each group before-callback's
    // replyCodes.reject.callerCode, answered by Callbacks/SpecReplyCodes.cs.

    /// <summary>Group APIs: the sender is muted (member mute, whole-group mute, or global group mute).</summary>
    public const int GroupSenderMuted = 10017;

    /// <summary>Group APIs: the account does not exist.</summary>
    public const int GroupAccountNotFound = 10019;

    /// <summary>Group APIs: the group ID is already used.</summary>
    public const int GroupIdInUse = 10021;

    /// <summary>Group APIs: the message to recall does not exist.</summary>
    public const int GroupRecallNotFound = 10030;

    /// <summary>Group APIs: the group type does not support recall.</summary>
    public const int GroupRecallTypeNotSupported = 10033;

    /// <summary>Group attributes: more than 5 writes per second per group (spec: modify_group_attr).</summary>
    public const int GroupAttributeWriteLimit = 10049;

    /// <summary>Group attributes: the key does not exist (spec: delete_group_attr).</summary>
    public const int GroupAttributeKeyNotFound = 10050;

    /// <summary>
    /// Push service (all-member push, timpush): the JSON could not be parsed / a field is invalid (90001 on Tencent's push error
    /// code page, https://cloud.tencent.com/document/product/269/117847, also https://www.tencentcloud.com/zh/document/product/1047/74196, 2026-03-10).
    /// </summary>
    public const int PushInvalidParameter = 90001;

    // Push limits' own codes (90018 too many accounts, 90020 a tag over 50 bytes, 90032 more than 10 tags) are stated
    // with their constraints in spec/ (errorCodes) and answered from there.

    /// <summary>Push: an attribute that is not defined (90033, same page).</summary>
    public const int PushInvalidAttribute = 90033;

    /// <summary>Push revoke: no push task with this TaskId (90049, same page).</summary>
    public const int PushTaskNotFound = 90049;

    /// <summary>Push revoke: the task was already revoked (90050, same page).</summary>
    public const int PushAlreadyRevoked = 90050;

    /// <summary>Push revoke: the task is older than 24 hours (90052, same page).</summary>
    public const int PushRevokeExpired = 90052;

    /// <summary>
    /// Cloud moderation: invalid parameter. No Tencent page found states this area's own code; the emulator answers with the
    /// message family's 90001 (see the emulator README, "what is not emulated").
    /// </summary>
    public const int AuditInvalidParameter = 90001;

    /// <summary>
    /// Official accounts: invalid parameter. No Tencent page found states it; the emulator uses the group family's 10004
    /// (official accounts share the group service's conventions). The documented 130004/130008 are in the handlers.
    /// </summary>
    public const int OfficialAccountInvalidParameter = GroupInvalidParameter;

    /// <summary>
    /// One-to-one sends of a sender under global C2C mute fail with 20012 (https://cloud.tencent.com/document/product/269/4230,
    /// 2025-12-15).
    /// </summary>
    public const int C2CSenderGloballyMuted = 20012;

    /// <summary>An endpoint of spec/ the emulator does not emulate yet (answered with the unknown-resource code).</summary>
    public const int NotEmulated = BadResource;
}
