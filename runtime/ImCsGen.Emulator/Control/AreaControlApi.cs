using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.State;
using Microsoft.AspNetCore.Routing;

namespace ImCsGen.Emulator.Control;

/// <summary>
/// Control API of the smaller areas: the pushes made (with their targeting) and cloud moderation's libraries and rules,
/// which Tencent sets in its console rather than through REST.
/// </summary>
internal static class AreaControlApi
{
    public static void Map(IEndpointRouteBuilder app, ImEmulator emulator)
    {
        ControlApi.Get(app, "/_emulator/pushes", (_, w) =>
        {
            lock (emulator.State.Sync)
            {
                w.WriteStartArray("pushes");
                foreach (var push in emulator.State.Areas.Pushes)
                {
                    WritePush(w, push);
                }

                w.WriteEndArray();
            }

            return Task.CompletedTask;
        });

        ControlApi.Get(app, "/_emulator/audit", (_, w) =>
        {
            lock (emulator.State.Sync)
            {
                var audit = emulator.State.Areas.Audit;
                w.WriteStartArray("libraries");
                foreach (var library in audit.Libraries)
                {
                    w.WriteStartObject();
                    w.WriteString("id", library.Id);
                    w.WriteString("name", library.Name);
                    w.WriteString("suggestion", library.Suggestion);
                    w.WriteNumber("keywords", library.Keywords.Count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("rules");
                foreach (var rule in audit.Rules)
                {
                    WriteRule(w, rule);
                }

                w.WriteEndArray();
                w.WriteStartArray("decisions");
                foreach (var d in audit.Decisions)
                {
                    w.WriteStartObject();
                    w.WriteString("auditName", d.AuditName);
                    w.WriteString("contentType", d.ContentType);
                    w.WriteString("content", d.Content);
                    w.WriteString("result", d.Result);
                    w.WriteString("label", d.Label);
                    w.WriteNumber("score", d.Score);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            return Task.CompletedTask;
        });

        ControlApi.Post(app, "/_emulator/audit/libraries", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var id = Text(root, "id") ?? Guid.NewGuid().ToString("D");
            var suggestion = Text(root, "suggestion") ?? "Block";
            CheckResult(suggestion, "suggestion");
            lock (emulator.State.Sync)
            {
                var audit = emulator.State.Areas.Audit;
                if (audit.FindLibrary(id) is not null)
                {
                    throw new ArgumentException("id: a library '" + id + "' exists");
                }

                var created = emulator.Options.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000 UTC";
                audit.Libraries.Add(new AuditKeywordLibrary(id, Text(root, "name") ?? id, suggestion, created));
            }

            w.WriteString("id", id);
        });

        ControlApi.Post(app, "/_emulator/audit/rules", async (context, w) =>
        {
            using var body = await ControlApi.ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var contains = Text(root, "contains") ?? throw new ArgumentException("contains: required (the substring the rule matches)");
            var result = Text(root, "result") ?? "Block";
            CheckResult(result, "result");
            var type = Text(root, "contentType");
            if (type is not null and not ("Text" or "Image" or "Audio" or "Video"))
            {
                throw new ArgumentException("contentType: Text, Image, Audio or Video");
            }

            var score = root.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : result == "Pass" ? 0 : 90;
            var rule = new AuditRule(contains, result, Text(root, "label") ?? (result == "Pass" ? "Normal" : "Illegal"), score, type);
            lock (emulator.State.Sync)
            {
                emulator.State.Areas.Audit.Rules.Add(rule);
            }

            w.WritePropertyName("rule");
            WriteRule(w, rule);
        });
    }

    private static void WritePush(Utf8JsonWriter w, RecordedPush push)
    {
        w.WriteStartObject();
        w.WriteString("taskId", push.TaskId);
        w.WriteString("kind", push.Kind);
        w.WriteString("from", push.From);
        w.WriteNumber("msgRandom", push.MsgRandom);
        w.WriteNumber("time", push.Time);
        w.WritePropertyName("condition");
        WriteRawOrNull(w, push.ConditionJson);
        w.WritePropertyName("msgBody");
        WriteRawOrNull(w, push.Kind == "all_member_push" ? push.MsgBodyJson : null);
        w.WritePropertyName("offlinePushInfo");
        WriteRawOrNull(w, push.OfflinePushInfoJson);
        w.WriteString("dataId", push.DataId);
        w.WriteNumber("msgLifeTime", push.MsgLifeTime);
        w.WriteStartArray("recipients");
        foreach (var user in push.Recipients)
        {
            w.WriteStringValue(user);
        }

        w.WriteEndArray();
        w.WriteBoolean("revoked", push.Revoked);
        w.WritePropertyName("revokeOfflinePushInfo");
        WriteRawOrNull(w, push.RevokeOfflinePushInfoJson);
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, AuditRule rule)
    {
        w.WriteStartObject();
        w.WriteString("contains", rule.Contains);
        w.WriteString("result", rule.Result);
        w.WriteString("label", rule.Label);
        w.WriteNumber("score", rule.Score);
        w.WriteString("contentType", rule.ContentType);
        w.WriteEndObject();
    }

    private static void WriteRawOrNull(Utf8JsonWriter w, string? json)
    {
        if (json is null)
        {
            w.WriteNullValue();
            return;
        }

        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(w);
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static void CheckResult(string value, string field)
    {
        if (!new[] { "Pass", "Review", "Block" }.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException(field + ": Pass, Review or Block");
        }
    }
}
