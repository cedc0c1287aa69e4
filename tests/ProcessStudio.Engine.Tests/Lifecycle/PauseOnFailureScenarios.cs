using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.SubWorkflows;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Lifecycle;

/// <summary>
/// <c>onFailure: pause</c>: a node that fails after its retries leaves the run paused there with the error shown; resume
/// retries that node, cancel ends the run, and failure reactions (error workflow, execution.failed) never fire.
/// </summary>
public abstract class PauseOnFailureScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) => (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private async Task<WorkflowDefinition> OrderSyncAsync(FailureAction onFailure)
    {
        var alerts = await SaveAsync(new WorkflowBuilder("alerts").Trigger().Node("report", "log", new { message = "failed" }).Chain("start", "report").Build());
        return new WorkflowBuilder("order sync")
            .Trigger()
            .Node("call", "http-request", new { url = _server.Url("/orders") }, n => n.Name = "Fetch orders")
            .Node("after", "transform", new { fields = new { status = "{{ $json.status }}" } })
            .Chain("start", "call", "after")
            .Settings(s =>
            {
                s.OnFailure = onFailure;
                s.DefaultRetryPolicy = "None";
                s.ErrorWorkflowId = alerts;
            })
            .Build();
    }

    private async Task<IReadOnlyList<OutboxMessage>> EventsAsync(Guid executionId) =>
        (await Host.Outbox.QueryAsync(new OutboxQuery { ExecutionId = executionId }, CancellationToken.None)).Items;

    [Fact]
    public async Task A_failed_node_pauses_the_run_there_with_its_error_and_resume_retries_it_to_completion()
    {
        _server.Script("/orders", new LocalHttpServer.Reply(500, "{\"error\":\"down\"}"), new LocalHttpServer.Reply(200, "{\"ok\":true}"));
        var run = await StartAsync(await OrderSyncAsync(FailureAction.Pause));

        var paused = await WaitForStatusAsync(run.Id, ExecutionStatus.Paused, ExecutionStatus.Failed, ExecutionStatus.Completed);

        paused.Status.Should().Be(ExecutionStatus.Paused);
        paused.ErrorNodeId.Should().Be("call");
        paused.ErrorMessage.Should().StartWith("Node 'Fetch orders' failed:");
        (await NodeRunsAsync(run.Id, "call")).Select(n => n.Status).Should().Equal(NodeExecutionStatus.Failed);

        var resumed = await Engine.ResumeAsync(run.Id, CancellationToken.None);
        resumed.ErrorMessage.Should().BeNull("the run is retrying the node");
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Paused);

        done.Status.Should().Be(ExecutionStatus.Completed);
        done.Output!["status"]!.GetValue<int>().Should().Be(200);
        (await NodeRunsAsync(run.Id, "call")).Select(n => n.Status).Should().Equal([NodeExecutionStatus.Failed, NodeExecutionStatus.Succeeded],
            "the failed attempt stays in the history and the retry has its own record");
        _server.Hits("/orders").Should().Be(2);
        (await Executions.GetAsync(ErrorWorkflowStarter.ErrorRunId(run.Id), CancellationToken.None)).Should().BeNull("the run never really failed");
        (await EventsAsync(run.Id)).Select(e => e.Type).Should().BeEquivalentTo([RunEventTypes.Paused, RunEventTypes.Completed]);
    }

    [Fact]
    public async Task After_the_url_is_fixed_in_a_new_version_resume_on_that_version_completes_the_run()
    {
        _server.Script("/broken", new LocalHttpServer.Reply(404, "{}")).Script("/orders", new LocalHttpServer.Reply(200, "{\"ok\":true}"));
        var workflow = await OrderSyncAsync(FailureAction.Pause);
        workflow.Nodes.Single(n => n.Id == "call").Settings["url"] = _server.Url("/broken");
        var run = await StartAsync(workflow);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Paused);

        workflow.Nodes.Single(n => n.Id == "call").Settings["url"] = _server.Url("/orders");
        var fixedVersion = await Host.Workflows.SaveAsync(workflow, "fix the URL", CancellationToken.None);
        await Engine.ResumeAsync(run.Id, fixedVersion.Version, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Paused);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.WorkflowVersion.Should().Be(fixedVersion.Version);
        _server.Hits("/broken").Should().Be(1);
        _server.Hits("/orders").Should().Be(1);
    }

    [Fact]
    public async Task Resume_on_a_version_without_the_failed_node_is_refused_and_the_run_stays_paused_where_it_was()
    {
        _server.Script("/orders", new LocalHttpServer.Reply(500, "{}"));
        var workflow = await OrderSyncAsync(FailureAction.Pause);
        var run = await StartAsync(workflow);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Paused);
        var withoutNode = new WorkflowBuilder("order sync").Trigger().Node("after", "log", new { message = "x" }).Chain("start", "after").Build();
        withoutNode.Id = workflow.Id;
        var other = await Host.Workflows.SaveAsync(withoutNode, "drop the call", CancellationToken.None);

        var refused = () => Engine.ResumeAsync(run.Id, other.Version, CancellationToken.None);

        (await refused.Should().ThrowAsync<CheckpointInvalidException>()).Which.Message.Should().Contain("'call'");
        var still = (await Executions.GetAsync(run.Id, CancellationToken.None))!;
        still.Status.Should().Be(ExecutionStatus.Paused);
        still.WorkflowVersion.Should().Be(run.WorkflowVersion);
    }

    [Fact]
    public async Task Cancelling_a_run_paused_at_a_failure_ends_it_without_failure_reactions()
    {
        _server.Script("/orders", new LocalHttpServer.Reply(500, "{\"error\":\"down\"}"));
        var run = await StartAsync(await OrderSyncAsync(FailureAction.Pause));
        await WaitForStatusAsync(run.Id, ExecutionStatus.Paused);

        var cancelled = await Engine.CancelAsync(run.Id, CancellationToken.None);

        cancelled.Status.Should().Be(ExecutionStatus.Cancelled);
        (await EventsAsync(run.Id)).Select(e => e.Type).Should().BeEquivalentTo([RunEventTypes.Paused, RunEventTypes.Cancelled]);
        (await Executions.GetAsync(ErrorWorkflowStarter.ErrorRunId(run.Id), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task With_the_default_a_failed_node_fails_the_run_and_starts_its_error_workflow()
    {
        _server.Script("/orders", new LocalHttpServer.Reply(500, "{\"error\":\"down\"}"));

        var run = await RunAsync(await OrderSyncAsync(FailureAction.Fail));

        run.Status.Should().Be(ExecutionStatus.Failed);
        await WaitForStatusAsync(ErrorWorkflowStarter.ErrorRunId(run.Id), ExecutionStatus.Completed);
    }
}

public sealed class InMemoryPauseOnFailureScenarios : PauseOnFailureScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
