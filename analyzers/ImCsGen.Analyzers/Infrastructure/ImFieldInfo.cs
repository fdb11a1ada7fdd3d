namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>What the generator attached to one property (<c>[ImField]</c> and the constraint attributes).</summary>
internal sealed class ImFieldInfo
{
    // Mirrors ImCsGen.Metadata.ImFieldRole / ImValueKind; the analyzers cannot reference the runtime assembly.
    public const int RoleMessageSender = 1;
    public const int RoleMessageRecipient = 2;
    public const int RoleMessageRandom = 3;
    public const int RoleAdministrator = 100;
    public const int RoleSecretKey = 101;
    public const int RoleUserSigLifetime = 102;
    public const int KindUserId = 1;

    /// <summary>Tencent's limits for a UserID (ImValueKind.UserId).</summary>
    public const int UserIdMaxBytes = 32;

    public ImFieldInfo(string wireName, bool required, int role, int kind)
    {
        WireName = wireName;
        Required = required;
        Role = role;
        Kind = kind;
    }

    public string WireName { get; }

    public bool Required { get; }

    public int Role { get; }

    public int Kind { get; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public int? MaxBytes { get; set; }

    public int? MinBytes { get; set; }

    public int? MaxItems { get; set; }

    public int? MinItems { get; set; }

    public string? Pattern { get; set; }

    public bool IsUserId => Kind == KindUserId;

    public bool IsSender => Role == RoleMessageSender;

    public bool IsRecipient => Role == RoleMessageRecipient;

    public bool IsRandom => Role == RoleMessageRandom;

    /// <summary>The smallest allowed UTF-8 length of a string value, or null when unconstrained.</summary>
    public int? EffectiveMinBytes
    {
        get
        {
            int? min = MinBytes;
            if (IsUserId && (min is null || min < 1))
            {
                min = 1;
            }

            return min;
        }
    }

    /// <summary>The largest allowed UTF-8 length of a string value, or null when unconstrained.</summary>
    public int? EffectiveMaxBytes
    {
        get
        {
            int? max = MaxBytes;
            if (IsUserId && (max is null || max > UserIdMaxBytes))
            {
                max = UserIdMaxBytes;
            }

            return max;
        }
    }
}
