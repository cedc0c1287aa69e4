using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary><c>POST /executions/{id}/compensate</c>: rolls back a failed run; 404 for an unknown run, 409 with the reason otherwise.</summary>
public sealed class CompensationApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    /// <summary>Charge (undone by Refund) → Fail; the workflow compensates only on demand.</summary>
    private static WorkflowDefinition Saga()
    {
        var charge = TestWorkflows.Node("charge", "transform", new JsonObject { ["fields"] = new JsonObject { ["paid"] = true } });
        charge.Policy.Compensate = true;
        var workflow = TestWorkflows.Chain("Saga", charge, TestWorkflows.Node("fail", "fail", new JsonObject { ["message"] = "Out of stock" }));
        workflow.Nodes.Add(TestWorkflows.Node("refund", "log", new JsonObject { ["message"] = "refund {{ $compensating.output.paid }} {{ $compensating.key }}" }));
        workflow.Connections.Add(new Connection("charge", "compensate", "refund"));
        workflow.Settings.Compensation = CompensationTrigger.Manual;
        return workflow;
    }

    [Fact]
    public async Task A_failed_run_is_compensated_on_demand_and_ends_compensated_with_its_original_error()
    {
        var executionId = await _api.StartAsync(await _api.CreateWorkflowAsync(Saga()));
        await _api.WaitForStatusAsync(executionId, "failed");

        var started = (await _api.PostAsync($"/api/v1/executions/{executionId}/compensate")).ShouldHave(HttpStatusCode.OK).Data;
        started["status"]!.GetValue<string>().Should().Be("running");
        var done = await _api.WaitForStatusAsync(executionId, "compensated", "compensationFailed");

        done["execution"]!["status"]!.GetValue<string>().Should().Be("compensated");
        done["execution"]!["error"]!["message"]!.GetValue<string>().Should().Contain("Out of stock");
        var rollback = done["activations"]!.AsArray().Where(a => a!["compensation"]!.GetValue<bool>()).Select(a => a!["nodeId"]!.GetValue<string>());
        rollback.Should().Equal("refund", "charge");
        var filtered = (await _api.GetAsync("/api/v1/executions?status=compensated")).ShouldHave(HttpStatusCode.OK).Data;
        filtered.ToJsonString().Should().Contain(executionId.ToString());
    }

    [Fact]
    public async Task Compensating_a_completed_run_is_a_409_that_names_the_status_and_the_command()
    {
        var executionId = await _api.StartAsync(await _api.CreateWorkflowAsync(TestWorkflows.Hello("Compensate a completed run")));
        await _api.WaitForStatusAsync(executionId, "completed");

        var problem = (await _api.PostAsync($"/api/v1/executions/{executionId}/compensate")).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.Json["currentStatus"]!.GetValue<string>().Should().Be("completed");
        problem.Json["command"]!.GetValue<string>().Should().Be("compensate");
        problem.Json["detail"]!.GetValue<string>().Should().Contain("only a failed, cancelled or compensationFailed run can be compensated");
    }

    [Fact]
    public async Task Compensating_a_failed_run_with_nothing_to_undo_is_a_409_and_an_unknown_run_a_404()
    {
        var executionId = await _api.StartAsync(await _api.CreateWorkflowAsync(TestWorkflows.Failing("No saga here")));
        await _api.WaitForStatusAsync(executionId, "failed");

        (await _api.PostAsync($"/api/v1/executions/{executionId}/compensate")).ShouldBeProblem(HttpStatusCode.Conflict)
            .Json["detail"]!.GetValue<string>().Should().Contain("none of its completed nodes has a compensating path");
        (await _api.PostAsync($"/api/v1/executions/{Guid.NewGuid()}/compensate")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
