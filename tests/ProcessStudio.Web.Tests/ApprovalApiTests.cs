using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>Approvals and timers through the API, with the host disposed and rebuilt over the same database in between.</summary>
public sealed class ApprovalApiTests
{
    private static readonly Dictionary<string, string?> FastWakeups = new() { ["ProcessStudio:Engine:WaitCheckInterval"] = "00:00:00.100" };
    private static readonly object Invoice = new { number = "INV-7", amount = 120 };

    private static AppFactory App(TempFolder folder) => new(folder.Path, FastWakeups);

    /// <summary>Starts an approval run in a first host and leaves it waiting when that host shuts down.</summary>
    private static async Task<(Guid WorkflowId, Guid ExecutionId)> ParkInFirstHostAsync(TempFolder folder, string? timeout = null)
    {
        await using var first = App(folder);
        var api = new ApiClient(first.CreateClient());
        var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Approval(timeout: timeout));
        var executionId = await api.StartAsync(workflowId, Invoice);
        var waiting = await api.WaitForStatusAsync(executionId, "waiting", "failed");
        waiting["execution"]!["status"]!.GetValue<string>().Should().Be("waiting");
        return (workflowId, executionId);
    }

    private static JsonNode Activation(JsonNode detail, string nodeId) =>
        detail["activations"]!.AsArray().Single(a => a!["nodeId"]!.GetValue<string>() == nodeId)!;

    [Fact]
    public async Task An_approval_is_approved_through_the_api_after_a_restart()
    {
        using var folder = new TempFolder();
        var (workflowId, executionId) = await ParkInFirstHostAsync(folder);

        await using var second = App(folder);
        var api = new ApiClient(second.CreateClient());
        var pending = (await api.GetAsync($"/api/v1/approvals?workflowId={workflowId}")).ShouldHave(HttpStatusCode.OK).Data.AsArray();
        pending.Should().ContainSingle();
        pending[0]!["executionId"]!.GetValue<Guid>().Should().Be(executionId);
        pending[0]!["title"]!.GetValue<string>().Should().Be("Pay invoice INV-7");
        pending[0]!["message"]!.GetValue<string>().Should().Be("Amount: 120 EUR");
        pending[0]!["note"]!.GetValue<string>().Should().Be("Finance team decides.");

        var decided = await api.PostAsync($"/api/v1/executions/{executionId}/approvals/approve", new { decision = "approve", comment = "Budget ok" });
        decided.ShouldHave(HttpStatusCode.OK).Data["id"]!.GetValue<Guid>().Should().Be(executionId);
        var done = await api.WaitForStatusAsync(executionId, "completed", "failed");

        done["execution"]!["status"]!.GetValue<string>().Should().Be("completed");
        var approval = Activation(done, "approve");
        approval["outputPort"]!.GetValue<string>().Should().Be("approved");
        approval["output"]!["by"]!.GetValue<string>().Should().Be("anonymous", "nobody is signed in, and the decision says so");
        approval["output"]!["comment"]!.GetValue<string>().Should().Be("Budget ok");
        Activation(done, "paid")["status"]!.GetValue<string>().Should().Be("succeeded");
        Activation(done, "refused")["status"]!.GetValue<string>().Should().Be("skipped");
        var logs = (await api.GetAsync($"/api/v1/executions/{executionId}/logs?nodeId=approve")).Data["items"]!.AsArray();
        logs.Select(l => l!["message"]!.GetValue<string>()).Should().Contain("Approved by anonymous: Budget ok");
        (await api.GetAsync($"/api/v1/approvals?workflowId={workflowId}")).Data.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_rejection_after_a_restart_takes_the_rejected_path()
    {
        using var folder = new TempFolder();
        var (_, executionId) = await ParkInFirstHostAsync(folder);

        await using var second = App(folder);
        var api = new ApiClient(second.CreateClient());
        (await api.PostAsync($"/api/v1/executions/{executionId}/approvals/approve", new { decision = "reject", comment = "Duplicate" }))
            .ShouldHave(HttpStatusCode.OK);
        var done = await api.WaitForStatusAsync(executionId, "completed", "failed");

        Activation(done, "approve")["outputPort"]!.GetValue<string>().Should().Be("rejected");
        Activation(done, "refused")["status"]!.GetValue<string>().Should().Be("succeeded");
        Activation(done, "paid")["status"]!.GetValue<string>().Should().Be("skipped");
        Activation(done, "expired")["status"]!.GetValue<string>().Should().Be("skipped");
    }

    [Fact]
    public async Task A_timer_resumes_after_a_restart()
    {
        using var folder = new TempFolder();
        Guid executionId;
        DateTimeOffset wakeAt;
        await using (var first = App(folder))
        {
            var api = new ApiClient(first.CreateClient());
            var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Timer("2s"));
            executionId = await api.StartAsync(workflowId);
            var waiting = await api.WaitForStatusAsync(executionId, "waiting", "failed");
            wakeAt = waiting["execution"]!["wakeAt"]!.GetValue<DateTimeOffset>();
        }

        await using var second = App(folder);
        var resumed = new ApiClient(second.CreateClient());
        var done = await resumed.WaitForStatusAsync(executionId, "completed", "failed");

        done["execution"]!["status"]!.GetValue<string>().Should().Be("completed");
        Activation(done, "sleep")["finishedAt"]!.GetValue<DateTimeOffset>().Should().BeOnOrAfter(wakeAt);
        Activation(done, "woke")["status"]!.GetValue<string>().Should().Be("succeeded");
    }

    [Fact]
    public async Task An_approval_with_a_timeout_continues_on_the_timeout_port()
    {
        using var folder = new TempFolder();
        await using var app = App(folder);
        var api = new ApiClient(app.CreateClient());
        var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Approval(timeout: "1s"));
        var executionId = await api.StartAsync(workflowId, Invoice);

        var done = await api.WaitForStatusAsync(executionId, "completed", "failed");

        Activation(done, "approve")["outputPort"]!.GetValue<string>().Should().Be("timeout");
        Activation(done, "expired")["status"]!.GetValue<string>().Should().Be("succeeded");
        var late = await api.PostAsync($"/api/v1/executions/{executionId}/approvals/approve", new { decision = "approve" });
        late.ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_decisions_are_refused_with_problems_that_name_the_field()
    {
        using var folder = new TempFolder();
        await using var app = App(folder);
        var api = new ApiClient(app.CreateClient());
        var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Approval());
        var executionId = await api.StartAsync(workflowId, Invoice);
        await api.WaitForStatusAsync(executionId, "waiting", "failed");
        var url = $"/api/v1/executions/{executionId}/approvals/approve";

        (await api.PostAsync(url, new { decision = "maybe" })).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("decision");
        (await api.PostAsync(url, new { comment = "no decision" })).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("decision");
        (await api.PostAsync(url, new { decision = "approve", comment = new string('x', 2001) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("comment");
        (await api.PostAsync($"/api/v1/executions/{Guid.NewGuid()}/approvals/approve", new { decision = "approve" })).ShouldBeProblem(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/v1/executions/{executionId}/approvals/paid", new { decision = "approve" })).ShouldBeProblem(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/executions/{executionId}")).Data["execution"]!["status"]!.GetValue<string>().Should().Be("waiting", "nothing was half-done");

        (await api.PostAsync(url, new { decision = "approve" })).ShouldHave(HttpStatusCode.OK);
        (await api.PostAsync(url, new { decision = "reject" })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Pending_approvals_are_listed_per_run_and_filtered_by_workflow()
    {
        using var folder = new TempFolder();
        await using var app = App(folder);
        var api = new ApiClient(app.CreateClient());
        var invoices = await api.CreateWorkflowAsync(TestWorkflows.Approval("Invoices"));
        var orders = await api.CreateWorkflowAsync(TestWorkflows.Approval("Orders"));
        var first = await api.StartAsync(invoices, Invoice);
        var second = await api.StartAsync(orders, new { number = "ORD-1", amount = 5 });
        await api.WaitForStatusAsync(first, "waiting");
        await api.WaitForStatusAsync(second, "waiting");

        var all = (await api.GetAsync("/api/v1/approvals")).Data.AsArray();
        var onlyOrders = (await api.GetAsync($"/api/v1/approvals?workflowId={orders}")).Data.AsArray();
        var inRun = (await api.GetAsync($"/api/v1/executions/{second}/approvals")).Data.AsArray();

        all.Select(a => a!["executionId"]!.GetValue<Guid>()).Should().BeEquivalentTo([first, second]);
        onlyOrders.Should().ContainSingle().Which!["title"]!.GetValue<string>().Should().Be("Pay invoice ORD-1");
        inRun.Should().ContainSingle().Which!["nodeId"]!.GetValue<string>().Should().Be("approve");
        (await api.GetAsync("/api/v1/approvals?workflowId=nope")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
