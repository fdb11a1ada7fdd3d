using System;
using System.Globalization;
using System.Linq;
using ImCsGen.Emulator.Http;

namespace ImCsGen.Emulator.Handlers;

/// <summary>Operation endpoints: statistics, history files, server IPs and chat-file moderation.</summary>
internal static class OperationHandlers
{
    public static void GetAppInfo(ImCall call)
    {
        var fields = call.OptionalStrings("RequestField");
        var accounts = call.State.GetAccounts();
        var messages = call.State.GetAllMessages();
        var values = new (string Name, string Value)[]
        {
            ("AppId", call.Options.SdkAppId.ToString(CultureInfo.InvariantCulture)),
            ("AppName", "ImCsGen emulator"),
            ("Company", "ImCsGen"),
            ("RegistUserNumTotal", accounts.Count(a => !a.IsAdministrator).ToString(CultureInfo.InvariantCulture)),
            ("RegistUserNumOneDay", accounts.Count(a => !a.IsAdministrator && a.ImportedAt > call.Now.AddDays(-1)).ToString(CultureInfo.InvariantCulture)),
            ("ActiveUserNum", messages.Select(m => m.From).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture)),
            ("C2CUpMsgNum", messages.Count.ToString(CultureInfo.InvariantCulture)),
            ("C2CSendMsgUserNum", messages.Select(m => m.From).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture)),
            ("Date", call.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
        };

        // One row: the emulator keeps no daily history.
        call.Writer.WriteStartArray("Result");
        call.Writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            if (fields.Count == 0 || fields.Contains(name, StringComparer.Ordinal))
            {
                call.Writer.WriteString(name, value);
            }
        }

        call.Writer.WriteEndObject();
        call.Writer.WriteEndArray();
    }

    public static void GetHistory(ImCall call)
    {
        var type = call.RequiredString("ChatType");
        if (type is not "C2C" and not "Group")
        {
            throw call.Invalid("ChatType", "must be C2C or Group");
        }

        var hour = call.RequiredString("MsgTime");
        if (hour.Length != 10 || !long.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw call.Invalid("MsgTime", "must be an hour as yyyyMMddHH");
        }

        // The emulator produces no history files: the list is always empty.
        call.Writer.WriteStartArray("File");
        call.Writer.WriteEndArray();
    }

    public static void GetIpList(ImCall call) => call.WriteStrings("IPList", new[] { "127.0.0.1" });

    public static void Ban(ImCall call) => call.State.BannedFiles.Add(RawUrl(call));

    public static void Unban(ImCall call) => call.State.BannedFiles.Remove(RawUrl(call));

    public static void GetSignedUrls(ImCall call)
    {
        var items = call.RequiredArray("RawURLs", 1);
        call.Writer.WriteStartArray("PreSigURLs");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "RawURLs[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var url = call.RequiredString(items[i], "RawURL", path + ".RawURL");
            var id = call.OptionalInt64(items[i], "ResourceID", path + ".ResourceID") ?? i;
            var banned = call.State.BannedFiles.Contains(url);
            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("ResourceID", id);
            call.Writer.WriteNumber("Code", banned ? 1 : 0);
            call.Writer.WriteString("Desc", banned ? "banned" : "ok");
            call.Writer.WriteNumber("Status", banned ? 2 : 1);
            if (!banned)
            {
                call.Writer.WriteString("PreSigURL", url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "emulator-sig=1");
            }

            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    private static string RawUrl(ImCall call)
    {
        var url = call.RequiredString("RawURL");
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw call.Invalid("RawURL", "must be an absolute URL");
        }

        return url;
    }
}
