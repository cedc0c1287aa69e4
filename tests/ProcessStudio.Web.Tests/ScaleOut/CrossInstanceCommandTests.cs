using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>Commands sent to an instance other than the one driving the run, on one PostgreSQL database.</summary>
public sealed class CrossInstanceCommandTests
{
    [PostgresFact]
    public async Task Cancel_sent_to_another_instance_stops_the_run_where_it_executes()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var folders = new TempFolder();
        await using var driving = await AppProcess.StartAsync(Path.Combine(folders.Path, "a"), database.AppSettings());
        await using var other = await AppProcess.StartAsync(Path.Combine(folders.Path, "b"), database.AppSettings());
        var workflowId = await driving.Api.CreateWorkflowAsync(TestWorkflows.Delays(5, "1s", "Long"));
        var executionId = await driving.Api.StartAsync(workflowId);
        await driving.Api.WaitForExecutionAsync(executionId, detail => detail["execution"]!["status"]!.GetValue<string>() == "running");

        (await other.Api.PostAsync($"/api/v1/executions/{executionId}/cancel")).ShouldHave(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(3));   // past the node that was in flight on the driving instance

        var detail = await driving.Api.GetAsync($"/api/v1/executions/{executionId}");
        detail.Data["execution"]!["status"]!.GetValue<string>().Should().Be("cancelled", "the driving instance did not overwrite the cancel");
        detail.Data["nodes"]!.AsArray().Count(n => n!["status"]!.GetValue<string>() == "succeeded" && n["nodeId"]!.GetValue<string>().StartsWith("wait"))
            .Should().BeLessThan(5, "the run stopped instead of running to its end");
    }
}
