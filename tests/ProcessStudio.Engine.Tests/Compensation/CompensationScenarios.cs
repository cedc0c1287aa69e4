using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Compensation;

/// <summary>
/// Saga rollback: charge card → reserve stock → ship; when ship fails (or the run is cancelled, or an operator asks), the
/// completed nodes' compensating paths (release, then refund) run in reverse order of completion, durably.
/// </summary>
public abstract class CompensationScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    /// <summary>
    /// The order saga; <paramref name="extra"/> adds nodes and links to it. With <paramref name="refundNeedsApproval"/>
    /// the refund waits for an approval ("confirm-refund") on the compensating path.
    /// </summary>
    private WorkflowDefinition Saga(CompensationTrigger trigger = CompensationTrigger.OnFailure, Action<WorkflowBuilder>? extra = null,
        bool refundNeedsApproval = false)
    {
        var builder = new WorkflowBuilder("order saga").Trigger()
            .Settings(s =>
            {
                s.Compensation = trigger;
                s.DefaultRetryPolicy = RetryPolicyNames.None;
            })
            .Node("charge", "transform", new { fields = new { paymentId = "pay-{{ $input.order }}", amount = "{{ $input.amount }}" } },
                n => { n.Name = "Charge card"; n.Policy.Compensate = true; })
            .Node("reserve", "transform", new { fields = new { reservation = "res-{{ $input.order }}" } },
                n => { n.Name = "Reserve stock"; n.Policy.Compensate = true; })
            .Node("ship", "http-request", new { url = _server.Url("/ship") }, n => { n.Name = "Ship"; n.Policy.Compensate = true; })
            .Node("refund", "http-request", Undo("/refund", "{{ $compensating.output.paymentId }}"))
            .Node("release", "http-request", Undo("/release", "{{ $compensating.output.reservation }}"))
            .Node("unship", "http-request", Undo("/unship", "{{ $compensating.output }}"))
            .Chain("start", "charge", "reserve", "ship")
            .Connect("reserve", "release", "compensate")
            .Connect("ship", "unship", "compensate");
        builder = refundNeedsApproval
            ? builder.Node("confirm-refund", "wait-for-approval", new { title = "Refund {{ $compensating.output.paymentId }}?" })
                .Connect("charge", "confirm-refund", "compensate").Connect("confirm-refund", "refund", "approved")
            : builder.Connect("charge", "refund", "compensate");
        extra?.Invoke(builder);
        return builder.Build();
    }

    private object Undo(string path, string reference) => new
    {
        method = "POST",
        url = _server.Url(path),
        headers = new Dictionary<string, string> { ["Idempotency-Key"] = "{{ $compensating.key }}" },
        bodyType = "json",
        body = new { reference, reason = "{{ $compensating.reason }}" },
    };

    private static JsonObject Order => new() { ["order"] = 7, ["amount"] = 42 };

    private async Task<List<NodeExecutionRecord>> RecordsAsync(Guid executionId) =>
        [.. (await Executions.GetNodeExecutionsAsync(executionId, CancellationToken.None)).OrderBy(r => r.Step)];

    private static string Body(LocalHttpServer.Received request) => System.Text.Encoding.UTF8.GetString(request.Body);

    [Fact]
    public async Task A_failed_run_compensates_its_completed_nodes_in_reverse_order_and_keeps_the_original_error()
    {
        _server.Script("/ship", new Reply(500, """{"error":"no courier"}"""));
        _server.Script("/refund", new Reply(200, "{}"));
        _server.Script("/release", new Reply(200, "{}"));

        var run = await StartAsync(Saga(), Order);
        run = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        run.Status.Should().Be(ExecutionStatus.Compensated);
        run.ErrorNodeId.Should().Be("ship");
        run.ErrorMessage.Should().StartWith("Node 'Ship' failed:");
        run.StoppedAt.Should().NotBeNull();
        var records = await RecordsAsync(run.Id);
        var rollback = records.Where(r => r.Compensation).Select(r => $"{r.NodeId}:{r.Status}").ToList();
        rollback.Should().Equal("release:Succeeded", "reserve:Succeeded", "refund:Succeeded", "charge:Succeeded");
        records.Where(r => !r.Compensation).Select(r => $"{r.NodeId}:{r.Status}").Should().Equal(
            "start:Succeeded", "charge:Succeeded", "reserve:Succeeded", "ship:Failed");
        Body(_server.Requests("/refund").Single()).Should().Contain("\"reference\":\"pay-7\"").And.Contain("\"reason\":\"failure\"");
        Body(_server.Requests("/release").Single()).Should().Contain("\"reference\":\"res-7\"");
        _server.Hits("/unship").Should().Be(0, "ship failed: only completed nodes are compensated");
    }

    [Fact]
    public async Task Only_completed_nodes_are_compensated_not_skipped_failed_or_never_run_ones()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/refund", new Reply(200, "{}"));
        _server.Script("/release", new Reply(200, "{}"));
        _server.Script("/gift", new Reply(200, "{}"));
        var workflow = Saga(extra: b => b
            .Node("vip", "if", new { condition = "$input.amount > 1000" })
            .Node("gift", "transform", new { fields = new { gift = true } }, n => n.Policy.Compensate = true)
            .Node("ungift", "http-request", Undo("/gift", "x"))
            .Node("invoice", "transform", new { fields = new { invoiced = true } }, n => n.Policy.Compensate = true)
            .Node("uninvoice", "http-request", Undo("/gift", "y"))
            .Connect("start", "vip").Connect("vip", "gift", "true")
            .Connect("gift", "ungift", "compensate")
            .Connect("ship", "invoice").Connect("invoice", "uninvoice", "compensate"));

        var run = await StartAsync(workflow, Order);
        run = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        run.Status.Should().Be(ExecutionStatus.Compensated);
        (await NodeRunsAsync(run.Id, "gift")).Single().Status.Should().Be(NodeExecutionStatus.Skipped);
        (await NodeRunsAsync(run.Id, "invoice")).Should().BeEmpty("it never ran");
        _server.Hits("/gift").Should().Be(0, "neither the skipped gift nor the never-run invoice is undone");
        _server.Hits("/unship").Should().Be(0, "the failed ship is not undone");
        _server.Hits("/refund").Should().Be(1);
        _server.Hits("/release").Should().Be(1);
    }

    [Fact]
    public async Task A_cancelled_run_compensates_when_the_workflow_says_onFailureOrCancel_and_not_by_default()
    {
        _server.Script("/ship", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(30)));
        _server.Script("/refund", new Reply(200, "{}"));
        _server.Script("/release", new Reply(200, "{}"));

        var rolledBack = await StartAsync(Saga(CompensationTrigger.OnFailureOrCancel), Order);
        await WaitUntilAsync(() => _server.Hits("/ship") == 1);
        var answer = await Engine.CancelAsync(rolledBack.Id, CancellationToken.None);

        answer.Status.Should().Be(ExecutionStatus.Compensated, "a live run rolls back before cancel returns");
        answer.ErrorMessage.Should().Be("Execution cancelled.");
        (await RecordsAsync(rolledBack.Id)).Where(r => r.Compensation && r.NodeId is "reserve" or "charge").Select(r => r.NodeId)
            .Should().Equal("reserve", "charge");
        Body(_server.Requests("/refund").Single()).Should().Contain("\"reason\":\"cancel\"");

        var plain = await StartAsync(Saga(), Order);
        await WaitUntilAsync(() => _server.Hits("/ship") == 2);
        (await Engine.CancelAsync(plain.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Cancelled);
        _server.Hits("/refund").Should().Be(1, "compensation: onFailure does not roll back a cancel");
    }

    [Fact]
    public async Task A_paused_run_cancelled_with_onFailureOrCancel_is_rolled_back_by_a_worker()
    {
        _server.Script("/refund", new Reply(200, "{}"));
        _server.Script("/release", new Reply(200, "{}"));
        var workflow = Saga(CompensationTrigger.OnFailureOrCancel);
        var run = await StartAsync(workflow, Order, breakpoints: ["ship"]);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Paused);

        var answer = await Engine.CancelAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        answer.Status.Should().Be(ExecutionStatus.Running, "the rollback runs on a worker after the cancel returns");
        done.Status.Should().Be(ExecutionStatus.Compensated);
        _server.Hits("/release").Should().Be(1);
        _server.Hits("/refund").Should().Be(1);
        _server.Hits("/ship").Should().Be(0);
    }

    [Fact]
    public async Task A_compensating_path_that_fails_after_its_retries_stops_the_rollback_and_compensating_again_continues_it()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/release", new Reply(503, "{}"), new Reply(503, "{}"), new Reply(503, "{}"), new Reply(200, "{}"));
        _server.Script("/refund", new Reply(200, "{}"));
        var workflow = Saga();
        workflow.Nodes.Single(n => n.Id == "release").Policy = new NodePolicy
        {
            RetryPolicy = RetryPolicyNames.Custom,
            Custom = new CustomRetryPolicy { MaxRetries = 2, DelayMs = 10, Backoff = BackoffKind.Constant, RetryOn = ["any"] },
        };

        var run = await StartAsync(workflow, Order);
        var failed = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        failed.Status.Should().Be(ExecutionStatus.CompensationFailed);
        failed.ErrorMessage.Should().StartWith("Node 'Ship' failed:").And.Contain("Compensation of node 'Reserve stock' failed");
        _server.Hits("/release").Should().Be(3, "the compensating node keeps its own retry policy: 1 attempt + 2 retries");
        _server.Hits("/refund").Should().Be(0, "the rollback stops at the failed step, so nothing is undone out of order");
        var marker = (await RecordsAsync(run.Id)).Single(r => r.Compensation && r.NodeId == "reserve");
        marker.Status.Should().Be(NodeExecutionStatus.Failed);

        await Engine.CompensateAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        done.Status.Should().Be(ExecutionStatus.Compensated);
        done.ErrorNodeId.Should().Be("ship");
        _server.Hits("/release").Should().Be(4, "the failed step runs again");
        _server.Hits("/refund").Should().Be(1);
        _server.Requests("/release").Select(r => r.Headers["Idempotency-Key"]).Distinct().Should().ContainSingle("every attempt undoes the same completion");
    }

    [Fact]
    public async Task A_manual_workflow_fails_without_rollback_and_the_compensate_command_rolls_it_back_once()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/refund", new Reply(200, "{}"));
        _server.Script("/release", new Reply(200, "{}"));

        var run = await RunAsync(Saga(CompensationTrigger.Manual), Order);
        run.Status.Should().Be(ExecutionStatus.Failed);
        _server.Hits("/refund").Should().Be(0);

        var started = await Engine.CompensateAsync(run.Id, CancellationToken.None);
        started.Status.Should().Be(ExecutionStatus.Running);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        done.Status.Should().Be(ExecutionStatus.Compensated);
        done.ErrorMessage.Should().StartWith("Node 'Ship' failed:");
        Body(_server.Requests("/refund").Single()).Should().Contain("\"reason\":\"manual\"");
        var again = () => Engine.CompensateAsync(run.Id, CancellationToken.None);
        (await again.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("only a failed, cancelled or compensationFailed run");
    }

    [Fact]
    public async Task Compensate_is_refused_for_a_completed_run_and_for_a_run_with_nothing_to_undo()
    {
        _server.Script("/ship", new Reply(200, "{}"));
        var completed = await RunAsync(Saga(CompensationTrigger.Manual), Order);
        completed.Status.Should().Be(ExecutionStatus.Completed);
        var onCompleted = () => Engine.CompensateAsync(completed.Id, CancellationToken.None);
        (await onCompleted.Should().ThrowAsync<InvalidTransitionException>()).Which.Current.Should().Be(ExecutionStatus.Completed);

        var plain = new WorkflowBuilder("plain").Trigger().Node("boom", "fail", new { message = "boom" }).Chain("start", "boom").Build();
        var failed = await RunAsync(plain);
        failed.Status.Should().Be(ExecutionStatus.Failed);
        var nothing = () => Engine.CompensateAsync(failed.Id, CancellationToken.None);
        (await nothing.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("compensating path");
    }

    [Fact]
    public async Task A_crash_during_the_rollback_continues_it_after_restart_and_each_undo_takes_effect_once()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/release", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(30)), new Reply(200, "{}"));
        _server.Script("/refund", new Reply(200, "{}"));

        var run = await StartAsync(Saga(), Order);
        await WaitUntilAsync(() => _server.Hits("/release") == 1);

        await RestartHostAsync();   // the process dies while 'release' runs: the rollback's cursor is in the checkpoint

        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Running);
        (await Engine.RecoverAsync(CancellationToken.None)).Should().Be(1);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);

        done.Status.Should().Be(ExecutionStatus.Compensated, done.ErrorMessage);
        _server.Hits("/release").Should().Be(2, "the undo that was in flight runs again (at least once)");
        _server.Requests("/release").Select(r => r.Headers["Idempotency-Key"]).Distinct().Should().ContainSingle(
            "both calls carry the same key, so a service that deduplicates by it releases the stock once");
        _server.Hits("/refund").Should().Be(1, "a completion is compensated once the rollback reaches it, never twice");
        (await RecordsAsync(run.Id)).Where(r => r.Compensation && r.NodeId is "reserve" or "charge")
            .Select(r => $"{r.NodeId}:{r.Status}").Should().Equal("reserve:Succeeded", "charge:Succeeded");
    }

    private static JsonObject Approval => new() { ["decision"] = "approve", ["by"] = "alice", ["comment"] = "refund it" };

    /// <summary>Fails the saga with an approval on the refund's path and waits until the rollback parks on it.</summary>
    private async Task<ExecutionRecord> ParkedRollbackAsync()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/release", new Reply(200, "{}"));
        _server.Script("/refund", new Reply(200, "{}"));
        var run = await StartAsync(Saga(refundNeedsApproval: true), Order);
        return await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);
    }

    [Fact]
    public async Task A_rollback_parks_on_an_approval_on_its_path_and_continues_once_approved()
    {
        var parked = await ParkedRollbackAsync();

        parked.Status.Should().Be(ExecutionStatus.Waiting, parked.ErrorMessage);
        parked.ErrorMessage.Should().StartWith("Node 'Ship' failed:", "the original failure stays on the record while the rollback waits");
        _server.Hits("/release").Should().Be(1, "the later completion was undone before the rollback reached the approval");
        _server.Hits("/refund").Should().Be(0);
        var waiting = (await NodeRunsAsync(parked.Id, "confirm-refund")).Single();
        (waiting.Status, waiting.Compensation).Should().Be((NodeExecutionStatus.Waiting, true));

        await Engine.SignalAsync(parked.Id, "confirm-refund", Approval, CancellationToken.None);
        var done = await WaitForStatusAsync(parked.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Compensated, done.ErrorMessage);
        done.ErrorNodeId.Should().Be("ship");
        Body(_server.Requests("/refund").Single()).Should().Contain("\"reference\":\"pay-7\"", "$compensating survives the park");
        (await RecordsAsync(parked.Id)).Where(r => r.Compensation).Select(r => $"{r.NodeId}:{r.Status}").Should().Equal(
            "release:Succeeded", "reserve:Succeeded", "confirm-refund:Succeeded", "refund:Succeeded", "charge:Succeeded");
    }

    [Fact]
    public async Task A_rollback_parked_on_an_approval_is_still_parked_after_a_restart_and_then_completes()
    {
        var parked = await ParkedRollbackAsync();
        parked.Status.Should().Be(ExecutionStatus.Waiting, parked.ErrorMessage);

        await RestartHostAsync();
        await Engine.RecoverAsync(CancellationToken.None);

        (await Executions.GetAsync(parked.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Waiting);
        await Engine.SignalAsync(parked.Id, "confirm-refund", Approval, CancellationToken.None);
        var done = await WaitForStatusAsync(parked.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Compensated, done.ErrorMessage);
        _server.Hits("/release").Should().Be(1, "the completion undone before the restart is not undone again");
        _server.Hits("/refund").Should().Be(1);
        Body(_server.Requests("/refund").Single()).Should().Contain("\"reference\":\"pay-7\"");
    }

    [Fact]
    public async Task Pause_and_cancel_are_refused_while_the_rollback_waits_on_an_approval()
    {
        var parked = await ParkedRollbackAsync();
        parked.Status.Should().Be(ExecutionStatus.Waiting, parked.ErrorMessage);

        var cancel = () => Engine.CancelAsync(parked.Id, CancellationToken.None);
        var pause = () => Engine.PauseAsync(parked.Id, CancellationToken.None);

        (await cancel.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("rolling back");
        (await pause.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("rolling back");
        await Engine.SignalAsync(parked.Id, "confirm-refund", Approval, CancellationToken.None);
        (await WaitForStatusAsync(parked.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed, ExecutionStatus.Failed, ExecutionStatus.Cancelled))
            .Status.Should().Be(ExecutionStatus.Compensated);
    }

    [Fact]
    public async Task Cancel_and_pause_are_refused_while_the_run_rolls_back_and_the_rollback_runs_to_its_end()
    {
        _server.Script("/ship", new Reply(500, "{}"));
        _server.Script("/release", new Reply(200, "{}", Delay: TimeSpan.FromMilliseconds(500)));
        _server.Script("/refund", new Reply(200, "{}"));

        var run = await StartAsync(Saga(CompensationTrigger.OnFailureOrCancel), Order);
        await WaitUntilAsync(() => _server.Hits("/release") == 1);
        var cancel = () => Engine.CancelAsync(run.Id, CancellationToken.None);
        var pause = () => Engine.PauseAsync(run.Id, CancellationToken.None);

        (await cancel.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("rolling back");
        (await pause.Should().ThrowAsync<InvalidTransitionException>()).Which.Message.Should().Contain("rolling back");
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed);
        done.Status.Should().Be(ExecutionStatus.Compensated);
        _server.Hits("/refund").Should().Be(1);
    }
}

public sealed class InMemoryCompensationScenarios : CompensationScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
