using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>Runs that start other runs through the API: error workflows and sub-workflows, and the parent/child links.</summary>
public sealed class SubWorkflowApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    private async Task<JsonArray> ChildrenAsync(Guid executionId) =>
        (await _api.GetAsync($"/api/v1/executions/{executionId}/children")).ShouldHave(HttpStatusCode.OK).Data["items"]!.AsArray();

    private async Task<Guid> WaitForChildAsync(Guid parentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await ChildrenAsync(parentId)).FirstOrDefault() is { } child) return child["id"]!.GetValue<Guid>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Execution {parentId} started no child run.");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task A_failed_run_lists_its_error_workflow_run_as_a_child_with_the_failure_as_input()
    {
        var alertsId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Alerts"));
        var failing = TestWorkflows.Failing("Card declined");
        failing.Settings.ErrorWorkflowId = alertsId;
        var failingId = await _api.CreateWorkflowAsync(failing);

        var failedId = await _api.StartAsync(failingId);
        await _api.WaitForStatusAsync(failedId, "failed");
        var errorRunId = await WaitForChildAsync(failedId);
        var errorRun = await _api.WaitForStatusAsync(errorRunId, "completed", "failed");

        var child = (await ChildrenAsync(failedId)).Single()!;
        child["workflowId"]!.GetValue<Guid>().Should().Be(alertsId);
        child["parentExecutionId"]!.GetValue<Guid>().Should().Be(failedId);
        errorRun["execution"]!["parentExecutionId"]!.GetValue<Guid>().Should().Be(failedId);
        errorRun["execution"]!["mode"]!.GetValue<string>().Should().BeEquivalentTo("errorWorkflow");
        var input = errorRun["execution"]!["input"]!;
        input["execution"]!["id"]!.GetValue<string>().Should().Be(failedId.ToString());
        input["execution"]!["url"]!.GetValue<string>().Should().Be($"/executions/{failedId}");
        input["error"]!["message"]!.GetValue<string>().Should().Contain("Card declined");
        input["error"]!["nodeId"]!.GetValue<string>().Should().Be("fail");
    }

    [Fact]
    public async Task A_sub_workflow_run_returns_the_child_output_and_links_parent_and_child()
    {
        var childId = await _api.CreateWorkflowAsync(TestWorkflows.Chain("Price",
            TestWorkflows.Node("price", "transform", new JsonObject { ["fields"] = new JsonObject { ["total"] = "{{ $input.qty * 3 }}" } })));
        var parentId = await _api.CreateWorkflowAsync(TestWorkflows.Chain("Checkout",
            TestWorkflows.Node("call", "sub-workflow", new JsonObject { ["workflow"] = childId.ToString(), ["input"] = new JsonObject { ["qty"] = "{{ $input.qty }}" } }),
            TestWorkflows.Node("receipt", "transform", new JsonObject { ["fields"] = new JsonObject { ["charged"] = "{{ $json.total }}" } })));

        var runId = await _api.StartAsync(parentId, new { qty = 4 });
        var run = await _api.WaitForStatusAsync(runId, "completed", "failed");

        run["execution"]!["status"]!.GetValue<string>().Should().Be("completed", run.ToJsonString());
        run["execution"]!["output"]!["charged"]!.ToJsonString().Should().Be("12");
        var child = (await ChildrenAsync(runId)).Should().ContainSingle().Subject!;
        child["workflowId"]!.GetValue<Guid>().Should().Be(childId);
        child["status"]!.GetValue<string>().Should().Be("completed");
        child["mode"]!.GetValue<string>().Should().BeEquivalentTo("subWorkflow");
        var childRun = (await _api.GetAsync($"/api/v1/executions/{child["id"]}")).ShouldHave(HttpStatusCode.OK).Data;
        childRun["execution"]!["parentExecutionId"]!.GetValue<Guid>().Should().Be(runId);
        childRun["execution"]!["output"]!["total"]!.ToJsonString().Should().Be("12");
    }

    [Fact]
    public async Task Children_of_an_unknown_run_are_404()
    {
        var response = await _api.GetAsync($"/api/v1/executions/{Guid.NewGuid()}/children");

        response.ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
