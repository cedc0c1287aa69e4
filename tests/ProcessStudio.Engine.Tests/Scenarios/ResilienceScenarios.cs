using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>HTTP Request nodes against a real local server: retries, exhaustion, timeouts, error ports.</summary>
public abstract class ResilienceScenarios : EngineScenarioBase
{
    protected readonly LocalHttpServer Server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected WorkflowDefinition HttpWorkflow(string path, object? settings = null, Action<NodePolicy>? policy = null, bool withErrorHandler = false)
    {
        var builder = new WorkflowBuilder("http")
            .Trigger()
            .Node("call", "http-request", settings ?? new { url = Server.Url(path) }, n => policy?.Invoke(n.Policy))
            .Chain("start", "call");
        if (withErrorHandler)
            builder.Node("handler", "transform", new { fields = new { handled = "{{ $json.message }}", kind = "{{ $json.type }}", status = "{{ $json.status }}" } })
                .Connect("call", "handler", "error");
        return builder.Build();
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_run_succeeds()
    {
        Server.Script("/flaky", new Reply(503, "{}"), new Reply(503, "{}"), new Reply(200, """{"ok":true}"""));

        var run = await RunAsync(HttpWorkflow("/flaky"));

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["status"]!.ToJsonString().Should().Be("200");
        run.Output["body"]!["ok"]!.GetValue<bool>().Should().BeTrue();
        var call = (await NodeRunsAsync(run.Id, "call")).Single();
        call.Attempts.Should().Be(3);
        call.AttemptLog.Select(a => a.Error is null).Should().Equal(false, false, true);
        call.AttemptLog[0].Error.Should().Contain("HTTP 503");
        call.AttemptLog[0].NextAttemptAt.Should().NotBeNull();
        var logs = await Executions.GetLogsAsync(run.Id, new LogQuery { NodeId = "call" }, CancellationToken.None);
        logs.Items.Select(l => l.Message).Should().Contain(m => m.StartsWith("Attempt 1 of 4 failed: GET") && m.Contains("next attempt at"));
        Server.Hits("/flaky").Should().Be(3);
    }

    [Fact]
    public async Task Retry_exhaustion_fails_the_run_with_error_info()
    {
        Server.Script("/down", new Reply(500, """{"error":"boom"}"""));

        var run = await RunAsync(HttpWorkflow("/down"));

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("call");
        run.ErrorMessage.Should().Contain("HTTP 500");
        var call = (await NodeRunsAsync(run.Id, "call")).Single();
        call.Status.Should().Be(NodeExecutionStatus.Failed);
        call.Attempts.Should().Be(4, "the Default policy retries 3 times");
        Server.Hits("/down").Should().Be(4);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_by_the_default_policy()
    {
        Server.Script("/missing", new Reply(404, "{}"));

        var run = await RunAsync(HttpWorkflow("/missing"));

        run.Status.Should().Be(ExecutionStatus.Failed);
        Server.Hits("/missing").Should().Be(1);
    }

    [Fact]
    public async Task A_node_timeout_stops_each_attempt_and_the_custom_policy_retries_it()
    {
        Server.Script("/slow", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(5)));

        var run = await RunAsync(HttpWorkflow("/slow", policy: p =>
        {
            p.TimeoutMs = 100;
            p.RetryPolicy = RetryPolicyNames.Custom;
            p.Custom = new CustomRetryPolicy { MaxRetries = 1, DelayMs = 10, Backoff = BackoffKind.Constant, RetryOn = ["timeout"] };
        }));

        run.Status.Should().Be(ExecutionStatus.Failed);
        var call = (await NodeRunsAsync(run.Id, "call")).Single();
        call.Attempts.Should().Be(2);
        call.AttemptLog.Should().OnlyContain(a => a.ErrorDetail == "Timeout");
        run.ErrorMessage.Should().Contain("timeout");
    }

    [Fact]
    public async Task The_http_node_timeout_setting_fails_a_slow_request()
    {
        Server.Script("/slow", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(5)));

        var run = await RunAsync(HttpWorkflow("/slow", new { url = Server.Url("/slow"), timeout = "150ms" }, p => p.RetryPolicy = RetryPolicyNames.None));

        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorMessage.Should().Contain("timed out after 150 ms");
    }

    [Fact]
    public async Task Continue_on_error_routes_the_failure_to_the_error_port()
    {
        Server.Script("/down", new Reply(500, "{}"));

        var run = await RunAsync(HttpWorkflow("/down", policy: p =>
        {
            p.RetryPolicy = RetryPolicyNames.None;
            p.ContinueOnError = true;
        }, withErrorHandler: true));

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["kind"]!.GetValue<string>().Should().Be("HttpStatus");
        run.Output["status"]!.ToJsonString().Should().Be("500");
        run.Output["handled"]!.GetValue<string>().Should().Contain("HTTP 500");
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "call:Failed:error", "handler:Succeeded:out");
    }

    [Fact]
    public async Task Non_2xx_goes_to_the_error_port_when_the_node_does_not_fail_on_it()
    {
        Server.Script("/missing", new Reply(404, """{"reason":"no such order"}"""));
        var workflow = new WorkflowBuilder("non-2xx")
            .Trigger()
            .Node("call", "http-request", new { url = Server.Url("/missing"), failOnNon2xx = false })
            .Node("found", "log", new { message = "found" })
            .Node("missing", "transform", new { fields = new { status = "{{ $json.status }}", reason = "{{ $json.body.reason }}" } })
            .Connect("start", "call").Connect("call", "found").Connect("call", "missing", "error")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed);
        run.Output!.ToJsonString().Should().Be("""{"status":404,"reason":"no such order"}""");
        (await TraceAsync(run.Id)).Should().Contain("found:Skipped");
    }

    [Fact]
    public async Task Request_is_built_from_templates_with_query_headers_and_json_body()
    {
        Server.Script("/echo", new Reply(200, """{"query":"$query"}"""));
        var workflow = HttpWorkflow("/echo", new
        {
            method = "POST",
            url = Server.Url("/echo"),
            query = new { page = "{{ $input.page }}", q = "a b" },
            headers = new { X_Trace = "run-{{ $execution.id }}" },
            bodyType = "json",
            body = new { id = "{{ $input.page }}" },
        });

        var run = await RunAsync(workflow, new JsonObject { ["page"] = 2 });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["body"]!["query"]!.GetValue<string>().Should().Be("?page=2&q=a%20b");
        run.Output["headers"]!["content-type"]!.GetValue<string>().Should().StartWith("application/json");
    }
}

public sealed class InMemoryResilienceScenarios : ResilienceScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
