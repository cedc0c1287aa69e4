using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Compensation;

/// <summary>
/// What follows a rollback's end: a run whose rollback failed is a failure that needs attention (its error workflow
/// starts), a compensated run's failure was handled (no error workflow); either way the run has ended, so its lock key
/// goes to the next queued run and a waiting parent learns of it. The wait timer is slowed to an hour, so only the
/// run's own reactions can release a queue or wake a parent here.
/// </summary>
public abstract class CompensationReactionScenarios : EngineScenarioBase
{
    protected override void ConfigureEngine(EngineOptions options) => options.WaitCheckInterval = TimeSpan.FromHours(1);

    /// <summary>start → [gate: an approval] → book → boom (fails); book's compensating path undoes it, or fails to.</summary>
    private static WorkflowDefinition Booking(string name, bool undoFails = false, Guid? errorWorkflowId = null, bool gated = false)
    {
        var builder = new WorkflowBuilder(name).Trigger()
            .Settings(s =>
            {
                s.DefaultRetryPolicy = RetryPolicyNames.None;
                s.ErrorWorkflowId = errorWorkflowId;
            })
            .Node("book", "transform", new { fields = new { booked = true } }, n => { n.Name = "Book"; n.Policy.Compensate = true; })
            .Node("boom", "fail", new { message = "No seats" })
            .Connect("book", "unbook", "compensate");
        builder = undoFails
            ? builder.Node("unbook", "fail", new { message = "Booking service down" })
            : builder.Node("unbook", "transform", new { fields = new { unbooked = true } });
        builder = gated
            ? builder.Node("gate", "wait-for-approval", new { title = "Go?" }).Chain("start", "gate").Connect("gate", "book", "approved").Chain("book", "boom")
            : builder.Chain("start", "book", "boom");
        return builder.Build();
    }

    private static WorkflowDefinition Reporter() => new WorkflowBuilder("alerts").Trigger()
        .Node("report", "transform", new { fields = new { status = "{{ $input.execution.status }}", message = "{{ $input.error.message }}" } })
        .Chain("start", "report")
        .Build();

    private static readonly ExecutionStatus[] Ended = [ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled,
        ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed];

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) => (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private async Task<ExecutionRecord> RunToEndAsync(WorkflowDefinition workflow) => await WaitForStatusAsync((await StartAsync(workflow)).Id, Ended);

    private async Task<IReadOnlyList<ExecutionRecord>> ErrorRunsOfAsync(Guid executionId) =>
        (await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = executionId, Mode = ExecutionMode.ErrorWorkflow }, CancellationToken.None)).Items;

    /// <summary>The run's own reactions (its end's outbox row) have been delivered: what they did not start, they never will.</summary>
    private async Task WaitForReactionsAsync(ExecutionRecord run)
    {
        var type = RunEventTypes.ForStatus(run.Status);
        await EventuallyAsync(async () => (await Host.Outbox.QueryAsync(new OutboxQuery { ExecutionId = run.Id, Type = type }, CancellationToken.None))
            .Items.Any(r => r.SubscriptionId is null && r.State == OutboxState.Done));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in 30 s.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_run_whose_rollback_fails_starts_its_error_workflow_and_a_compensated_run_does_not()
    {
        var reporter = await SaveAsync(Reporter());

        var handled = await RunToEndAsync(Booking("handled", errorWorkflowId: reporter));
        var unhandled = await RunToEndAsync(Booking("unhandled", undoFails: true, errorWorkflowId: reporter));

        unhandled.Status.Should().Be(ExecutionStatus.CompensationFailed);
        await EventuallyAsync(async () => (await ErrorRunsOfAsync(unhandled.Id)).Count == 1);
        var errorRun = await WaitForStatusAsync((await ErrorRunsOfAsync(unhandled.Id)).Single().Id, Ended);
        errorRun.Status.Should().Be(ExecutionStatus.Completed, errorRun.ErrorMessage);
        errorRun.Input!["execution"]!["status"]!.GetValue<string>().Should().Be("compensationFailed");
        errorRun.Input!["error"]!["message"]!.GetValue<string>().Should().Contain("Compensation of node 'Book' failed");

        handled.Status.Should().Be(ExecutionStatus.Compensated);
        await WaitForReactionsAsync(handled);
        (await ErrorRunsOfAsync(handled.Id)).Should().BeEmpty("the rollback handled the failure");
    }

    [Fact]
    public async Task A_compensated_run_hands_its_lock_key_to_the_next_queued_run()
    {
        var workflow = await SaveAsync(Booking("locked", gated: true));
        var holder = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflow, LockKey = "seat-12" }, CancellationToken.None);
        await WaitForStatusAsync(holder.Id, ExecutionStatus.Waiting);
        var queued = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflow, LockKey = "seat-12" }, CancellationToken.None);
        queued.Status.Should().Be(ExecutionStatus.Queued);

        await Engine.SignalAsync(holder.Id, "gate", new JsonObject { ["decision"] = "approve", ["by"] = "alice" }, CancellationToken.None);

        (await WaitForStatusAsync(holder.Id, Ended)).Status.Should().Be(ExecutionStatus.Compensated);
        (await WaitForStatusAsync(queued.Id, ExecutionStatus.Waiting, ExecutionStatus.Running)).LockKey.Should().Be("seat-12",
            "the compensated holder has ended: the queued run holds the key now");
    }

    [Fact]
    public async Task A_compensated_sub_workflow_run_wakes_its_waiting_parent_which_fails_with_the_childs_error()
    {
        var child = await SaveAsync(Booking("child"));
        var parent = new WorkflowBuilder("parent").Trigger()
            .Node("call", "sub-workflow", new { workflow = child.ToString() }, n => n.Name = "Call booking")
            .Chain("start", "call")
            .Build();

        var run = await RunToEndAsync(parent);

        run.Status.Should().Be(ExecutionStatus.Failed);
        var call = (await NodeRunsAsync(run.Id, "call")).Last();
        call.Error.Should().Contain("No seats");
        call.Error.Should().Contain("failed");
    }

    [Fact]
    public async Task Run_metrics_count_an_undone_node_as_compensated_not_as_another_activation()
    {
        var run = await RunToEndAsync(Booking("metrics"));

        var metrics = RunMetrics.From(await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None));

        run.Status.Should().Be(ExecutionStatus.Compensated);
        var book = metrics.Nodes.Single(n => n.NodeId == "book");
        (book.Activations, book.Succeeded, book.Attempts, book.Compensated).Should().Be((1, 1, 1, 1));
        var unbook = metrics.Nodes.Single(n => n.NodeId == "unbook");
        (unbook.Activations, unbook.Succeeded, unbook.Compensated).Should().Be((1, 1, 0), "the compensating path's own node ran once");
        metrics.Activations.Should().Be(4, "start, book, boom and unbook ran; the marker on book is no activation");
    }
}

public sealed class InMemoryCompensationReactionScenarios : CompensationReactionScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
