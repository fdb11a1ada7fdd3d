using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>The push service's scheduled tasks (timpush/*_sched_task) through the generated client.</summary>
public sealed class ScheduledPushTests
{
    [Fact]
    public async Task Scheduled_push_endpoints()
    {
        await using var t = await TestEmulator.StartAsync();
        await ScheduledPushAsync(t);
    }

    [EndpointScenario]
    internal static async Task ScheduledPushAsync(TestEmulator t)
    {
        var c = t.Client;
        var app = t.Emulator.Options.SdkAppId;
        using var content = JsonDocument.Parse("""{"From_Account":"administrator","OfflinePushInfo":{"Title":"Sale","Desc":"Tomorrow"}}""");
        var first = await c.AddScheduledPushTaskAsync(new AddScheduledPushTaskRequest { Sdkappid = app, Type = "All", SchedAt = "2030-01-02 03:04:05", Content = content.RootElement.Clone() });
        var second = await c.AddScheduledPushTaskAsync(new AddScheduledPushTaskRequest { Sdkappid = app, Type = "All", SchedAt = "2030-01-01 00:00:00", Content = content.RootElement.Clone() });
        Assert.NotEqual(first.TaskID, second.TaskID);

        var got = await c.GetScheduledPushTaskAsync(new GetScheduledPushTaskRequest { Sdkappid = app, TaskID = first.TaskID!.Value });
        Assert.Equal(("All", "2030-01-02 03:04:05", "Sale", "pending"), (got.TaskInfo!.Type, got.TaskInfo.SchedAt, got.TaskInfo.Title, got.TaskInfo.Status));

        var changeType = await Assert.ThrowsAsync<ImException>(() => c.ModifyScheduledPushTaskAsync(new ModifyScheduledPushTaskRequest { Sdkappid = app, TaskID = first.TaskID!.Value, Type = "Tag" }));
        Assert.Equal(90001, changeType.ErrorCode);
        await c.ModifyScheduledPushTaskAsync(new ModifyScheduledPushTaskRequest { Sdkappid = app, TaskID = first.TaskID!.Value, Type = "All", SchedAt = "2030-01-03 00:00:00" });
        Assert.Equal("2030-01-03 00:00:00", (await c.GetScheduledPushTaskAsync(new GetScheduledPushTaskRequest { Sdkappid = app, TaskID = first.TaskID!.Value })).TaskInfo!.SchedAt);

        var list = await c.ListScheduledPushTasksAsync(new ListScheduledPushTasksRequest { Sdkappid = app, Offset = 0, Want = 10, OrderBy = "schedAt", Asc = true, BeginTime = "2029-12-31 00:00:00", EndTime = "2030-12-31 00:00:00" });
        Assert.Equal(2, list.Total);
        Assert.Equal(new[] { second.TaskID, first.TaskID }, list.Tasks!.Select(x => x.TaskID));
        using var other2 = JsonDocument.Parse("""{"OfflinePushInfo":{"Title":"推送标题","Desc":"x"}}""");
        var third = await c.AddScheduledPushTaskAsync(new AddScheduledPushTaskRequest { Sdkappid = app, Type = "All", SchedAt = "2030-02-01 00:00:00", Content = other2.RootElement.Clone() });
        var byKeyword = await c.ListScheduledPushTasksAsync(new ListScheduledPushTasksRequest { Sdkappid = app, Offset = 0, Want = 10, OrderBy = "createAt", Asc = false, BeginTime = "2000-01-01 00:00:00", EndTime = "2099-01-01 00:00:00", Keyword = "推送" });
        Assert.Equal(third.TaskID, Assert.Single(byKeyword.Tasks!).TaskID);

        var other = await Assert.ThrowsAsync<ImException>(() => c.GetScheduledPushTaskAsync(new GetScheduledPushTaskRequest { Sdkappid = app + 1, TaskID = first.TaskID!.Value }));
        Assert.Equal(70020, other.ErrorCode);
    }
}
