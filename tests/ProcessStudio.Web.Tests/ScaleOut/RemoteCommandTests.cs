using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Hooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>
/// Pause, resume, cancel and approvals sent to one instance for a run that the other instance is stepping: they take
/// effect there and the caller gets the real answer (200, or 409 with the reason). A command for a run whose instance
/// died is applied by the instance that takes the run over. A webhook waiting on one instance gets the Respond node's
/// answer from a run that continued on the other.
/// </summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class RemoteCommandTests(TwoAppProcesses instances) : IClassFixture<TwoAppProcesses>
{
    private const int CallDelayMs = 400;

    [PostgresFact]
    public async Task Pause_resume_and_cancel_sent_to_the_other_instance_take_effect_on_the_run_it_steps()
    {
        var workflowId = await instances.A.Api.CreateWorkflowAsync(SlowCalls(40));
        var run = await instances.B.Api.StartAsync(workflowId);
        var driver = await instances.DriverAsync(run, instances.A, instances.B);

        var paused = await Other(driver).Api.PostAsync($"/api/v1/executions/{run}/pause");

        paused.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("paused");
        var resumed = await Other(driver).Api.PostAsync($"/api/v1/executions/{run}/resume");
        resumed.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("running");

        driver = await instances.DriverAsync(run, instances.A, instances.B);
        var cancelled = await Other(driver).Api.PostAsync($"/api/v1/executions/{run}/cancel");

        cancelled.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("cancelled");
        (await driver.Api.WaitForStatusAsync(run, "cancelled"))["execution"]!["status"]!.GetValue<string>().Should().Be("cancelled");
        var again = await Other(driver).Api.PostAsync($"/api/v1/executions/{run}/cancel");
        again.ShouldBeProblem(HttpStatusCode.Conflict);
        (await instances.Database.ScalarAsync("SELECT COUNT(*) FROM \"RunCommands\"")).Should().Be(0, "each sender deleted its command once answered");
    }

    [PostgresFact]
    public async Task An_approval_sent_to_the_other_instance_reaches_the_run_it_steps_and_a_second_decision_is_refused()
    {
        var workflowId = await instances.A.Api.CreateWorkflowAsync(ApprovalBesideSlowCalls());
        var run = await instances.B.Api.StartAsync(workflowId);
        var driver = await instances.DriverAsync(run, instances.A, instances.B);
        var other = Other(driver);
        await WaitUntilAsync(async () => (await other.Api.GetAsync($"/api/v1/executions/{run}/approvals")).Data.AsArray().Count == 1);

        var decided = await other.Api.PostAsync($"/api/v1/executions/{run}/approvals/approve", new { decision = "approve", comment = "ok" });

        decided.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("running", "the other branch still steps");
        var twice = await other.Api.PostAsync($"/api/v1/executions/{run}/approvals/approve", new { decision = "reject" });
        twice.ShouldBeProblem(HttpStatusCode.Conflict).Json["currentStatus"]!.GetValue<string>().Should().Be("running");
        await driver.Api.WaitForExecutionAsync(run, d => d["execution"]!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60));
        (await driver.Api.GetAsync($"/api/v1/executions/{run}/logs")).Body.Should().Contain("paid: approve");
        instances.Server.Calls.Count(c => c.Run == run.ToString()).Should().Be(10,
            "the signal reached the live run: no step of it was refused, stopped and run again elsewhere");
    }

    [PostgresFact]
    public async Task A_cancel_for_a_run_whose_instance_died_is_applied_by_the_instance_that_takes_it_over()
    {
        var workflowId = await instances.A.Api.CreateWorkflowAsync(SlowCalls(60));
        await using var doomed = await instances.StartAsync("doomed");
        var run = await StartDrivenByAsync(doomed, workflowId);

        doomed.Kill();
        var cancelled = await instances.A.Api.PostAsync($"/api/v1/executions/{run}/cancel");

        cancelled.ShouldHave(HttpStatusCode.OK).Data["status"]!.GetValue<string>().Should().Be("cancelled");
        var calls = instances.Server.Calls.Count(c => c.Run == run.ToString());
        await Task.Delay(CallDelayMs * 3);
        instances.Server.Calls.Count(c => c.Run == run.ToString()).Should().Be(calls, "nothing drives the cancelled run");
    }

    [PostgresFact]
    public async Task A_webhook_waiting_on_one_instance_gets_the_respond_answer_of_the_run_continued_on_the_other()
    {
        var flow = HookFixture.Flow("Respond elsewhere", new { path = "respond-elsewhere", responseMode = "wait", responseTimeout = "60s" },
            TestWorkflows.Node("approve", "wait-for-approval", new JsonObject { ["title"] = "Ship {{ $json.body.id }}" }));
        flow.Nodes.Add(TestWorkflows.Node("respond", "respond", new JsonObject
        {
            ["status"] = 201,
            ["headers"] = new JsonObject { ["X-Order"] = "{{ $input.body.id }}" },
            ["body"] = new JsonObject { ["shipped"] = "{{ $input.body.id }}", ["by"] = "{{ $json.by }}" },
        }));
        flow.Connections.Add(new Connection("approve", "approved", "respond"));
        var workflowId = await instances.A.Api.CreateWorkflowAsync(flow);

        var answer = instances.A.Api.Http.SendAsync(HookFixture.Request(HttpMethod.Post, "respond-elsewhere", """{"id":"A-9"}"""));
        var run = await WaitingRunAsync(workflowId);
        (await instances.B.Api.PostAsync($"/api/v1/executions/{run}/approvals/approve", new { decision = "approve" })).ShouldHave(HttpStatusCode.OK);

        using var response = await answer;
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.GetValues("X-Order").Should().Equal("A-9");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"shipped\":\"A-9\"");
    }

    private AppProcess Other(AppProcess driver) => driver == instances.A ? instances.B : instances.A;

    /// <summary>Starts a run on <paramref name="instance"/> until that instance is the one driving it (an idle one may claim a new run first).</summary>
    private async Task<Guid> StartDrivenByAsync(AppProcess instance, Guid workflowId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var run = await instance.Api.StartAsync(workflowId);
            if (await instances.DriverAsync(run, instance, instances.A, instances.B) == instance) return run;
            attempt.Should().BeLessThan(5, "the starting instance usually drives its own run");
            await instances.A.Api.PostAsync($"/api/v1/executions/{run}/cancel");
        }
    }

    private async Task<Guid> WaitingRunAsync(Guid workflowId)
    {
        Guid? run = null;
        await WaitUntilAsync(async () =>
        {
            var page = (await instances.A.Api.GetAsync($"/api/v1/executions?workflowId={workflowId}&status=waiting")).ShouldHave(HttpStatusCode.OK);
            var first = page.Data["items"]!.AsArray().FirstOrDefault();
            run = first is null ? null : Guid.Parse(first["id"]!.GetValue<string>());
            return run is not null;
        });
        return run!.Value;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in 30 s.");
            await Task.Delay(50);
        }
    }

    private WorkflowDefinition SlowCalls(int count) =>
        TestWorkflows.HttpSteps([.. Enumerable.Repeat($"{instances.Server.BaseUrl}/call?run={{{{ $execution.id }}}}&delayMs={CallDelayMs}", count)], "Slow calls");

    /// <summary>The manual trigger starts two branches: an approval ("approve" → "paid") and ten slow calls that keep the run stepping.</summary>
    private WorkflowDefinition ApprovalBesideSlowCalls()
    {
        var workflow = SlowCalls(10);
        workflow.Nodes.Add(TestWorkflows.Node("approve", "wait-for-approval", new JsonObject { ["title"] = "Go on?" }));
        workflow.Nodes.Add(TestWorkflows.Node("paid", "log", new JsonObject { ["message"] = "paid: {{ $json.decision }}" }));
        workflow.Connections.Add(new Connection("start", "out", "approve"));
        workflow.Connections.Add(new Connection("approve", "approved", "paid"));
        return workflow;
    }
}
