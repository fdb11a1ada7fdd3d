using System;
using System.Collections.Generic;

namespace ImCsGen.Emulator.State;

/// <summary>An imported IM account (or a configured administrator, which exists without import).</summary>
public sealed class Account
{
    internal Account(string userId, bool isAdministrator, DateTimeOffset importedAt, long tinyId)
    {
        UserId = userId;
        IsAdministrator = isAdministrator;
        ImportedAt = importedAt;
        TinyId = tinyId;
    }

    /// <summary>The UserID.</summary>
    public string UserId { get; }

    /// <summary>
    /// The emulator's stand-in for Tencent's internal numeric user ID (<c>GroupOwnerTinyID</c> / <c>GroupMemberTinyID</c>
    /// of the cloud-search answers in spec/group.json): fixed for the account's life, never reused within one emulator,
    /// 18 digits like the ids in the search pages' examples. A deleted and re-imported account gets a new one.
    /// </summary>
    public long TinyId { get; }

    /// <summary>Whether the account is one of the App administrators.</summary>
    public bool IsAdministrator { get; }

    /// <summary>When it was imported.</summary>
    public DateTimeOffset ImportedAt { get; internal set; }

    /// <summary>Whether a client of this user is logged in (set through the control API; REST cannot log in).</summary>
    public bool Online { get; internal set; }

    /// <summary>How many times <c>kick</c> invalidated its login state.</summary>
    public int KickCount { get; internal set; }

    /// <summary>Profile fields by tag (<c>Tag_Profile_IM_Nick</c>...), each as its raw JSON value.</summary>
    internal Dictionary<string, string> Profile { get; } = new(StringComparer.Ordinal);

    /// <summary>Nickname (<c>Tag_Profile_IM_Nick</c>), if set.</summary>
    public string? Nick => ProfileString(ProfileTags.Nick);

    /// <summary>Avatar URL (<c>Tag_Profile_IM_Image</c>), if set.</summary>
    public string? FaceUrl => ProfileString(ProfileTags.Image);

    /// <summary>A snapshot of the profile (tag → raw JSON value).</summary>
    public IReadOnlyDictionary<string, string> GetProfile() => new Dictionary<string, string>(Profile, StringComparer.Ordinal);

    internal string? ProfileString(string tag)
    {
        if (!Profile.TryGetValue(tag, out var raw))
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(raw);
        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? document.RootElement.GetString() : raw;
    }
}

/// <summary>Standard profile tags the emulator knows by name.</summary>
public static class ProfileTags
{
    /// <summary>Nickname.</summary>
    public const string Nick = "Tag_Profile_IM_Nick";

    /// <summary>Avatar URL.</summary>
    public const string Image = "Tag_Profile_IM_Image";

    /// <summary>Who may add the user as a friend (<c>AllowType_Type_NeedConfirm</c>...).</summary>
    public const string AllowType = "Tag_Profile_IM_AllowType";
}
