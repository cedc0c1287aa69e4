using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>GET /api/v1/executions/{id}/events: a run followed live as server-sent events.</summary>
public sealed class ExecutionEventsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task The_stream_starts_with_the_current_status_and_follows_the_run_to_completion()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(2, "200ms", "Streamed"));
        var executionId = await _api.StartAsync(workflowId, breakpoints: ["wait1"]);
        await _api.WaitForStatusAsync(executionId, "paused");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var response = await _api.Http.GetAsync($"/api/v1/executions/{executionId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var reading = ReadEventsAsync(response, timeout.Token);
        (await _api.PostAsync($"/api/v1/executions/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        var events = await reading;

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        events[0].Type.Should().Be("execution-status");
        events[0].Data["status"]!.GetValue<string>().Should().Be("paused");
        events.Should().Contain(e => e.Type == "node-status" && e.Data["nodeId"]!.GetValue<string>() == "wait2"
            && e.Data["status"]!.GetValue<string>() == "succeeded");
        events[^1].Type.Should().Be("execution-status");
        events[^1].Data["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_finished_run_yields_its_final_status_and_ends()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Streamed after the fact"));
        var executionId = await _api.StartAsync(workflowId);
        await _api.WaitForStatusAsync(executionId, "completed");

        using var response = await _api.Http.GetAsync($"/api/v1/executions/{executionId}/events", HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response, CancellationToken.None);

        events.Should().ContainSingle().Which.Data["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task Events_of_an_unknown_execution_are_a_404_problem()
    {
        (await _api.GetAsync($"/api/v1/executions/{Guid.NewGuid()}/events")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    internal static async Task<List<(string Type, JsonNode Data)>> ReadEventsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var events = new List<(string, JsonNode)>();
        string? type = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: "))
                type = line["event: ".Length..];
            else if (line.StartsWith("data: "))
                events.Add((type!, JsonNode.Parse(line["data: ".Length..])!));
        }
        return events;
    }
}
