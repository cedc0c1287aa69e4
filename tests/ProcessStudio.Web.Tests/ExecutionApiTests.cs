using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

public sealed class ExecutionApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task A_started_run_completes_and_shows_every_node_succeeded_with_its_output()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Run detail"));

        var executionId = await _api.StartAsync(workflowId, new { name = "Ada" });
        var detail = await _api.WaitForStatusAsync(executionId, "completed", "failed");

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        detail["execution"]!["mode"]!.GetValue<string>().Should().Be("api");
        detail["execution"]!["workflowVersion"]!.GetValue<int>().Should().Be(1);
        detail["nodes"]!.AsArray().Select(n => n!["status"]!.GetValue<string>()).Should().AllBe("succeeded");
        detail["activations"]!.AsArray().Should().Contain(a => a!["nodeId"]!.GetValue<string>() == "greet"
            && a["output"]!.ToJsonString().Contains("Hello Ada"));
    }

    [Fact]
    public async Task Logs_can_be_filtered_by_node_and_text()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Run logs"));
        var executionId = await _api.StartAsync(workflowId, new { name = "Grace" });
        await _api.WaitForStatusAsync(executionId, "completed", "failed");

        var all = (await _api.GetAsync($"/api/v1/executions/{executionId}/logs")).ShouldHave(HttpStatusCode.OK);
        var byNodeAndText = (await _api.GetAsync($"/api/v1/executions/{executionId}/logs?nodeId=log&search=Grace&limit=1000")).ShouldHave(HttpStatusCode.OK);

        all.Data["items"]!.AsArray().Count.Should().BeGreaterThan(byNodeAndText.Data["items"]!.AsArray().Count);
        byNodeAndText.Data["items"]!.AsArray().Should().NotBeEmpty()
            .And.OnlyContain(l => l!["nodeId"]!.GetValue<string>() == "log" && l["message"]!.GetValue<string>().Contains("Grace"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("level=loud", "level")]
    [InlineData("afterId=-1", "afterId")]
    public async Task Bad_log_query_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello($"Log params {field}"));
        var executionId = await _api.StartAsync(workflowId);

        var response = await _api.GetAsync($"/api/v1/executions/{executionId}/logs?{query}");

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().Equal(field);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("offset=-5", "offset")]
    [InlineData("status=exploded", "status")]
    [InlineData("workflowId=not-a-guid", "workflowId")]
    [InlineData("from=yesterday", "from")]
    [InlineData("sortBy=color", "sortBy")]
    public async Task Bad_list_query_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var response = await _api.GetAsync($"/api/v1/executions?{query}");

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().Equal(field);
    }

    [Fact]
    public async Task List_filters_by_workflow_and_status_and_pages()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("List filter"));
        var failingId = await _api.CreateWorkflowAsync(TestWorkflows.Failing());
        var ok = new[] { await _api.StartAsync(workflowId), await _api.StartAsync(workflowId), await _api.StartAsync(workflowId) };
        var failed = await _api.StartAsync(failingId);
        foreach (var id in ok.Append(failed))
            await _api.WaitForStatusAsync(id, "completed", "failed");

        var page = (await _api.GetAsync($"/api/v1/executions?workflowId={workflowId}&status=completed&limit=2&offset=0")).ShouldHave(HttpStatusCode.OK);
        var failures = (await _api.GetAsync($"/api/v1/executions?status=failed,cancelled&workflowId={failingId}")).ShouldHave(HttpStatusCode.OK);

        page.Data["total"]!.GetValue<int>().Should().Be(3);
        page.Data["items"]!.AsArray().Should().HaveCount(2);
        failures.Data["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Should().Equal(failed);
        failures.Data["items"]![0]!["error"]!["message"]!.GetValue<string>().Should().Contain("Boom");
    }

    [Fact]
    public async Task Starting_needs_a_workflow_id_and_an_existing_workflow()
    {
        var missing = await _api.PostAsync("/api/v1/executions", new { input = new { } });
        var unknown = await _api.PostAsync("/api/v1/executions", new { workflowId = Guid.NewGuid() });
        var malformed = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/executions", """{ "workflowId": 42 }""");

        missing.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("workflowId");
        unknown.ShouldBeProblem(HttpStatusCode.NotFound);
        malformed.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("$.workflowId");
    }

    [Fact]
    public async Task Starting_a_pinned_version_runs_that_version()
    {
        var workflow = TestWorkflows.Hello("Pinned");
        var workflowId = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = workflowId;
        (await _api.PutAsync($"/api/v1/workflows/{workflowId}", workflow)).ShouldHave(HttpStatusCode.OK);

        var pinned = (await _api.PostAsync("/api/v1/executions", new { workflowId, version = 1 })).ShouldHave(HttpStatusCode.Created);
        var zero = await _api.PostAsync("/api/v1/executions", new { workflowId, version = 0 });
        var missing = await _api.PostAsync("/api/v1/executions", new { workflowId, version = 9 });

        pinned.Data["workflowVersion"]!.GetValue<int>().Should().Be(1);
        zero.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("version");
        missing.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Breakpoints_must_name_nodes_of_the_workflow()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Bad breakpoint"));

        var response = await _api.PostAsync("/api/v1/executions", new { workflowId, breakpoints = new[] { "log", "nowhere" } });

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("breakpoints[1]");
    }

    [Fact]
    public async Task A_breakpoint_pauses_before_the_node_and_step_runs_exactly_that_node()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Breakpoint"));
        var executionId = await _api.StartAsync(workflowId, new { name = "Bea" }, breakpoints: ["log"]);

        var paused = await _api.WaitForStatusAsync(executionId, "paused", "completed", "failed");
        NodeStatus(paused, "greet").Should().Be("succeeded");
        NodeStatus(paused, "log").Should().NotBe("succeeded");

        (await _api.PostAsync($"/api/v1/executions/{executionId}/step")).ShouldHave(HttpStatusCode.OK);
        var done = await _api.WaitForExecutionAsync(executionId, d => NodeStatus(d, "log") == "succeeded");

        done["execution"]!["status"]!.GetValue<string>().Should().BeOneOf("paused", "completed");
    }

    [Fact]
    public async Task Metrics_count_activations_and_attempts_per_node()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Metrics"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "completed", "failed");

        var metrics = (await _api.GetAsync($"/api/v1/executions/{executionId}/metrics")).ShouldHave(HttpStatusCode.OK);

        metrics.Data["activations"]!.GetValue<int>().Should().Be(3);
        metrics.Data["nodes"]!.AsArray().Should().HaveCount(3)
            .And.OnlyContain(n => n!["activations"]!.GetValue<int>() == 1 && n["succeeded"]!.GetValue<int>() == 1 && n["attempts"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task A_node_that_ran_once_and_was_skipped_twice_shows_one_activation_in_the_detail_and_the_metrics()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.RunsOnceSkipsTwice());
        var executionId = await _api.StartAsync(workflowId);
        var detail = await _api.WaitForStatusAsync(executionId, "completed", "failed");

        var metrics = (await _api.GetAsync($"/api/v1/executions/{executionId}/metrics")).ShouldHave(HttpStatusCode.OK);

        detail["execution"]!["status"]!.GetValue<string>().Should().Be("completed", detail.ToJsonString());
        detail["activations"]!.AsArray().Count(a => a!["nodeId"]!.GetValue<string>() == "work").Should().Be(3, "one run and two skips are recorded");
        detail["nodes"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == "work")!["activations"]!.GetValue<int>().Should().Be(1);
        var work = metrics.Data["nodes"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == "work")!;
        work["activations"]!.GetValue<int>().Should().Be(1);
        work["skipped"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Memory_of_a_paused_run_holds_its_variables()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Memory"));
        var executionId = await _api.StartAsync(workflowId, new { name = "Mem" }, breakpoints: ["log"]);
        await _api.WaitForStatusAsync(executionId, "paused");

        var memory = (await _api.GetAsync($"/api/v1/executions/{executionId}/memory")).ShouldHave(HttpStatusCode.OK);

        memory.Data["memory"]!.ToJsonString().Should().Contain("Hello Mem");
        await _api.PostAsync($"/api/v1/executions/{executionId}/cancel");
    }

    [Fact]
    public async Task Retry_from_start_creates_a_new_run_that_records_what_it_retries()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("retry me"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");

        var retry = (await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromStart" })).ShouldHave(HttpStatusCode.Created);

        retry.Data["retryOf"]!.GetValue<Guid>().Should().Be(executionId);
        retry.Data["id"]!.GetValue<Guid>().Should().NotBe(executionId);
    }

    [Fact]
    public async Task Retry_from_node_needs_a_node_id()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("no node"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");

        var response = await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromNode" });

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("nodeId");
    }

    [Fact]
    public async Task Retry_from_a_node_that_never_ran_is_a_400_naming_the_node_id()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("never ran"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");

        var response = await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromNode", nodeId = "ghost" });

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("nodeId");
    }

    [Fact]
    public async Task Retry_from_the_failed_node_reruns_only_that_node()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("again"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");

        var retry = (await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromFailedNode" })).ShouldHave(HttpStatusCode.Created);
        var retryId = retry.Data["id"]!.GetValue<Guid>();
        var detail = await _api.WaitForStatusAsync(retryId, "failed", "completed");

        retry.Data["retryOf"]!.GetValue<Guid>().Should().Be(executionId);
        detail["activations"]!.AsArray().Select(a => a!["nodeId"]!.GetValue<string>()).Should().Equal("fail");
    }

    [Fact]
    public async Task Retry_on_the_current_version_runs_the_fix_saved_since_and_the_default_keeps_the_original()
    {
        var workflow = TestWorkflows.Failing("v1 fails");
        var workflowId = await _api.CreateWorkflowAsync(workflow);
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");
        workflow.Id = workflowId;
        workflow.FindNode("fail")!.Settings["message"] = "v2 fails differently";
        (await _api.PutAsync($"/api/v1/workflows/{workflowId}", workflow)).ShouldHave(HttpStatusCode.OK);

        var onCurrent = (await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromFailedNode", version = "current" })).ShouldHave(HttpStatusCode.Created);
        var onOriginal = (await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromFailedNode" })).ShouldHave(HttpStatusCode.Created);

        onCurrent.Data["workflowVersion"]!.GetValue<int>().Should().Be(2);
        (await _api.WaitForStatusAsync(onCurrent.Data["id"]!.GetValue<Guid>(), "failed"))["execution"]!.ToJsonString().Should().Contain("v2 fails differently");
        onOriginal.Data["workflowVersion"]!.GetValue<int>().Should().Be(1);
        (await _api.WaitForStatusAsync(onOriginal.Data["id"]!.GetValue<Guid>(), "failed"))["execution"]!.ToJsonString().Should().Contain("v1 fails");
    }

    [Fact]
    public async Task Retry_with_an_unknown_version_choice_is_a_400_naming_the_field()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("bad version"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "failed");

        var response = await _api.PostAsync($"/api/v1/executions/{executionId}/retry", new { mode = "fromStart", version = "newest" });

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain(f => f.Contains("version"));
    }

    [Fact]
    public async Task Delete_removes_a_finished_run_but_refuses_an_active_one()
    {
        var helloId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Delete runs"));
        var slowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(1, "30s", "Delete active"));
        var finished = await _api.StartAsync(helloId);
        await _api.WaitForStatusAsync(finished, "completed");
        var active = await _api.StartAsync(slowId);

        (await _api.DeleteAsync($"/api/v1/executions/{finished}")).ShouldHave(HttpStatusCode.OK);
        (await _api.DeleteAsync($"/api/v1/executions/{active}")).ShouldBeProblem(HttpStatusCode.Conflict);

        (await _api.GetAsync($"/api/v1/executions/{finished}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await _api.PostAsync($"/api/v1/executions/{active}/cancel")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bulk_cancel_and_delete_report_per_id()
    {
        var slowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(1, "30s", "Bulk"));
        var runs = new[] { await _api.StartAsync(slowId), await _api.StartAsync(slowId) };
        var unknown = Guid.NewGuid();

        var cancelled = (await _api.PostAsync("/api/v1/executions/bulk/cancel", new { ids = runs.Append(unknown) })).ShouldHave(HttpStatusCode.OK);
        foreach (var run in runs)
            await _api.WaitForStatusAsync(run, "cancelled");
        var deleted = (await _api.PostAsync("/api/v1/executions/bulk/delete", new { ids = runs })).ShouldHave(HttpStatusCode.OK);

        cancelled.Data["succeeded"]!.GetValue<int>().Should().Be(2);
        cancelled.Data["results"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == unknown)!["status"]!.GetValue<int>().Should().Be(404);
        deleted.Data["succeeded"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Bulk_commands_need_ids()
    {
        var response = await _api.PostAsync("/api/v1/executions/bulk/cancel", new { ids = Array.Empty<Guid>() });

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("ids");
    }

    [Fact]
    public async Task Statistics_count_runs_by_status_for_a_workflow()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Stats"));
        var runs = new[] { await _api.StartAsync(workflowId), await _api.StartAsync(workflowId) };
        foreach (var run in runs)
            await _api.WaitForStatusAsync(run, "completed");

        var stats = (await _api.GetAsync($"/api/v1/executions/statistics?workflowId={workflowId}")).ShouldHave(HttpStatusCode.OK);

        stats.Data["total"]!.GetValue<int>().Should().Be(2);
        stats.Data["countsByStatus"]!["completed"]!.GetValue<int>().Should().Be(2);
        stats.Data["countsByStatus"]!["failed"]!.GetValue<int>().Should().Be(0);
        stats.Data["successRate"]!.GetValue<double>().Should().BeApproximately(1.0, 0.001);
    }

    [Fact]
    public async Task Statistics_reject_a_reversed_range()
    {
        var response = await _api.GetAsync("/api/v1/executions/statistics?from=2026-02-01&to=2026-01-01");

        response.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("from");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/logs")]
    [InlineData("GET", "/memory")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/pause")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/step")]
    [InlineData("POST", "/retry")]
    [InlineData("DELETE", "")]
    public async Task Unknown_execution_ids_are_404_problems(string method, string suffix)
    {
        var response = await _api.SendAsync(new HttpMethod(method), $"/api/v1/executions/{Guid.NewGuid()}{suffix}", null);

        response.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private static string NodeStatus(JsonNode detail, string nodeId) =>
        detail["nodes"]!.AsArray().Single(n => n!["nodeId"]!.GetValue<string>() == nodeId)!["status"]!.GetValue<string>();
}
