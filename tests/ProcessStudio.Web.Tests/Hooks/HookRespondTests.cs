using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hooks;

/// <summary>Hooks in "wait" mode answer with what the run says: a Respond node, the run's output, a failure or a timeout.</summary>
public sealed class HookRespondTests(HookFixture app) : IClassFixture<HookFixture>
{
    private readonly ApiClient _api = app.Api;

    private static object Waiting(string path, string timeout = "30s") => new { path, responseMode = "wait", responseTimeout = timeout };

    [Fact]
    public async Task The_respond_node_sets_the_status_headers_and_body()
    {
        var respond = TestWorkflows.Node("respond", "respond", new JsonObject
        {
            ["status"] = 201,
            ["headers"] = new JsonObject { ["X-Order"] = "{{ $json.body.id }}" },
            ["body"] = new JsonObject { ["received"] = "{{ $json.body.id }}", ["ok"] = true },
        });
        await _api.CreateWorkflowAsync(HookFixture.Flow("Respond", Waiting("respond"), respond, HookFixture.Log()));

        using var response = await _api.Http.SendAsync(HookFixture.Request(HttpMethod.Post, "respond", """{"id":"A-7"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Order").Should().Equal("A-7");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"received":"A-7","ok":true}""");
    }

    [Fact]
    public async Task A_text_body_is_sent_as_text()
    {
        var respond = TestWorkflows.Node("respond", "respond", new JsonObject { ["status"] = 200, ["body"] = "Thanks {{ $json.body.name }}" });
        await _api.CreateWorkflowAsync(HookFixture.Flow("Respond text", Waiting("respond-text"), respond));

        using var response = await _api.Http.SendAsync(HookFixture.Request(HttpMethod.Post, "respond-text", """{"name":"Ada"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("Thanks Ada");
    }

    [Fact]
    public async Task A_run_that_completes_without_respond_answers_with_its_output()
    {
        var transform = TestWorkflows.Node("shape", "set-variables", new JsonObject
        {
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "total", ["value"] = "{{ $json.body.a + $json.body.b }}" }),
        });
        await _api.CreateWorkflowAsync(HookFixture.Flow("No respond", Waiting("no-respond"), transform));

        var response = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "no-respond", """{"a":2,"b":3}"""));

        response.ShouldHave(HttpStatusCode.OK);
        response.Json["total"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public async Task A_run_that_fails_without_respond_answers_500_with_the_execution_id()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Failing hook", Waiting("failing"),
            TestWorkflows.Node("fail", "fail", new JsonObject { ["message"] = "Boom" })));

        var response = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "failing", "{}"));

        response.ShouldBeProblem(HttpStatusCode.InternalServerError);
        var executionId = response.Json["executionId"]!.GetValue<Guid>();
        (await _api.GetAsync($"/api/v1/executions/{executionId}")).Data["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
    }

    [Fact]
    public async Task A_run_that_does_not_respond_in_time_gets_504_and_goes_on()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Slow hook", Waiting("slow", timeout: "200ms"),
            TestWorkflows.Node("wait", "delay", new JsonObject { ["duration"] = "2s" })));

        var response = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "slow", "{}"));

        response.ShouldBeProblem(HttpStatusCode.GatewayTimeout);
        var executionId = response.Json["executionId"]!.GetValue<Guid>();
        await _api.WaitForStatusAsync(executionId, "completed");
    }
}
