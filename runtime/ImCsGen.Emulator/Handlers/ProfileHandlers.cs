using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>profile/portrait_set and profile/portrait_get.</summary>
internal static class ProfileHandlers
{
    public static void Set(ImCall call)
    {
        var account = call.RequireAccount(call.RequiredString("From_Account", userId: true), EmulatorErrorCodes.ProfileAccountNotFound, "From_Account");
        var items = call.RequiredArray("ProfileItem", 1);
        var updates = new List<(string Tag, string Raw)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "ProfileItem[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var tag = call.RequiredString(items[i], "Tag", path + ".Tag");
            if (!tag.StartsWith("Tag_Profile_IM_", StringComparison.Ordinal) && !tag.StartsWith("Tag_Profile_Custom_", StringComparison.Ordinal))
            {
                throw call.Invalid(path + ".Tag", "must be a standard (Tag_Profile_IM_*) or custom (Tag_Profile_Custom_*) profile tag");
            }

            if (!items[i].TryGetProperty("Value", out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                throw call.Invalid(path + ".Value", "required");
            }

            var raw = value.GetRawText();
            if (Encoding.UTF8.GetByteCount(raw) > 502)
            {
                throw call.Invalid(path + ".Value", "at most 500 bytes");
            }

            updates.Add((tag, raw));
        }

        // All or nothing: validate every item before changing the profile.
        foreach (var (tag, raw) in updates)
        {
            account.Profile[tag] = raw;
        }

        call.RaiseCallback(() => Callbacks.EventCallbacks.PortraitSet(call.Identifier, account.UserId, updates, call.NowMilliseconds));
    }

    public static void Get(ImCall call)
    {
        var users = call.RequiredUserIds("To_Account", 100);
        var tags = call.OptionalStrings("TagList");
        if (tags.Count == 0)
        {
            throw call.Invalid("TagList", "needs at least one tag");
        }

        var failed = new List<string>();
        call.Writer.WriteStartArray("UserProfileItem");
        foreach (var user in users)
        {
            var account = call.State.FindAccount(user);
            if (account is null)
            {
                failed.Add(user);
                continue;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", user);
            call.Writer.WriteStartArray("ProfileItem");
            foreach (var tag in tags)
            {
                if (account.Profile.TryGetValue(tag, out var raw))
                {
                    call.Writer.WriteStartObject();
                    call.Writer.WriteString("Tag", tag);
                    call.Writer.WritePropertyName("Value");
                    Json.WriteRaw(call.Writer, raw);
                    call.Writer.WriteEndObject();
                }
            }

            call.Writer.WriteEndArray();
            call.Writer.WriteNumber("ResultCode", 0);
            call.Writer.WriteString("ResultInfo", string.Empty);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.WriteStrings("Fail_Account", failed);
    }
}
