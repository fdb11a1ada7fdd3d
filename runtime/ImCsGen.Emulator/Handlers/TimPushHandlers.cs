using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ImCsGen.Emulator.Http;
using ImCsGen.Emulator.State;

namespace ImCsGen.Emulator.Handlers;

/// <summary>
/// The push service's REST calls (timpush): a push to a list of users, recorded like an all-member push, and the revoke of
/// any recorded push task. Refusal codes from Tencent's push error code page (EmulatorErrorCodes.Push*).
/// </summary>
internal static class TimPushHandlers
{
    private const string BatchPath = "timpush/batch";

    // spec timpush/batch (prose): "The backend drops a duplicate MsgRandom only within one second."
    private static readonly TimeSpan ProseDuplicateWindow = TimeSpan.FromSeconds(1);

    // spec timpush/revoke (summary): a task can be stopped or overwritten "within 24 hours".
    private static readonly TimeSpan ProseRevokeWindow = TimeSpan.FromHours(24);

    public static void Batch(ImCall call)
    {
        var areas = call.State.Areas;
        var from = call.RequiredString("From_Account", userId: true);
        var to = call.RequiredUserIds("To_Account");
        var random = call.OptionalUInt32("MsgRandom") ?? throw new ImCallException(EmulatorErrorCodes.PushInvalidParameter, "MsgRandom: required (a uint32 used to drop duplicates)");
        if (!call.Body.TryGetProperty("OfflinePushInfo", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            throw call.Invalid("OfflinePushInfo", "required: the push content");
        }

        var now = call.NowSeconds;
        var window = (long)SpecRules.DeduplicationWindowOf(BatchPath, ProseDuplicateWindow).TotalSeconds;
        var duplicate = areas.Pushes.LastOrDefault(p => p.Kind == BatchPath && p.MsgRandom == random && string.Equals(p.From, from, StringComparison.Ordinal) && now - p.Time < window);
        if (duplicate is not null)
        {
            // The same call retried within the window: the first task answers, nothing is pushed twice.
            call.Writer.WriteString("TaskId", duplicate.TaskId);
            return;
        }

        var taskId = "emu-batch-" + (areas.NextTaskId++).ToString(CultureInfo.InvariantCulture);
        areas.Pushes.Add(new RecordedPush(taskId, from, random, now, "[]", null, 0, to)
        {
            Kind = BatchPath,
            OfflinePushInfoJson = info.GetRawText(),
            DataId = call.OptionalString("DataId"),
        });
        call.Writer.WriteString("TaskId", taskId);
    }

    public static void Revoke(ImCall call)
    {
        var taskId = call.RequiredString("TaskId");
        if (!call.Body.TryGetProperty("OfflinePushInfo", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            throw call.Invalid("OfflinePushInfo", "required: the offline push that overwrites the delivered one");
        }

        var push = call.State.Areas.Pushes.Find(p => string.Equals(p.TaskId, taskId, StringComparison.Ordinal))
            ?? throw new ImCallException(EmulatorErrorCodes.PushTaskNotFound, "TaskId: no push task '" + taskId + "'");
        if (push.Revoked)
        {
            throw new ImCallException(EmulatorErrorCodes.PushAlreadyRevoked, "TaskId: '" + taskId + "' was already revoked");
        }

        if (call.NowSeconds - push.Time > (long)ProseRevokeWindow.TotalSeconds)
        {
            throw new ImCallException(EmulatorErrorCodes.PushRevokeExpired, "TaskId: '" + taskId + "' is older than 24 hours");
        }

        push.Revoked = true;
        push.RevokeOfflinePushInfoJson = info.GetRawText();
    }

    // Scheduled tasks (timpush/*_sched_task). Times are YYYY-MM-DD HH:MM:SS in UTC (the spec's patterns check the form).
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static void AddScheduled(ImCall call)
    {
        CheckSdkAppId(call);
        var type = call.RequiredString("Type");
        var schedAt = Time(call, "SchedAt");
        var areas = call.State.Areas;
        var task = new ScheduledPush(areas.NextTaskId++, call.Now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture), type, schedAt, Content(call));
        areas.ScheduledPushes.Add(task);
        call.Writer.WriteNumber("TaskID", task.TaskId);
    }

    public static void ModifyScheduled(ImCall call)
    {
        CheckSdkAppId(call);
        var task = FindScheduled(call);
        if (!string.Equals(call.RequiredString("Type"), task.Type, StringComparison.Ordinal))
        {
            throw call.Invalid("Type", "must equal the task's type (" + task.Type + "); it cannot be changed");
        }

        // Fields left out are not changed (spec modify_sched_task).
        if (call.Has("SchedAt"))
        {
            task.SchedAt = Time(call, "SchedAt");
        }

        task.ContentJson = Content(call) ?? task.ContentJson;
    }

    public static void GetScheduled(ImCall call)
    {
        CheckSdkAppId(call);
        call.Writer.WritePropertyName("TaskInfo");
        WriteTask(call, FindScheduled(call));
    }

    public static void ListScheduled(ImCall call)
    {
        CheckSdkAppId(call);
        var offset = (int)Math.Clamp(call.RequiredInt64("Offset"), 0, int.MaxValue);
        var want = (int)Math.Clamp(call.RequiredInt64("Want"), 1, int.MaxValue);
        var bySchedule = string.Equals(call.RequiredString("OrderBy"), "schedAt", StringComparison.OrdinalIgnoreCase);
        var ascending = call.Body.TryGetProperty("Asc", out var asc) && asc.ValueKind == JsonValueKind.True;
        var begin = Time(call, "BeginTime");
        var end = Time(call, "EndTime");
        if (string.CompareOrdinal(begin, end) > 0)
        {
            throw call.Invalid("BeginTime", "must not be after EndTime");
        }

        var keyword = call.OptionalString("Keyword");

        // The range applies to the sort key (assumed: the page does not say which time it filters); the fixed-width
        // UTC format sorts and compares as text.
        string Key(ScheduledPush t) => bySchedule ? t.SchedAt : t.CreateAt;
        var matching = call.State.Areas.ScheduledPushes
            .Where(t => string.CompareOrdinal(Key(t), begin) >= 0 && string.CompareOrdinal(Key(t), end) <= 0)
            .Where(t => keyword is null || TitleAndDesc(t) is var (title, desc) && ((title ?? string.Empty).Contains(keyword, StringComparison.Ordinal) || (desc ?? string.Empty).Contains(keyword, StringComparison.Ordinal)))
            .ToList();
        var ordered = (ascending ? matching.OrderBy(Key, StringComparer.Ordinal) : matching.OrderByDescending(Key, StringComparer.Ordinal)).ThenBy(t => t.TaskId).ToList();
        call.Writer.WriteNumber("Total", ordered.Count);
        call.Writer.WriteStartArray("Tasks");
        foreach (var task in ordered.Skip(offset).Take(want))
        {
            WriteTask(call, task);
        }

        call.Writer.WriteEndArray();
    }

    private static void WriteTask(ImCall call, ScheduledPush task)
    {
        var w = call.Writer;
        w.WriteStartObject();
        w.WriteNumber("TaskID", task.TaskId);
        w.WriteNumber("Sdkappid", call.Options.SdkAppId);
        w.WriteString("CreateAt", task.CreateAt);
        w.WriteString("Type", task.Type);
        w.WriteString("SchedAt", task.SchedAt);
        if (task.ContentJson is not null)
        {
            w.WritePropertyName("Content");
            using var content = JsonDocument.Parse(task.ContentJson);
            content.RootElement.WriteTo(w);
        }

        var (title, desc) = TitleAndDesc(task);
        w.WriteString("Title", title ?? string.Empty);
        w.WriteString("Desc", desc ?? string.Empty);

        // Never run by the emulator: always pending, as in Tencent's example of a task not yet due.
        w.WriteString("Status", "pending");
        w.WriteNumber("DispatchSuccess", 0);
        w.WriteString("DispatchErr", string.Empty);
        w.WriteString("PushTaskID", string.Empty);
        w.WriteEndObject();
    }

    // The task's Title and Desc are its OfflinePushInfo's (as in Tencent's get_sched_task example).
    private static (string? Title, string? Desc) TitleAndDesc(ScheduledPush task)
    {
        if (task.ContentJson is null)
        {
            return (null, null);
        }

        using var content = JsonDocument.Parse(task.ContentJson);
        if (content.RootElement.ValueKind != JsonValueKind.Object || !content.RootElement.TryGetProperty("OfflinePushInfo", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        return (info.TryGetProperty("Title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            info.TryGetProperty("Desc", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
    }

    private static ScheduledPush FindScheduled(ImCall call)
    {
        var id = call.RequiredInt64("TaskID");
        return call.State.Areas.ScheduledPushes.Find(t => t.TaskId == id)
            ?? throw call.Invalid("TaskID", "no scheduled task " + id.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Content(ImCall call)
        => call.Body.TryGetProperty("Content", out var content) && content.ValueKind != JsonValueKind.Null ? content.GetRawText() : null;

    private static string Time(ImCall call, string field)
    {
        var text = call.RequiredString(field);
        return DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? text
            : throw call.Invalid(field, "YYYY-MM-DD HH:MM:SS (UTC)");
    }

    // The body's Sdkappid must equal the URL's (spec): another app's ID is refused like a wrong URL sdkappid (70020).
    private static void CheckSdkAppId(ImCall call)
    {
        if (call.RequiredInt64("Sdkappid") != call.Options.SdkAppId)
        {
            throw new ImCallException(EmulatorErrorCodes.SdkAppIdNotFound, "Sdkappid: not this app's SDKAppID");
        }
    }
}
