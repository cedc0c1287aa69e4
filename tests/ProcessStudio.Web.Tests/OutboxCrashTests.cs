using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>
/// The real executable killed with SIGKILL right after final commits, before any reaction (the test hook turns the
/// outbox dispatcher off), then started again normally over the same database: every reaction happens, once.
/// </summary>
public sealed class OutboxCrashTests
{
    private static readonly Dictionary<string, string> DiesAfterCommit = new() { ["ProcessStudio:Engine:Outbox:DispatchEnabled"] = "false" };

    [Fact]
    public async Task After_a_kill_between_final_commits_and_reactions_the_restart_wakes_the_parent_cancels_children_and_starts_the_error_workflow_once()
    {
        using var folder = new TempFolder();
        Guid failedId, waitingParentId, cancelledParentId, orphanId;

        await using (var doomed = await AppProcess.StartAsync(folder.Path, DiesAfterCommit))
        {
            var api = doomed.Api;
            var alerts = await api.CreateWorkflowAsync(TestWorkflows.Hello("Alerts"));
            var failing = TestWorkflows.Failing("Card declined");
            failing.Settings.ErrorWorkflowId = alerts;
            var quickChild = await api.CreateWorkflowAsync(TestWorkflows.Delays(1, "200ms", "Quick child"));
            var slowChild = await api.CreateWorkflowAsync(TestWorkflows.Delays(1, "5m", "Slow child"));

            failedId = await api.StartAsync(await api.CreateWorkflowAsync(failing));
            waitingParentId = await api.StartAsync(await api.CreateWorkflowAsync(Calling(quickChild, "Waits for quick child")));
            cancelledParentId = await api.StartAsync(await api.CreateWorkflowAsync(Calling(slowChild, "Cancelled parent")));

            await api.WaitForStatusAsync(failedId, "failed");
            var quickRun = await WaitForChildAsync(api, waitingParentId);
            await api.WaitForStatusAsync(quickRun, "completed");
            orphanId = await WaitForChildAsync(api, cancelledParentId);
            await api.WaitForStatusAsync(orphanId, "running");
            (await api.PostAsync($"/api/v1/executions/{cancelledParentId}/cancel")).ShouldHave(HttpStatusCode.OK);

            // What the crash leaves: the commits are there, none of their reactions happened.
            (await ChildrenAsync(api, failedId)).Should().BeEmpty(doomed.Output);
            (await api.WaitForStatusAsync(waitingParentId, "waiting"))["execution"]!["status"]!.GetValue<string>().Should().Be("waiting");
            (await StatusAsync(api, orphanId)).Should().Be("running");
            doomed.Kill();
        }

        await using var restarted = await AppProcess.StartAsync(folder.Path);
        var after = restarted.Api;
        var errorRun = (await WaitForChildAsync(after, failedId));
        (await after.WaitForStatusAsync(errorRun, "completed", "failed"))["execution"]!["mode"]!.GetValue<string>().Should().BeEquivalentTo("errorWorkflow");
        // Well inside the minute after which the parked parent would re-check its child by itself.
        await after.WaitForExecutionAsync(waitingParentId, d => d["execution"]!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(20));
        (await after.WaitForStatusAsync(orphanId, "cancelled", "completed", "failed"))["execution"]!["status"]!.GetValue<string>().Should().Be("cancelled");

        await Task.Delay(TimeSpan.FromSeconds(1));   // a second delivery, if there were one, would have happened by now
        (await ChildrenAsync(after, failedId)).Should().ContainSingle("the error workflow starts once", restarted.Output);
        (await after.GetAsync($"/api/v1/outbox?state=failed")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray().Should().BeEmpty();
    }

    private static Engine.Model.WorkflowDefinition Calling(Guid child, string name) => TestWorkflows.Chain(name,
        TestWorkflows.Node("call", "sub-workflow", new JsonObject { ["workflow"] = child.ToString() }));

    private static async Task<JsonArray> ChildrenAsync(ApiClient api, Guid executionId) =>
        (await api.GetAsync($"/api/v1/executions/{executionId}/children")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray();

    private static async Task<string> StatusAsync(ApiClient api, Guid executionId) =>
        (await api.GetAsync($"/api/v1/executions/{executionId}")).ShouldHave(HttpStatusCode.OK).Data["execution"]!["status"]!.GetValue<string>();

    private static async Task<Guid> WaitForChildAsync(ApiClient api, Guid parentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await ChildrenAsync(api, parentId)).FirstOrDefault() is { } child) return child["id"]!.GetValue<Guid>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Execution {parentId} started no child run.");
            await Task.Delay(50);
        }
    }
}
