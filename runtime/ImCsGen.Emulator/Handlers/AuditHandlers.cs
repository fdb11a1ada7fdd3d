using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>
/// Cloud moderation: keyword libraries (created through the control API, as Tencent creates them in the console), their
/// keywords (REST), and decisions made from those keywords and the control API's rules. Every decision is recorded.
/// </summary>
internal static class AuditHandlers
{
    public static void GetLibraries(ImCall call)
    {
        CheckSdkAppId(call);
        var libraries = call.State.Areas.Audit.Libraries;
        var page = libraries.Skip(Offset(call)).Take(Limit(call)).ToList();
        call.Writer.WriteNumber("TotalCount", libraries.Count);
        call.Writer.WriteStartArray("Infos");
        foreach (var library in page)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("ID", library.Id);
            call.Writer.WriteString("LibName", library.Name);
            call.Writer.WriteString("Describe", string.Empty);
            call.Writer.WriteString("CreateTime", library.CreateTime);
            call.Writer.WriteString("Suggestion", library.Suggestion);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void GetKeywords(ImCall call)
    {
        CheckSdkAppId(call);
        var library = Library(call);
        var filter = call.OptionalString("Content") ?? string.Empty;

        // A non-empty Content returns the keywords that fuzzily match it (spec get_cloud_audit_keywords): here, either contains the other.
        var matching = library.Keywords.Where(k => filter.Length == 0 || k.Content.Contains(filter, StringComparison.Ordinal) || filter.Contains(k.Content, StringComparison.Ordinal)).ToList();
        call.Writer.WriteNumber("TotalCount", matching.Count);
        call.Writer.WriteStartArray("Infos");
        foreach (var keyword in matching.Skip(Offset(call)).Take(Limit(call)))
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteString("ID", keyword.Id);
            call.Writer.WriteString("Content", keyword.Content);
            call.Writer.WriteString("CreateTime", keyword.CreateTime);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    public static void AddKeywords(ImCall call)
    {
        CheckSdkAppId(call);
        var library = Library(call);
        var audit = call.State.Areas.Audit;
        var items = call.RequiredArray("UserKeywords");
        for (var i = 0; i < items.Count; i++)
        {
            var path = "UserKeywords[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var content = call.RequiredString(items[i], "Content", path + ".Content");
            var label = call.OptionalString(items[i], "Label", path + ".Label") ?? "Normal";
            if (library.Keywords.Exists(k => string.Equals(k.Content, content, StringComparison.Ordinal)))
            {
                // Adding a keyword the library has changes nothing (the call is idempotent, spec add_cloud_audit_keywords).
                continue;
            }

            library.Keywords.Add(new AuditKeyword((audit.NextKeywordId++).ToString(CultureInfo.InvariantCulture), content, label, Time(call.Now)));
        }
    }

    public static void DeleteKeywords(ImCall call)
    {
        CheckSdkAppId(call);
        var library = Library(call);
        var deleted = 0;
        call.Writer.WriteStartArray("Details");
        foreach (var word in call.OptionalStrings("Keywords"))
        {
            var keyword = library.Keywords.Find(k => string.Equals(k.Content, word, StringComparison.Ordinal));
            call.Writer.WriteStartObject();
            call.Writer.WriteString("KeywordID", keyword?.Id ?? string.Empty);
            call.Writer.WriteString("Keyword", word);
            call.Writer.WriteBoolean("Deleted", keyword is not null);
            call.Writer.WriteString("ErrorInfo", keyword is null ? "keyword not found in the library" : string.Empty);
            call.Writer.WriteEndObject();
            if (keyword is not null)
            {
                library.Keywords.Remove(keyword);
                deleted++;
            }
        }

        call.Writer.WriteEndArray();
        call.Writer.WriteNumber("Count", deleted);
    }

    public static void Moderate(ImCall call)
    {
        var name = call.RequiredString("AuditName");
        var type = ContentType(call, call.Body, "ContentType");
        var decision = Decide(call, name, type, call.RequiredString("Content"));
        if (decision.Result is not null)
        {
            WriteDecision(call.Writer, decision);
        }
    }

    public static void BatchModerate(ImCall call)
    {
        var name = call.RequiredString("AuditName");
        var items = call.RequiredArray("Contents");
        var ids = new HashSet<long>();
        var decisions = new List<(long Id, AuditDecision Decision)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = "Contents[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var id = call.OptionalInt64(items[i], "ContentId", path + ".ContentId") ?? throw call.Invalid(path + ".ContentId", "required");
            if (!ids.Add(id))
            {
                throw call.Invalid(path + ".ContentId", "must be unique within the request");
            }

            var type = ContentType(call, items[i], path + ".ContentType");
            if (type is "Audio" or "Video")
            {
                throw call.Invalid(path + ".ContentType", "audio and video go through content_moderation");
            }

            decisions.Add((id, Decide(call, name, type, call.RequiredString(items[i], "Content", path + ".Content"))));
        }

        call.Writer.WriteStartArray("AuditResults");
        foreach (var (id, decision) in decisions)
        {
            call.Writer.WriteStartObject();
            call.Writer.WriteNumber("ContentId", id);
            WriteDecision(call.Writer, decision);
            call.Writer.WriteEndObject();
        }

        call.Writer.WriteEndArray();
    }

    private static AuditDecision Decide(ImCall call, string name, string type, string content)
    {
        var audit = call.State.Areas.Audit;
        AuditDecision decision;
        if (type is "Audio" or "Video")
        {
            // Tencent answers audio and video later through the moderation webhook: no verdict in the answer.
            decision = new AuditDecision(name, type, content, null, string.Empty, 0, Array.Empty<string>());
        }
        else
        {
            // Keywords of the libraries match text first (the library's Suggestion is the verdict), then the control API's rules.
            var hits = type == "Text"
                ? audit.Libraries.SelectMany(l => l.Keywords.Select(k => (Library: l, Keyword: k))).Where(h => content.Contains(h.Keyword.Content, StringComparison.Ordinal)).ToList()
                : new List<(AuditKeywordLibrary Library, AuditKeyword Keyword)>();
            var rule = audit.Rules.Find(r => (r.ContentType is null || string.Equals(r.ContentType, type, StringComparison.Ordinal)) && content.Contains(r.Contains, StringComparison.Ordinal));
            decision = hits.Count > 0
                ? new AuditDecision(name, type, content, hits[0].Library.Suggestion, hits[0].Keyword.Label, 100, hits.Select(h => h.Keyword.Content).Distinct(StringComparer.Ordinal).ToList())
                : rule is not null
                    ? new AuditDecision(name, type, content, rule.Result, rule.Label, rule.Score, Array.Empty<string>())
                    : new AuditDecision(name, type, content, "Pass", "Normal", 0, Array.Empty<string>());
        }

        audit.Decisions.Add(decision);
        return decision;
    }

    private static void WriteDecision(Utf8JsonWriter w, AuditDecision decision)
    {
        w.WriteString("Result", decision.Result);
        w.WriteNumber("Score", decision.Score);
        w.WriteString("Label", decision.Label);
        w.WriteStartArray("Keywords");
        foreach (var keyword in decision.Keywords)
        {
            w.WriteStringValue(keyword);
        }

        w.WriteEndArray();
    }

    private static string ContentType(ImCall call, JsonElement item, string path)
    {
        var type = call.RequiredString(item, "ContentType", path);
        return type is "Text" or "Image" or "Audio" or "Video" ? type : throw call.Invalid(path, "Text, Image, Audio or Video");
    }

    private static AuditKeywordLibrary Library(ImCall call)
    {
        var id = call.RequiredString("LibID");
        return call.State.Areas.Audit.FindLibrary(id) ?? throw call.Invalid("LibID", "no keyword library '" + id + "'");
    }

    // The body repeats the SDKAppID; another app's ID is refused like a wrong URL sdkappid (70020).
    private static void CheckSdkAppId(ImCall call)
    {
        if (call.OptionalInt64("SdkAppId") is { } id && id != call.Options.SdkAppId)
        {
            throw new ImCallException(EmulatorErrorCodes.SdkAppIdNotFound, "SdkAppId: not this app's SDKAppID");
        }
    }

    private static int Offset(ImCall call) => (int)Math.Clamp(call.OptionalInt64("Offset") ?? 0, 0, int.MaxValue);

    private static int Limit(ImCall call) => (int)Math.Clamp(call.OptionalInt64("Limit") ?? 100, 0, int.MaxValue);

    private static string Time(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
