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
}
