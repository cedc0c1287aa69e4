using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>The server-sent events of one instance follow a run another instance drives.</summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class SharedEventStreamTests
{
    [PostgresFact]
    public async Task The_event_stream_on_one_instance_follows_a_run_resumed_on_the_other_to_completion()
    {
        await using var cluster = await TwoInstances.StartAsync();
        var workflowId = await cluster.ApiB.CreateWorkflowAsync(TestWorkflows.Delays(2, "200ms", "Streamed elsewhere"));
        var executionId = await cluster.ApiB.StartAsync(workflowId, breakpoints: ["wait1"]);
        await cluster.ApiB.WaitForStatusAsync(executionId, "paused");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var response = await cluster.ApiA.Http.GetAsync($"/api/v1/executions/{executionId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var reading = ExecutionEventsTests.ReadEventsAsync(response, timeout.Token);
        (await cluster.ApiB.PostAsync($"/api/v1/executions/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        var events = await reading;

        events[0].Data["status"]!.GetValue<string>().Should().Be("paused");
        events.Should().Contain(e => e.Type == "node-status" && e.Data["nodeId"]!.GetValue<string>() == "wait2"
            && e.Data["status"]!.GetValue<string>() == "succeeded");
        events[^1].Data["status"]!.GetValue<string>().Should().Be("completed");
    }
}
