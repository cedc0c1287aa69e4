using System.Net;
using ProcessStudio.Web.Tests.Hooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>The run options through the API: correlation id (body, header, filter), run timeout, lock key refusals, bad input.</summary>
public sealed class RunOptionsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;
    private static readonly object Invoice = new { number = 17, amount = 90 };

    [Fact]
    public async Task A_correlation_id_from_the_body_or_the_header_is_stored_and_filters_the_history()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Correlated"));
        var fromBody = (await _api.PostAsync("/api/v1/executions", new { workflowId, correlationId = "order-1001" })).ShouldHave(HttpStatusCode.Created).Data;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/executions") { Content = JsonContent(new { workflowId }) };
        request.Headers.Add("X-Correlation-Id", "order-1002");
        var fromHeader = (await _api.SendAsync(request)).ShouldHave(HttpStatusCode.Created).Data;
        await _api.StartAsync(workflowId);

        fromBody["correlationId"]!.GetValue<string>().Should().Be("order-1001");
        fromHeader["correlationId"]!.GetValue<string>().Should().Be("order-1002");
        var page = (await _api.GetAsync("/api/v1/executions?correlationId=order-1001")).ShouldHave(HttpStatusCode.OK).Data;
        page["total"]!.GetValue<int>().Should().Be(1);
        page["items"]![0]!["id"]!.GetValue<Guid>().Should().Be(fromBody["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_waiting_run_past_its_timeout_ends_cancelled_with_reason_timedOut_in_the_api_and_the_seed_status()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Approval("Timed approval"));
        var executionId = (await _api.PostAsync("/api/v1/executions", new { workflowId, timeoutMs = 500, input = Invoice })).ShouldHave(HttpStatusCode.Created).Data["id"]!.GetValue<Guid>();

        var run = (await _api.WaitForStatusAsync(executionId, "cancelled"))["execution"]!;

        run["statusReason"]!.GetValue<string>().Should().Be("timedOut");
        run["error"]!["reason"]!.GetValue<string>().Should().Be("timedOut");
        run["timeoutMs"]!.GetValue<long>().Should().Be(500);
        var seed = (await _api.GetAsync($"/api/v1/process-engine/executions/processes/{executionId}/status")).ShouldHave(HttpStatusCode.OK).Data;
        seed["errorInfo"]!["reason"]!.GetValue<string>().Should().Be("timedOut");
        (await _api.GetAsync("/api/v1/approvals")).ShouldHave(HttpStatusCode.OK).Data.ToJsonString().Should().NotContain(executionId.ToString(), "its approval is gone");
    }

    [Fact]
    public async Task A_start_whose_lock_key_is_held_with_onLocked_reject_is_a_409_naming_the_key_and_the_holder()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Approval("Locked approval"));
        var holder = (await _api.PostAsync("/api/v1/executions", new { workflowId, lockKey = "customer-{{ $input.customer }}", input = new { customer = 5, number = 1, amount = 2 } }))
            .ShouldHave(HttpStatusCode.Created).Data;

        var refused = await _api.PostAsync("/api/v1/executions", new { workflowId, lockKey = "customer-5", onLocked = "reject", input = Invoice });
        var queued = (await _api.PostAsync("/api/v1/executions", new { workflowId, lockKey = "customer-5", input = Invoice })).ShouldHave(HttpStatusCode.Created).Data;

        holder["lockKey"]!.GetValue<string>().Should().Be("customer-5");
        var problem = refused.ShouldBeProblem(HttpStatusCode.Conflict).Json;
        problem["lockKey"]!.GetValue<string>().Should().Be("customer-5");
        problem["holderExecutionId"]!.GetValue<Guid>().Should().Be(holder["id"]!.GetValue<Guid>());
        queued["status"]!.GetValue<string>().Should().Be("queued");

        (await _api.PostAsync($"/api/v1/executions/{holder["id"]}/cancel")).ShouldHave(HttpStatusCode.OK);
        await _api.WaitForStatusAsync(queued["id"]!.GetValue<Guid>(), "waiting");
        (await _api.PostAsync($"/api/v1/executions/{queued["id"]}/cancel")).ShouldHave(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"timeoutMs":0}""", "timeoutMs")]
    [InlineData("""{"correlationId":"CORRELATION"}""", "correlationId")]
    [InlineData("""{"lockKey":"{{ $input.missing }}"}""", "lockKey")]
    [InlineData("""{"lockKey":"{{ nope( }}"}""", "lockKey")]
    public async Task Bad_run_options_are_a_400_naming_the_field(string options, string field)
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Options " + field));
        var body = options.Replace("CORRELATION", new string('x', 201)).TrimEnd('}') + $",\"workflowId\":\"{workflowId}\"}}";

        (await _api.SendRawAsync(HttpMethod.Post, "/api/v1/executions", body)).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Contain(field);
        (await _api.GetAsync($"/api/v1/executions?workflowId={workflowId}")).Data["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task The_seed_route_takes_the_run_options_from_its_query()
    {
        var workflowId = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Seed options"));

        var started = (await _api.PostAsync($"/api/v1/process-engine/executions/processes/execute?processID={workflowId}&correlationId=seed-7&timeoutMs=60000"))
            .ShouldHave(HttpStatusCode.OK).Data;

        var run = (await _api.WaitForStatusAsync(started["executionId"]!.GetValue<Guid>(), "completed"))["execution"]!;
        run["correlationId"]!.GetValue<string>().Should().Be("seed-7");
        run["timeoutMs"]!.GetValue<long>().Should().Be(60000);
    }

    private static StringContent JsonContent(object body) => new(ApiClient.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}

/// <summary>A webhook run takes its correlation id from the header the trigger names (X-Correlation-Id unless set).</summary>
public sealed class WebhookCorrelationTests(HookFixture app) : IClassFixture<HookFixture>
{
    [Theory]
    [InlineData(null, "X-Correlation-Id")]
    [InlineData("X-Request-Id", "X-Request-Id")]
    public async Task The_correlation_header_becomes_the_runs_correlation_id(string? configured, string sent)
    {
        var path = $"correlated/{sent.ToLowerInvariant()}";
        await app.Api.CreateWorkflowAsync(HookFixture.Flow("Correlated " + sent, new { path, method = "POST", correlationHeader = configured }, HookFixture.Log()));

        var accepted = await app.Api.SendAsync(HookFixture.Request(HttpMethod.Post, path, "{}", (sent, "trace-" + sent)));

        var executionId = accepted.ShouldHave(HttpStatusCode.Accepted).Json["executionId"]!.GetValue<Guid>();
        (await app.Api.WaitForStatusAsync(executionId, "completed"))["execution"]!["correlationId"]!.GetValue<string>().Should().Be("trace-" + sent);
    }
}
