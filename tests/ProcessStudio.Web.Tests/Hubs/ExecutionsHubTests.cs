using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using ProcessStudio.Web.Tests.Support;
using HubCall = ProcessStudio.Web.Tests.Support.HubTestClient.HubCall;

namespace ProcessStudio.Web.Tests.Hubs;

/// <summary>/hubs/executions through the .NET SignalR client: what another program sees of real runs.</summary>
public sealed class ExecutionsHubTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    /// <summary>Programs authenticate to the hub with an API key.</summary>
    private async Task<HubTestClient> ConnectAsync(CancellationToken cancellationToken) =>
        await HubTestClient.ConnectAsync(app.Factory.Server, TestCredentials.AdminApiKey, cancellationToken);

    private static bool Finished(HubCall call, Guid executionId) =>
        call.Method == "executionUpdate" && call.Payload["executionId"]!.GetValue<Guid>() == executionId
        && call.Payload["status"]!.GetValue<string>() is "completed" or "failed" or "cancelled";

    [Fact]
    public async Task A_client_in_the_all_group_receives_status_node_and_log_messages_through_to_completion()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await ConnectAsync(timeout.Token);
        await client.InvokeAsync("JoinAll");

        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Hub: all"));
        var executionId = await _api.StartAsync(workflowId, new { name = "hub" });
        var calls = (await client.CollectUntilAsync(c => Finished(c, executionId), timeout.Token))
            .Where(c => c.Payload["executionId"]!.GetValue<Guid>() == executionId).ToList();

        var updates = calls.Where(c => c.Method == "executionUpdate").Select(c => c.Payload).ToList();
        updates.Select(u => u["status"]!.GetValue<string>()).Should().StartWith("pending").And.EndWith("completed");
        updates[^1]["workflowId"]!.GetValue<Guid>().Should().Be(workflowId);
        updates[^1]["progress"]!["percentage"]!.GetValue<double>().Should().Be(100);
        updates[^1]["progress"]!["total"]!.GetValue<int>().Should().Be(3);
        updates[^1]["timing"]!["durationMs"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);
        calls.Should().Contain(c => c.Method == "nodeUpdate" && c.Payload["nodeId"]!.GetValue<string>() == "log"
            && c.Payload["state"]!.GetValue<string>() == "succeeded" && c.Payload["nodeType"]!.GetValue<string>() == "log"
            && c.Payload["attempt"]!.GetValue<int>() == 1);
        calls.Should().Contain(c => c.Method == "log" && c.Payload["nodeId"]!.GetValue<string>() == "log"
            && c.Payload["message"]!.GetValue<string>() == "Hello hub" && c.Payload["level"]!.GetValue<string>() == "information");
    }

    [Fact]
    public async Task A_workflow_group_receives_that_workflows_runs_only()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await ConnectAsync(timeout.Token);
        var followed = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Hub: followed"));
        var other = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Hub: other"));
        await client.InvokeAsync("JoinWorkflow", followed.ToString());

        var unrelated = await _api.StartAsync(other);
        await _api.WaitForStatusAsync(unrelated, "completed");
        var executionId = await _api.StartAsync(followed);
        var calls = await client.CollectUntilAsync(c => Finished(c, executionId), timeout.Token);

        calls.Should().OnlyContain(c => c.Payload["executionId"]!.GetValue<Guid>() == executionId, "broadcasts are ordered, so the other run's events would have come first");
        calls.Select(c => c.Method).Should().Contain(["executionUpdate", "nodeUpdate", "log"]);
        calls.Should().OnlyContain(c => c.Payload["workflowId"]!.GetValue<Guid>() == followed);
    }

    [Fact]
    public async Task Joining_an_execution_returns_its_current_state_and_then_follows_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await ConnectAsync(timeout.Token);
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Delays(2, "100ms", "Hub: one run"));
        var executionId = await _api.StartAsync(workflowId, breakpoints: ["wait2"]);
        await _api.WaitForStatusAsync(executionId, "paused");

        var snapshot = (await client.InvokeAsync("JoinExecution", executionId.ToString()))!;
        (await _api.PostAsync($"/api/v1/executions/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        var calls = await client.CollectUntilAsync(c => Finished(c, executionId), timeout.Token);

        snapshot["status"]!.GetValue<string>().Should().Be("paused");
        snapshot["progress"]!["completed"]!.GetValue<int>().Should().Be(2, "the trigger and wait1 ran before the breakpoint");
        calls.Should().Contain(c => c.Method == "nodeUpdate" && c.Payload["nodeId"]!.GetValue<string>() == "wait2"
            && c.Payload["state"]!.GetValue<string>() == "succeeded" && c.Payload["durationMs"]!.GetValue<long>() >= 100);
    }

    [Theory]
    [InlineData("JoinExecution", "Execution '{0}' does not exist.")]
    [InlineData("JoinWorkflow", "Workflow '{0}' does not exist.")]
    public async Task Joining_an_unknown_id_fails_with_a_clear_message(string method, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var client = await ConnectAsync(timeout.Token);
        var unknown = Guid.NewGuid().ToString();

        var joining = () => client.InvokeAsync(method, unknown);

        (await joining.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain(string.Format(expected, unknown));
    }

    [Fact]
    public async Task Joining_with_a_malformed_id_names_the_expected_format()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var client = await ConnectAsync(timeout.Token);

        var joining = () => client.InvokeAsync("JoinExecution", "not-a-guid");

        (await joining.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("'not-a-guid' is not an execution id");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("psk_not-a-key")]
    public async Task A_client_without_a_valid_key_cannot_connect(string? apiKey)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var connecting = () => HubTestClient.ConnectAsync(app.Factory.Server, apiKey, timeout.Token);

        (await connecting.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer " + TestCredentials.AdminApiKey, HttpStatusCode.OK)]
    [InlineData("Bearer psk_not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Negotiate_accepts_the_api_key_as_the_bearer_token_signalr_clients_send(string? authorization, HttpStatusCode expected)
    {
        var http = app.Factory.CreateClient();
        http.DefaultRequestHeaders.Remove(TestCredentials.ApiKeyHeader);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/executions/negotiate?negotiateVersion=1");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(expected);
    }
}
