using System.Collections.Generic;
using System.Globalization;
using ImCsGen.Emulator.Http;

namespace ImCsGen.Emulator.Handlers;

/// <summary>im_open_login_svc/* and openim/query_online_status.</summary>
internal static class AccountHandlers
{
    public static void Import(ImCall call)
    {
        var userId = call.RequiredString("UserID", userId: true);
        call.State.ImportAccount(userId, call.OptionalString("Nick"), call.OptionalString("FaceUrl"));
    }

    public static void ImportMany(ImCall call)
    {
        // Two request shapes: the legacy "Accounts" (UserIDs) and "AccountList" (objects with Nick/FaceUrl).
        var fail = new List<string>();
        if (call.Has("AccountList"))
        {
            var items = call.RequiredArray("AccountList", 1, 100);
            for (var i = 0; i < items.Count; i++)
            {
                var path = "AccountList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var id = call.RequiredString(items[i], "UserID", path + ".UserID");
                if (System.Text.Encoding.UTF8.GetByteCount(id) is 0 or > 32)
                {
                    fail.Add(id);
                    continue;
                }

                call.State.ImportAccount(id, call.OptionalString(items[i], "Nick", path + ".Nick"), call.OptionalString(items[i], "FaceUrl", path + ".FaceUrl"));
            }
        }
        else
        {
            var ids = call.OptionalStrings("Accounts");
            if (ids.Count == 0)
            {
                throw call.Invalid("Accounts", "required (or AccountList), 1..100 UserIDs");
            }

            if (ids.Count > 100)
            {
                throw call.Invalid("Accounts", "allows at most 100 items");
            }

            foreach (var id in ids)
            {
                if (System.Text.Encoding.UTF8.GetByteCount(id) is 0 or > 32)
                {
                    fail.Add(id);
                    continue;
                }

                call.State.ImportAccount(id, null, null);
            }
        }

        call.WriteStrings("FailAccounts", fail);
    }

    public static void Delete(ImCall call)
    {
        var items = call.RequiredArray("DeleteItem", 1, 100);
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var id = call.RequiredString(items[i], "UserID", "DeleteItem[" + i.ToString(CultureInfo.InvariantCulture) + "].UserID");
            var deleted = call.State.DeleteAccount(id);
            WriteResult(call, id, deleted ? 0 : EmulatorErrorCodes.AccountNotImported, deleted ? string.Empty : "account not imported");
        }

        call.Writer.WriteEndArray();
    }

    public static void Check(ImCall call)
    {
        var items = call.RequiredArray("CheckItem", 1, 100);
        call.Writer.WriteStartArray("ResultItem");
        for (var i = 0; i < items.Count; i++)
        {
            var id = call.RequiredString(items[i], "UserID", "CheckItem[" + i.ToString(CultureInfo.InvariantCulture) + "].UserID");
            call.Writer.WriteStartObject();
            call.Writer.WriteString("UserID", id);
            call.Writer.WriteNumber("ResultCode", 0);
            call.Writer.WriteString("ResultInfo", string.Empty);
            call.Writer.WriteString("AccountStatus", call.State.FindAccount(id) is null ? "NotImported" : "Imported");
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void Kick(ImCall call)
    {
        var account = call.RequireAccount(call.RequiredString("UserID", userId: true), EmulatorErrorCodes.AccountNotImported, "UserID");
        var wasOnline = account.Online;
        account.Online = false;
        account.KickCount++;
        if (wasOnline)
        {
            // The kicked user's connection closes: the state-change callback reports the logout.
            call.RaiseCallback(() => Callbacks.EventCallbacks.StateChange(account.UserId, login: false, call.NowMilliseconds));
        }
    }

    public static void QueryOnlineStatus(ImCall call)
    {
        var ids = call.RequiredUserIds("To_Account", 500);
        var detail = call.OptionalInt64("IsNeedDetail") == 1;
        var errors = new List<string>();
        call.Writer.WriteStartArray("QueryResult");
        foreach (var id in ids)
        {
            var account = call.State.FindAccount(id);
            if (account is null)
            {
                errors.Add(id);
                continue;
            }

            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", id);
            call.Writer.WriteString("Status", account.Online ? "Online" : "Offline");
            if (detail)
            {
                call.Writer.WriteStartArray("Detail");
                if (account.Online)
                {
                    call.Writer.WriteStartObject();
                    call.Writer.WriteString("Platform", "Web");
                    call.Writer.WriteString("Status", "Online");
                    call.Writer.WriteEndObject();
                }

                call.Writer.WriteEndArray();
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteStartArray("ErrorList");
        foreach (var id in errors)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("To_Account", id);
            call.Writer.WriteNumber("ErrorCode", EmulatorErrorCodes.AccountNotImported);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    private static void WriteResult(ImCall call, string userId, int code, string info)
    {
        call.Writer.WriteStartObject();
        call.Writer.WriteNumber("ResultCode", code);
        call.Writer.WriteString("ResultInfo", info);
        call.Writer.WriteString("UserID", userId);
        call.Writer.WriteEndObject();
    }
}
