using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>The seed-compatible routes under /api/v1/process-engine/executions/processes.</summary>
public sealed class ProcessEngineApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Processes = "/api/v1/process-engine/executions/processes";
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Execute_then_status_reports_completion_with_progress_and_timing()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Seed route"));

        var started = (await _api.PostAsync($"{Processes}/execute?processID={workflowId}", new { name = "Lin" })).ShouldHave(HttpStatusCode.OK);
        var executionId = started.Data["executionId"]!.GetValue<Guid>();
        var status = await WaitForSeedStatusAsync(executionId, "completed", "failed");

        started.Json["success"]!.GetValue<bool>().Should().BeTrue();
        started.Data["processID"]!.GetValue<Guid>().Should().Be(workflowId);
        status["status"]!.GetValue<string>().Should().Be("completed", status.ToJsonString());
        status["isActive"]!.GetValue<bool>().Should().BeFalse();
        status["progress"]!["totalNodes"]!.GetValue<int>().Should().Be(3);
        status["progress"]!["completedNodes"]!.GetValue<int>().Should().Be(3);
        status["progress"]!["failedNodes"]!.GetValue<int>().Should().Be(0);
        status["progress"]!["percentage"]!.GetValue<double>().Should().Be(100);
        status["timing"]!["startedAt"].Should().NotBeNull();
        status["timing"]!["stoppedAt"].Should().NotBeNull();
        status["timing"]!["durationMs"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);
        status["threads"]!.AsArray().Should().BeEmpty();
        status["errorInfo"].Should().BeNull();
    }

    [Fact]
    public async Task Status_of_a_failed_run_carries_error_info_with_the_node()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Failing("card declined"));
        var executionId = await ExecuteAsync(workflowId);

        var status = await WaitForSeedStatusAsync(executionId, "failed");

        status["errorInfo"]!["message"]!.GetValue<string>().Should().Contain("card declined");
        status["errorInfo"]!["nodeID"]!.GetValue<string>().Should().Be("fail");
        status["progress"]!["failedNodes"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Pause_resume_and_cancel_a_delay_run_with_the_seed_response_shapes()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(3, "1s", "Seed pause"));
        var executionId = await ExecuteAsync(workflowId);
        var running = await WaitForSeedStatusAsync(executionId, s => s["threads"]!.AsArray().Count > 0);

        var pause = (await _api.PostAsync($"{Processes}/{executionId}/pause")).ShouldHave(HttpStatusCode.OK);
        var paused = await WaitForSeedStatusAsync(executionId, "paused");
        var resume = (await _api.PostAsync($"{Processes}/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        await WaitForSeedStatusAsync(executionId, "running", "completed");
        var cancel = (await _api.PostAsync($"{Processes}/{executionId}/cancel")).ShouldHave(HttpStatusCode.OK);
        var cancelled = await WaitForSeedStatusAsync(executionId, "cancelled", "completed");

        running["threads"]![0]!["nodeID"]!.GetValue<string>().Should().StartWith("wait");
        running["isActive"]!.GetValue<bool>().Should().BeTrue();
        pause.Data["pausedAt"].Should().NotBeNull();
        pause.Data["totalNodes"]!.GetValue<int>().Should().Be(4);
        pause.Data["completedNodes"]!.GetValue<int>().Should().BeInRange(1, 3);
        paused["isActive"]!.GetValue<bool>().Should().BeTrue();
        resume.Data["resumedAt"].Should().NotBeNull();
        resume.Data["pendingNodes"]!.GetValue<int>().Should().BeInRange(1, 3);
        cancel.Data["cancelledAt"].Should().NotBeNull();
        cancelled["status"]!.GetValue<string>().Should().Be("cancelled", "three 1s delays cannot finish between resume and cancel");
        cancelled["isActive"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Resuming_a_completed_run_is_a_409_conflict()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Resume completed"));
        var executionId = await ExecuteAsync(workflowId);
        await WaitForSeedStatusAsync(executionId, "completed");

        var response = await _api.PostAsync($"{Processes}/{executionId}/resume");

        response.ShouldBeProblem(HttpStatusCode.Conflict);
        response.Json["currentStatus"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task Of_two_concurrent_resumes_exactly_one_wins()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(2, "1s", "Concurrent resume"));
        var executionId = await ExecuteAsync(workflowId);
        await WaitForSeedStatusAsync(executionId, "running");
        (await _api.PostAsync($"{Processes}/{executionId}/pause")).ShouldHave(HttpStatusCode.OK);
        await WaitForSeedStatusAsync(executionId, "paused");

        var responses = await Task.WhenAll(
            _api.PostAsync($"{Processes}/{executionId}/resume"),
            _api.PostAsync($"{Processes}/{executionId}/resume"));

        responses.Select(r => r.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        responses.Single(r => r.Status == HttpStatusCode.Conflict).ShouldBeProblem(HttpStatusCode.Conflict);
        await WaitForSeedStatusAsync(executionId, "completed");
    }

    [Fact]
    public async Task Execute_needs_a_valid_process_id_and_valid_json_input()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Seed input"));

        (await _api.PostAsync($"{Processes}/execute")).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("processID");
        (await _api.PostAsync($"{Processes}/execute?processID=abc")).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("processID");
        (await _api.PostAsync($"{Processes}/execute?processID={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await _api.SendRawAsync(HttpMethod.Post, $"{Processes}/execute?processID={workflowId}", """{ "name": }"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorText.Should().Contain("line 1");
    }

    [Fact]
    public async Task Status_of_an_unknown_execution_is_404()
    {
        (await _api.GetAsync($"{Processes}/{Guid.NewGuid()}/status")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private async Task<Guid> ExecuteAsync(Guid workflowId)
    {
        var started = (await _api.PostAsync($"{Processes}/execute?processID={workflowId}")).ShouldHave(HttpStatusCode.OK);
        return started.Data["executionId"]!.GetValue<Guid>();
    }

    private Task<JsonNode> WaitForSeedStatusAsync(Guid executionId, params string[] statuses) =>
        WaitForSeedStatusAsync(executionId, status => statuses.Contains(status["status"]!.GetValue<string>()));

    private async Task<JsonNode> WaitForSeedStatusAsync(Guid executionId, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = (await _api.GetAsync($"{Processes}/{executionId}/status")).ShouldHave(HttpStatusCode.OK);
            if (done(response.Data))
                return response.Data;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Execution {executionId} never reached the expected state: {response.Body}");
            await Task.Delay(25);
        }
    }
}
