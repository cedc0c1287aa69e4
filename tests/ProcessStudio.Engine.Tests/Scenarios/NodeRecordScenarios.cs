using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// What the node records say once a run stops: a wait or a pause that a cancel or a failure cuts short ends cancelled with
/// a finish time, a skip is not an activation, and a failure that is never retried does not count attempts it never had.
/// </summary>
public abstract class NodeRecordScenarios : EngineScenarioBase
{
    protected override void ConfigureEngine(EngineOptions options)
    {
        options.WaitCheckInterval = TimeSpan.FromMilliseconds(50);
        options.MaxSubWorkflowDepth = 2;
    }

    private static WorkflowDefinition Waiting(string type, object settings, string port = "out") => new WorkflowBuilder($"waits at {type}")
        .Trigger()
        .Node("wait", type, settings)
        .Node("after", "transform", new { fields = new { done = true } })
        .Connect("start", "wait")
        .Connect("wait", "after", port)
        .Build();

    private async Task<ExecutionRecord> StartWaitingAsync(WorkflowDefinition workflow)
    {
        var run = await StartAsync(workflow);
        var waiting = await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting, ExecutionStatus.Failed, ExecutionStatus.Completed);
        waiting.Status.Should().Be(ExecutionStatus.Waiting, waiting.ErrorMessage);
        return waiting;
    }

    /// <summary>The node's one record ended cancelled, with a finish time no earlier than its start.</summary>
    private async Task ShouldEndCancelledAsync(Guid executionId, string nodeId)
    {
        var record = (await NodeRunsAsync(executionId, nodeId)).Should().ContainSingle().Subject;
        record.Status.Should().Be(NodeExecutionStatus.Cancelled);
        record.FinishedAt.Should().NotBeNull().And.BeOnOrAfter(record.StartedAt);
    }

    [Fact]
    public async Task Cancelling_a_run_waiting_for_an_approval_ends_the_approval_cancelled()
    {
        var run = await StartWaitingAsync(Waiting("wait-for-approval", new { title = "Pay?" }, "approved"));

        (await Engine.CancelAsync(run.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Cancelled);

        await ShouldEndCancelledAsync(run.Id, "wait");
        (await NodeRunsAsync(run.Id, "after")).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_run_in_a_wait_until_ends_the_wait_cancelled()
    {
        var run = await StartWaitingAsync(Waiting("wait-until", new { mode = "duration", duration = "1h" }));

        await Engine.CancelAsync(run.Id, CancellationToken.None);

        await ShouldEndCancelledAsync(run.Id, "wait");
    }

    [Fact]
    public async Task Cancelling_a_run_waiting_for_its_sub_workflow_ends_the_sub_workflow_node_cancelled()
    {
        var child = await Host.Workflows.SaveAsync(Waiting("wait-for-approval", new { title = "Child waits" }, "approved"), "test", CancellationToken.None);
        var run = await StartWaitingAsync(Waiting("sub-workflow", new { workflow = child.WorkflowId.ToString() }));

        await Engine.CancelAsync(run.Id, CancellationToken.None);

        await ShouldEndCancelledAsync(run.Id, "wait");
    }

    [Fact]
    public async Task Cancelling_a_paused_run_ends_the_paused_node_cancelled()
    {
        var run = await StartAsync(Waiting("delay", new { duration = "5s" }));
        await WaitForNodeAsync(run.Id, "wait", NodeExecutionStatus.Waiting);
        await Engine.PauseAsync(run.Id, CancellationToken.None);
        (await NodeRunsAsync(run.Id, "wait")).Single().Status.Should().Be(NodeExecutionStatus.Paused);

        await Engine.CancelAsync(run.Id, CancellationToken.None);

        await ShouldEndCancelledAsync(run.Id, "wait");
    }

    [Fact]
    public async Task Cancelling_a_live_run_ends_both_its_running_node_and_its_waiting_branch_cancelled()
    {
        var workflow = new WorkflowBuilder("branches")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Ok?" })
            .Node("slow", "delay", new { duration = "10s" })
            .Connect("start", "approve")
            .Connect("start", "slow")
            .Build();
        var run = await StartAsync(workflow);
        await WaitForNodeAsync(run.Id, "approve", NodeExecutionStatus.Waiting);
        await WaitForNodeAsync(run.Id, "slow", NodeExecutionStatus.Waiting);

        (await Engine.CancelAsync(run.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Cancelled);

        await ShouldEndCancelledAsync(run.Id, "approve");
        await ShouldEndCancelledAsync(run.Id, "slow");
    }

    [Fact]
    public async Task A_failing_branch_ends_a_waiting_branch_cancelled()
    {
        var workflow = new WorkflowBuilder("fails while one waits")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Ok?" })
            .Node("pause", "delay", new { duration = "200ms" })
            .Node("boom", "fail", new { message = "Out of stock" })
            .Connect("start", "approve")
            .Chain("start", "pause", "boom")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        (await NodeRunsAsync(run.Id, "boom")).Single().Status.Should().Be(NodeExecutionStatus.Failed);
        await ShouldEndCancelledAsync(run.Id, "approve");
    }

    [Fact]
    public async Task A_node_that_ran_once_and_was_skipped_twice_counts_one_activation()
    {
        var workflow = new WorkflowBuilder("skips")
            .Trigger()
            .Node("repeat", "loop", new { condition = "$index < 3" })
            .Node("first", "if", new { condition = "$index == 0" })
            .Node("work", "delay", new { duration = "50ms" })
            .Connect("start", "repeat")
            .Connect("repeat", "first", "loop")
            .Connect("first", "work", "true")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var records = await NodeRunsAsync(run.Id, "work");
        records.Select(r => r.Status).Should().BeEquivalentTo(
            [NodeExecutionStatus.Succeeded, NodeExecutionStatus.Skipped, NodeExecutionStatus.Skipped]);
        var work = RunMetrics.From(await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None)).Nodes.Single(n => n.NodeId == "work");
        work.Activations.Should().Be(1);
        work.Skipped.Should().Be(2);
        work.AverageDurationMs.Should().BeGreaterThanOrEqualTo(40, "the average is of the one real activation, not diluted by skips");
    }

    [Fact]
    public async Task A_loop_that_hits_its_guard_logs_a_failure_that_is_not_retried()
    {
        var workflow = new WorkflowBuilder("endless")
            .Trigger()
            .Node("forever", "loop", new { condition = "true", maxIterations = 2 })
            .Node("body", "set-variables", new { variables = WorkflowBuilder.Vars(("n", "{{ $index }}")) })
            .Connect("start", "forever")
            .Connect("forever", "body", "loop")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Failed);
        await ShouldLogNotRetriedAsync(run.Id, "forever", "MaxIterations");
    }

    [Fact]
    public async Task A_sub_workflow_stopped_by_the_depth_guard_logs_a_failure_that_is_not_retried()
    {
        var recursive = new WorkflowBuilder("recursive").Trigger().Build();
        recursive.Nodes.Add(new NodeDefinition { Id = "again", Name = "again", Type = "sub-workflow", Settings = WorkflowBuilder.ToObject(new { workflow = recursive.Id.ToString() }) });
        recursive.Connections.Add(new Connection("start", "out", "again"));

        var top = await RunAsync(recursive);

        top.Status.Should().Be(ExecutionStatus.Failed);
        var deepest = top;
        while ((await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = deepest.Id }, CancellationToken.None)).Items.SingleOrDefault() is { } child)
            deepest = await WaitForStatusAsync(child.Id, ExecutionStatus.Failed, ExecutionStatus.Completed, ExecutionStatus.Cancelled);
        deepest.ErrorMessage.Should().Contain("levels deep");
        await ShouldLogNotRetriedAsync(deepest.Id, "again", "SubWorkflowDepth");
    }

    private async Task ShouldLogNotRetriedAsync(Guid executionId, string nodeId, string failureType)
    {
        var messages = (await Executions.GetLogsAsync(executionId, new LogQuery { NodeId = nodeId }, CancellationToken.None)).Items.Select(l => l.Message).ToList();
        messages.Should().NotContain(m => m.StartsWith("Attempt "), "the failure was never retried, so no attempt was counted down");
        messages.Should().Contain(m => m.StartsWith("Failed: ") && m.Contains("not retried") && m.Contains(failureType));
    }
}

public sealed class InMemoryNodeRecordScenarios : NodeRecordScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
