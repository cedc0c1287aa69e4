using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes.Actions;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Waits: a run parks without a worker, continues on a signal or its timer, survives restarts, and can be cancelled.</summary>
public abstract class WaitScenarios : EngineScenarioBase
{
    protected override void ConfigureEngine(EngineOptions options) => options.WaitCheckInterval = TimeSpan.FromMilliseconds(50);

    private static WorkflowDefinition ApprovalWorkflow(string? timeout = null) => new WorkflowBuilder("approval")
        .Trigger()
        .Node("approve", "wait-for-approval", new { title = "Pay invoice {{ $input.number }}", message = "Amount: {{ $input.amount }}", timeout })
        .Node("paid", "transform", new { fields = new { status = "paid", by = "{{ $json.by }}" } })
        .Node("refused", "transform", new { fields = new { status = "refused", why = "{{ $json.comment }}" } })
        .Node("expired", "transform", new { fields = new { status = "expired" } })
        .Connect("start", "approve")
        .Connect("approve", "paid", "approved")
        .Connect("approve", "refused", "rejected")
        .Connect("approve", "expired", "timeout")
        .Build();

    private static readonly JsonObject Invoice = new() { ["number"] = "INV-7", ["amount"] = 120 };

    private static JsonObject Decision(string decision, string by = "alice", string? comment = null) =>
        new() { ["decision"] = decision, ["by"] = by, ["comment"] = comment, ["at"] = DateTimeOffset.UtcNow };

    private async Task<ExecutionRecord> StartWaitingAsync(WorkflowDefinition workflow)
    {
        var run = await StartAsync(workflow, Invoice.DeepClone());
        return await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting, ExecutionStatus.Failed, ExecutionStatus.Completed);
    }

    private LiveRuns Live => Host.Get<LiveRuns>();

    [Fact]
    public async Task An_approval_parks_the_run_as_waiting_and_releases_its_worker()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        waiting.Status.Should().Be(ExecutionStatus.Waiting, waiting.ErrorMessage);
        waiting.WakeAt.Should().BeNull("an approval without a timeout has no timer");
        Live.IsLive(waiting.Id).Should().BeFalse("a waiting run holds no worker");
        var node = (await NodeRunsAsync(waiting.Id, "approve")).Single();
        node.Status.Should().Be(NodeExecutionStatus.Waiting);
        node.Progress!.Message.Should().Be("Waiting for approval");
        var state = RunState.Deserialize(waiting.Id, (await Executions.GetCheckpointAsync(waiting.Id, CancellationToken.None))!.StateJson);
        var request = WaitForApprovalNode.Request(state.Agenda.Single(a => a.IsWaiting).NodeState);
        request.Title.Should().Be("Pay invoice INV-7");
        request.Message.Should().Be("Amount: 120");
    }

    [Fact]
    public async Task Approving_continues_on_the_approved_port_with_who_decided()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        var signalled = await Engine.SignalAsync(waiting.Id, "approve", Decision("approve", "alice", "fine"), CancellationToken.None);
        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        signalled.Status.Should().BeOneOf(ExecutionStatus.Running, ExecutionStatus.Completed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["status"]!.GetValue<string>().Should().Be("paid");
        done.Output["by"]!.GetValue<string>().Should().Be("alice");
        var approval = (await NodeRunsAsync(waiting.Id, "approve")).Single();
        approval.Status.Should().Be(NodeExecutionStatus.Succeeded);
        approval.OutputPort.Should().Be("approved");
        approval.Output!["comment"]!.GetValue<string>().Should().Be("fine");
        (await TraceAsync(waiting.Id)).Should().Contain(["refused:Skipped", "expired:Skipped"]);
        var logs = await Executions.GetLogsAsync(waiting.Id, new LogQuery { NodeId = "approve" }, CancellationToken.None);
        logs.Items.Should().Contain(l => l.Message == "Approved by alice: fine");
    }

    [Fact]
    public async Task Rejecting_takes_the_rejected_port()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        await Engine.SignalAsync(waiting.Id, "approve", Decision("reject", "bob", "too expensive"), CancellationToken.None);
        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Output!["status"]!.GetValue<string>().Should().Be("refused");
        done.Output["why"]!.GetValue<string>().Should().Be("too expensive");
        (await TraceAsync(waiting.Id)).Should().Contain(["approve:Succeeded:rejected", "paid:Skipped", "expired:Skipped"]);
    }

    [Fact]
    public async Task Of_concurrent_signals_to_one_approval_exactly_one_wins()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Engine.SignalAsync(waiting.Id, "approve", Decision(i % 2 == 0 ? "approve" : "reject", $"user{i}"), CancellationToken.None);
                return true;
            }
            catch (InvalidTransitionException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);
        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        outcomes.Count(won => won).Should().Be(1);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        var approval = (await NodeRunsAsync(waiting.Id, "approve")).Single();
        var winner = Array.IndexOf(outcomes, true);
        approval.Output!["by"]!.GetValue<string>().Should().Be($"user{winner}");
    }

    [Fact]
    public async Task A_signal_where_nothing_waits_is_refused_and_an_unknown_run_is_not_found()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        var wrongNode = () => Engine.SignalAsync(waiting.Id, "paid", Decision("approve"), CancellationToken.None);
        await wrongNode.Should().ThrowAsync<InvalidTransitionException>();
        var unknown = () => Engine.SignalAsync(Guid.NewGuid(), "approve", Decision("approve"), CancellationToken.None);
        await unknown.Should().ThrowAsync<NotFoundException>();

        await Engine.SignalAsync(waiting.Id, "approve", Decision("approve"), CancellationToken.None);
        await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed);
        var again = () => Engine.SignalAsync(waiting.Id, "approve", Decision("approve"), CancellationToken.None);
        (await again.Should().ThrowAsync<InvalidTransitionException>()).Which.Current.Should().Be(ExecutionStatus.Completed);
    }

    [Fact]
    public async Task A_payload_without_a_decision_leaves_the_approval_waiting()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        await Engine.SignalAsync(waiting.Id, "approve", new JsonObject { ["decision"] = "maybe" }, CancellationToken.None);
        await WaitForNodeLogAsync(waiting.Id, "Ignored a signal");
        var still = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Waiting);

        (await NodeRunsAsync(waiting.Id, "approve")).Single().Status.Should().Be(NodeExecutionStatus.Waiting);
        await Engine.SignalAsync(still.Id, "approve", Decision("approve"), CancellationToken.None);
        (await WaitForStatusAsync(still.Id, ExecutionStatus.Completed)).Output!["status"]!.GetValue<string>().Should().Be("paid");
    }

    [Fact]
    public async Task An_approval_without_a_decision_times_out_on_the_timeout_port()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow(timeout: "300ms"));
        waiting.WakeAt.Should().NotBeNull("the timeout is the run's wake time");

        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Output!["status"]!.GetValue<string>().Should().Be("expired");
        (await TraceAsync(waiting.Id)).Should().Contain(["approve:Succeeded:timeout", "paid:Skipped", "refused:Skipped"]);
    }

    [Fact]
    public async Task A_waiting_approval_survives_a_restart_and_recovery_leaves_it_waiting()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        await RestartHostAsync();
        var recovered = await Engine.RecoverAsync(CancellationToken.None);
        var after = await Executions.GetAsync(waiting.Id, CancellationToken.None);

        recovered.Should().Be(0, "a waiting run is not re-run by recovery");
        after!.Status.Should().Be(ExecutionStatus.Waiting);
        await Engine.SignalAsync(waiting.Id, "approve", Decision("approve", "carol"), CancellationToken.None);
        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Output!["by"]!.GetValue<string>().Should().Be("carol");
        (await NodeRunsAsync(waiting.Id, "approve")).Should().ContainSingle("the approval's record is updated, not duplicated");
    }

    [Fact]
    public async Task Wait_until_resumes_on_time_after_a_restart()
    {
        var workflow = new WorkflowBuilder("timer")
            .Trigger()
            .Node("sleep", "wait-until", new { mode = "duration", duration = "700ms" })
            .Node("after", "transform", new { fields = new { woke = "{{ $input.number }}" } })
            .Chain("start", "sleep", "after")
            .Build();
        var waiting = await StartWaitingAsync(workflow);
        waiting.Status.Should().Be(ExecutionStatus.Waiting, waiting.ErrorMessage);
        var wakeAt = waiting.WakeAt!.Value;

        await RestartHostAsync();
        var done = await WaitForStatusAsync(waiting.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["woke"]!.GetValue<string>().Should().Be("INV-7");
        var sleep = (await NodeRunsAsync(waiting.Id, "sleep")).Single();
        sleep.FinishedAt.Should().BeOnOrAfter(wakeAt, "the run never resumes before its time");
    }

    [Fact]
    public async Task Wait_until_a_time_already_past_continues_at_once()
    {
        var workflow = new WorkflowBuilder("past")
            .Trigger()
            .Node("sleep", "wait-until", new { mode = "until", until = "2001-01-01T00:00:00Z" })
            .Chain("start", "sleep")
            .Build();

        var done = await RunAsync(workflow, Invoice.DeepClone());

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await TraceAsync(done.Id)).Should().Contain("sleep:Succeeded:out");
    }

    [Fact]
    public async Task Other_branches_keep_running_while_one_waits_and_a_live_run_takes_a_signal()
    {
        var workflow = new WorkflowBuilder("branches")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Go?" })
            .Node("slow", "delay", new { duration = "1500ms" })
            .Node("slowDone", "set-variables", new { variables = WorkflowBuilder.Vars(("slow", "done")) })
            .Connect("start", "approve")
            .Connect("start", "slow")
            .Connect("slow", "slowDone")
            .Build();
        var run = await StartAsync(workflow, Invoice.DeepClone());
        await WaitForNodeAsync(run.Id, "approve", NodeExecutionStatus.Waiting);

        Live.IsLive(run.Id).Should().BeTrue("the delay branch still runs");
        await Engine.SignalAsync(run.Id, "approve", Decision("approve"), CancellationToken.None);
        var approval = await WaitForNodeAsync(run.Id, "approve", NodeExecutionStatus.Succeeded);
        var slowDone = await WaitForNodeAsync(run.Id, "slowDone", NodeExecutionStatus.Succeeded);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        approval.FinishedAt.Should().BeBefore(slowDone.FinishedAt!.Value, "the signal reached the live run while the other branch was running");
    }

    [Fact]
    public async Task A_run_waits_only_once_its_other_branches_are_done()
    {
        var workflow = new WorkflowBuilder("branches")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Go?" })
            .Node("slow", "delay", new { duration = "300ms" })
            .Node("slowDone", "set-variables", new { variables = WorkflowBuilder.Vars(("slow", "done")) })
            .Connect("start", "approve")
            .Connect("start", "slow")
            .Connect("slow", "slowDone")
            .Build();

        var waiting = await StartWaitingAsync(workflow);

        waiting.Status.Should().Be(ExecutionStatus.Waiting);
        (await NodeRunsAsync(waiting.Id, "slowDone")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task A_waiting_run_can_be_cancelled_but_not_paused()
    {
        var waiting = await StartWaitingAsync(ApprovalWorkflow());

        var pause = () => Engine.PauseAsync(waiting.Id, CancellationToken.None);
        (await pause.Should().ThrowAsync<InvalidTransitionException>()).Which.Current.Should().Be(ExecutionStatus.Waiting);
        var cancelled = await Engine.CancelAsync(waiting.Id, CancellationToken.None);

        cancelled.Status.Should().Be(ExecutionStatus.Cancelled);
        (await Executions.GetCheckpointAsync(waiting.Id, CancellationToken.None))!.IsActive.Should().BeFalse();
        var approve = () => Engine.SignalAsync(waiting.Id, "approve", Decision("approve"), CancellationToken.None);
        await approve.Should().ThrowAsync<InvalidTransitionException>();
    }

    [Fact]
    public async Task A_thousand_parked_runs_are_rows_in_the_store_and_nothing_live()
    {
        const int count = 1000;
        var saved = await Host.Workflows.SaveAsync(ApprovalWorkflow(), "test", CancellationToken.None);
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(n => Engine.StartAsync(
            new StartExecutionRequest { WorkflowId = saved.WorkflowId, Input = new JsonObject { ["number"] = n } }, CancellationToken.None)));
        await WaitForWaitingCountAsync(count);

        Live.Count.Should().Be(0, "parked runs hold no worker and no in-memory run");
        var sample = started[count / 2];
        await Engine.SignalAsync(sample.Id, "approve", Decision("approve"), CancellationToken.None);
        (await WaitForStatusAsync(sample.Id, ExecutionStatus.Completed)).Output!["status"]!.GetValue<string>().Should().Be("paid");
    }

    /// <summary>One query per poll (not one poller per run), so watching a thousand runs does not itself load the store.</summary>
    private async Task WaitForWaitingCountAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await Executions.ListByStatusAsync([ExecutionStatus.Waiting], CancellationToken.None)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Fewer than {count} runs reached Waiting.");
            await Task.Delay(100);
        }
    }

    private async Task WaitForNodeLogAsync(Guid executionId, string startsWith)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Executions.GetLogsAsync(executionId, new LogQuery { Search = startsWith }, CancellationToken.None)).Items.Count == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No log line '{startsWith}'.");
            await Task.Delay(10);
        }
    }
}

public sealed class InMemoryWaitScenarios : WaitScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
