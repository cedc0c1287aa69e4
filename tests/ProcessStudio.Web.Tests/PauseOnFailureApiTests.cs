using System.Net;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>A run paused at a failed node through the API: its error, and resume with a chosen workflow version.</summary>
public sealed class PauseOnFailureApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    private async Task<(Guid WorkflowId, Guid ExecutionId)> StartPausedAsync()
    {
        var failing = TestWorkflows.Failing("Card declined");
        failing.Settings.OnFailure = FailureAction.Pause;
        var workflowId = await _api.CreateWorkflowAsync(failing);
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "paused");
        return (workflowId, executionId);
    }

    [Fact]
    public async Task A_run_paused_at_a_failure_shows_its_error_and_resume_on_the_original_version_retries_the_node()
    {
        var (_, executionId) = await StartPausedAsync();

        var paused = (await _api.GetAsync($"/api/v1/executions/{executionId}")).ShouldHave(HttpStatusCode.OK).Data["execution"]!;
        paused["error"]!["nodeId"]!.GetValue<string>().Should().Be("fail");
        paused["error"]!["message"]!.GetValue<string>().Should().Contain("Card declined");

        (await _api.PostAsync($"/api/v1/executions/{executionId}/resume", new { version = "original" })).ShouldHave(HttpStatusCode.OK);
        var again = await _api.WaitForExecutionAsync(executionId, d =>
            d["execution"]!["status"]!.GetValue<string>() == "paused" && d["activations"]!.AsArray().Count(n => n!["nodeId"]!.GetValue<string>() == "fail") == 2);
        again["execution"]!["error"]!["nodeId"]!.GetValue<string>().Should().Be("fail", "the same node failed again and the run paused there again");
    }

    [Fact]
    public async Task Resume_with_an_unknown_version_word_is_a_400_naming_the_field_and_an_unknown_number_a_404()
    {
        var (_, executionId) = await StartPausedAsync();

        (await _api.PostAsync($"/api/v1/executions/{executionId}/resume", new { version = "newest" })).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields.Should().Contain("version");
        (await _api.PostAsync($"/api/v1/executions/{executionId}/resume", new { version = 99 })).ShouldBeProblem(HttpStatusCode.NotFound);
        (await _api.GetAsync($"/api/v1/executions/{executionId}")).Data["execution"]!["status"]!.GetValue<string>().Should().Be("paused");
    }
}
