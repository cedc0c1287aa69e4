using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Execution.SubWorkflows;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Outbox;

/// <summary>
/// Reactions to finished runs go through the outbox. A host whose dispatcher is off stands for a process that died right
/// after its final commit, before any reaction: after a restart the reaction happens, once.
/// </summary>
public abstract class OutboxScenarios : EngineScenarioBase
{
    private bool _dispatch = true;

    /// <summary>Fails the first <see cref="FailuresLeft"/> deliveries of completed runs, to watch retries.</summary>
    protected sealed class FlakyHandler : IOutboxHandler
    {
        public int FailuresLeft { get; set; }
        public int Calls { get; private set; }
        public bool Handles(OutboxMessage message) => message.Type == RunEventTypes.Completed && message.SubscriptionId is null;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Calls++;
            if (FailuresLeft-- > 0) throw new InvalidOperationException($"receiver down ({Calls})");
            return Task.CompletedTask;
        }
    }

    protected FlakyHandler Flaky { get; } = new();

    protected override void ConfigureEngine(EngineOptions options)
    {
        options.Outbox.DispatchEnabled = _dispatch;
        options.Outbox.FirstRetryDelay = TimeSpan.FromMilliseconds(20);
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(50);
        options.Outbox.MaxAttempts = 3;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IOutboxHandler>(Flaky);

    /// <summary>The process "dies" after its commits: a new host with the dispatcher off, over the same data.</summary>
    private Task CrashAfterCommitsAsync() => RestartWithDispatchAsync(false);

    private async Task RestartWithDispatchAsync(bool dispatch)
    {
        _dispatch = dispatch;
        await RestartHostAsync();
    }

    private static WorkflowDefinition Sleeper(string duration) => new WorkflowBuilder("sleeper")
        .Trigger()
        .Node("sleep", "delay", new { duration })
        .Node("done", "transform", new { fields = new { total = "{{ 42 }}" } })
        .Chain("start", "sleep", "done")
        .Build();

    private static WorkflowDefinition Calling(Guid child) => new WorkflowBuilder("parent")
        .Trigger()
        .Node("call", "sub-workflow", new { workflow = child.ToString() })
        .Node("after", "transform", new { fields = new { fromChild = "{{ $json.total }}" } })
        .Chain("start", "call", "after")
        .Build();

    private static WorkflowDefinition Reporter() => new WorkflowBuilder("alerts")
        .Trigger()
        .Node("report", "transform", new { fields = new { message = "{{ $input.error.message }}" } })
        .Chain("start", "report")
        .Build();

    private static WorkflowDefinition Failing(Guid errorWorkflow) => new WorkflowBuilder("charging")
        .Trigger()
        .Node("charge", "fail", new { message = "Card declined" })
        .Chain("start", "charge")
        .Settings(s => s.ErrorWorkflowId = errorWorkflow)
        .Build();

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) => (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private async Task<IReadOnlyList<ExecutionRecord>> ChildrenAsync(Guid parentId, ExecutionMode mode) =>
        (await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = parentId, Mode = mode }, CancellationToken.None)).Items;

    private async Task<OutboxMessage> WaitForRowAsync(Guid executionId, string type, OutboxState state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var rows = await Host.Outbox.QueryAsync(new OutboxQuery { ExecutionId = executionId, Type = type }, CancellationToken.None);
            if (rows.Items.FirstOrDefault(r => r.State == state) is { } row) return row;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {state} {type} row for {executionId}: {string.Join(", ", rows.Items.Select(r => r.State))}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_finished_run_commits_one_row_of_its_status_and_the_dispatcher_marks_it_done()
    {
        var run = await RunAsync(Sleeper("1ms"));

        var row = await WaitForRowAsync(run.Id, RunEventTypes.Completed, OutboxState.Done);
        var rows = await Host.Outbox.QueryAsync(new OutboxQuery { ExecutionId = run.Id }, CancellationToken.None);
        rows.Items.Should().ContainSingle("a linear run without waits or pauses moves to one status others react to");
        row.Attempts.Should().Be(1);
        var payload = JsonNode.Parse(row.Payload)!;
        payload["type"]!.GetValue<string>().Should().Be("execution.completed");
        payload["execution"]!["status"]!.GetValue<string>().Should().Be("completed", "the payload shows the record as committed");
    }

    [Fact]
    public async Task A_failure_committed_just_before_a_crash_starts_its_error_workflow_once_after_the_restart()
    {
        await CrashAfterCommitsAsync();
        var alerts = await SaveAsync(Reporter());
        var failed = await RunAsync(Failing(alerts));
        failed.Status.Should().Be(ExecutionStatus.Failed);
        await WaitForRowAsync(failed.Id, RunEventTypes.Failed, OutboxState.Pending);
        (await ChildrenAsync(failed.Id, ExecutionMode.ErrorWorkflow)).Should().BeEmpty("the process died before it reacted");

        await RestartWithDispatchAsync(true);

        await WaitForRowAsync(failed.Id, RunEventTypes.Failed, OutboxState.Done);
        var errorRun = (await ChildrenAsync(failed.Id, ExecutionMode.ErrorWorkflow)).Should().ContainSingle().Subject;
        (await WaitForStatusAsync(errorRun.Id, ExecutionStatus.Completed)).Output!["message"]!.GetValue<string>().Should().Contain("Card declined");

        // A repeated delivery (a crash after the reaction, before "done" was written) changes nothing.
        var row = await WaitForRowAsync(failed.Id, RunEventTypes.Failed, OutboxState.Done);
        await Host.Get<IEnumerable<IOutboxHandler>>().OfType<RunReactions>().Single().HandleAsync(row, CancellationToken.None);
        (await ChildrenAsync(failed.Id, ExecutionMode.ErrorWorkflow)).Should().ContainSingle("the error workflow run's id is derived from the failed run");
    }

    [Fact]
    public async Task A_child_that_finished_just_before_a_crash_wakes_its_parent_right_after_the_restart_not_at_its_next_recheck()
    {
        await CrashAfterCommitsAsync();
        var child = await SaveAsync(Sleeper("300ms"));
        var parent = await StartAsync(Calling(child));
        var childRun = await WaitForFinishedChildAsync(parent.Id);
        childRun.Status.Should().Be(ExecutionStatus.Completed);
        (await Executions.GetAsync(parent.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Waiting,
            "nobody told the parent; it would re-check only a minute after it parked");

        await RestartWithDispatchAsync(true);

        var done = await WaitForStatusAsync(parent.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);   // well inside the minute
        done.Output!["fromChild"]!.ToJsonString().Should().Be("42");
        (await TraceAsync(parent.Id)).Count(t => t.StartsWith("after:")).Should().Be(1, "the parent continued once");
        await WaitForRowAsync(childRun.Id, RunEventTypes.Completed, OutboxState.Done);
    }

    [Fact]
    public async Task Children_of_a_parent_cancelled_just_before_a_crash_are_cancelled_after_the_restart()
    {
        await CrashAfterCommitsAsync();
        var child = await SaveAsync(Sleeper("30s"));
        var parent = await StartAsync(Calling(child));
        var childRun = await WaitForChildAsync(parent.Id);
        await Engine.CancelAsync(parent.Id, CancellationToken.None);
        await WaitForRowAsync(parent.Id, RunEventTypes.Cancelled, OutboxState.Pending);
        (await Executions.GetAsync(childRun.Id, CancellationToken.None))!.IsActive.Should().BeTrue("the process died before it reacted");

        await RestartWithDispatchAsync(true);

        (await WaitForStatusAsync(childRun.Id, ExecutionStatus.Cancelled, ExecutionStatus.Completed)).Status.Should().Be(ExecutionStatus.Cancelled);
        await WaitForRowAsync(parent.Id, RunEventTypes.Cancelled, OutboxState.Done);
    }

    [Fact]
    public async Task A_failing_reaction_is_retried_with_backoff_until_it_succeeds()
    {
        Flaky.FailuresLeft = 2;

        var run = await RunAsync(Sleeper("1ms"));

        var row = await WaitForRowAsync(run.Id, RunEventTypes.Completed, OutboxState.Done);
        row.Attempts.Should().Be(3);
        Flaky.Calls.Should().Be(3);
    }

    [Fact]
    public async Task A_reaction_that_keeps_failing_is_marked_failed_and_stays_visible_with_its_error()
    {
        Flaky.FailuresLeft = int.MaxValue;

        var run = await RunAsync(Sleeper("1ms"));

        var row = await WaitForRowAsync(run.Id, RunEventTypes.Completed, OutboxState.Failed);
        row.Attempts.Should().Be(3, "MaxAttempts");
        row.LastError.Should().Be("receiver down (3)");
        (await Host.Outbox.QueryAsync(new OutboxQuery { State = OutboxState.Failed }, CancellationToken.None)).Items.Should().Contain(r => r.Id == row.Id);
    }

    private async Task<ExecutionRecord> WaitForChildAsync(Guid parentId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if ((await ChildrenAsync(parentId, ExecutionMode.SubWorkflow)).FirstOrDefault() is { } child) return child;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Execution {parentId} started no child run.");
            await Task.Delay(10);
        }
    }

    private async Task<ExecutionRecord> WaitForFinishedChildAsync(Guid parentId)
    {
        var child = await WaitForChildAsync(parentId);
        var finished = await WaitForStatusAsync(child.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled);
        await WaitForStatusAsync(parentId, ExecutionStatus.Waiting);
        return finished;
    }
}

public sealed class InMemoryOutboxScenarios : OutboxScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
