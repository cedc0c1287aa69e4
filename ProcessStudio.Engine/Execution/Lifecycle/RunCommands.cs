using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Compensation;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Remote;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// Pause, resume, step, cancel and signal. Each is a message to the run's <see cref="ExecutionCoordinator"/>, so of two
/// concurrent commands the second sees what the first did, and moves follow <see cref="ExecutionTransitions"/>. A run
/// live in this process is asked to stop at its next node boundary instead, and the caller awaits that outside the mailbox.
/// Pause, cancel and signal for a run another instance drives are sent to that instance (<see cref="RemoteRunCommands"/>),
/// which applies them here through <see cref="ApplyAsync"/>.
/// </summary>
public sealed class RunCommands(
    IExecutionStore executions,
    RunStateLoader loader,
    ExecutionQueue queue,
    LiveRuns live,
    EngineEventStream events,
    WaitingRuns waiting,
    ExecutionCoordinator coordinator,
    RunVersionMove versions,
    RemoteRunCommands remote,
    CompensationStart compensation,
    TimeProvider clock)
{
    private const string PauseCommand = "pause";
    private const string CancelCommand = "cancel";

    public async Task<ExecutionRecord> PauseAsync(Guid executionId, CancellationToken cancellationToken) =>
        await remote.TrySendAsync(executionId, RunCommandKind.Pause, PauseCommand, null, null, cancellationToken)
        ?? await PauseHereAsync(executionId, cancellationToken);

    public async Task<ExecutionRecord> CancelAsync(Guid executionId, CancellationToken cancellationToken) =>
        await remote.TrySendAsync(executionId, RunCommandKind.Cancel, CancelCommand, null, null, cancellationToken)
        ?? await CancelHereAsync(executionId, reason: null, cancellationToken);

    public async Task<ExecutionRecord> SignalAsync(Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken) =>
        await remote.TrySendAsync(executionId, RunCommandKind.Signal, SignalCommand(nodeId), nodeId, payload, cancellationToken)
        ?? await SignalHereAsync(executionId, nodeId, payload, cancellationToken);

    /// <summary>Applies a command another instance sent to a run this one holds; never sends it on again.</summary>
    public Task<ExecutionRecord> ApplyAsync(RunCommand command, CancellationToken cancellationToken) => command.Kind switch
    {
        RunCommandKind.Pause => PauseHereAsync(command.ExecutionId, cancellationToken),
        RunCommandKind.Cancel => CancelHereAsync(command.ExecutionId, reason: null, cancellationToken),
        RunCommandKind.Signal => SignalHereAsync(command.ExecutionId, command.NodeId ?? "", command.Payload, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "Unknown run command."),
    };

    private async Task<ExecutionRecord> PauseHereAsync(Guid executionId, CancellationToken cancellationToken)
    {
        const string command = PauseCommand;
        var stopped = await coordinator.SendAsync(executionId, async token =>
        {
            if (await live.DrivingAsync(executionId, token) is { } run)
            {
                if (run.IsCompensating) throw RollingBack(executionId, command);
                return run.TryRequestPause() ? run.Finished : RefusedOnceStoppedAsync(run, command);
            }
            // Queued for a worker, or left running by a crash: nothing executes it, so the status changes directly.
            var record = await GetRequiredAsync(executionId, token);
            if (await compensation.IsMidRollbackAsync(record, token)) throw RollingBack(executionId, command);
            ExecutionTransitions.Require(record, ExecutionStatus.Paused, command);
            return Task.FromResult(await TransitionAsync(record, ExecutionStatus.Paused, command, token));
        }, cancellationToken);
        // Awaited outside the mailbox: the run stops at its next node boundary, and a cancel may overtake the pause meanwhile.
        var final = await stopped.WaitAsync(cancellationToken);
        if (final.Status != ExecutionStatus.Paused) throw new InvalidTransitionException(executionId, final.Status, command);
        return await GetRequiredAsync(executionId, cancellationToken);
    }

    public Task<ExecutionRecord> ResumeAsync(Guid executionId, CancellationToken cancellationToken) =>
        coordinator.SendAsync(executionId, token => ContinueAsync(executionId, singleStep: false, "resume", token), cancellationToken);

    /// <summary>Resumes on <paramref name="workflowVersion"/> of the run's workflow (null: the version it runs on).</summary>
    public Task<ExecutionRecord> ResumeAsync(Guid executionId, int? workflowVersion, CancellationToken cancellationToken) =>
        coordinator.SendAsync(executionId, async token =>
        {
            if (workflowVersion is { } version) await versions.MoveAsync(executionId, version, token);
            return await ContinueAsync(executionId, singleStep: false, "resume", token);
        }, cancellationToken);

    public async Task<ExecutionRecord> StepAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await live.UntilStoppedRunLeftAsync(executionId, cancellationToken);   // a previous run's last stop is not this step's
        var stopped = live.NextStop(executionId);
        await coordinator.SendAsync(executionId, token => ContinueAsync(executionId, singleStep: true, "step", token), cancellationToken);
        await stopped.WaitAsync(cancellationToken);
        return await GetRequiredAsync(executionId, cancellationToken);
    }

    private async Task<ExecutionRecord> ContinueAsync(Guid executionId, bool singleStep, string command, CancellationToken cancellationToken)
    {
        // A run that committed its pause (a breakpoint, a step) is let go first; a run still driving cannot be resumed.
        if (await live.DrivingAsync(executionId, cancellationToken) is not null)
            throw new InvalidTransitionException(executionId, ExecutionStatus.Running, command);
        var record = await GetRequiredAsync(executionId, cancellationToken);
        if (record.Status != ExecutionStatus.Paused) throw new InvalidTransitionException(executionId, record.Status, command);
        await loader.LoadAsync(record, cancellationToken);   // a state that cannot continue is refused before anything changes

        var resumed = await TransitionAsync(record, ExecutionStatus.Running, command, cancellationToken);
        queue.Enqueue(new RunRequest(executionId, singleStep));
        return resumed;
    }

    /// <summary>
    /// Cancels a run that passed its deadline, wherever it is (running here, waiting, paused, pending): status reason
    /// timedOut, and the outbox fires its failure reactions. A run no longer active is left alone (another instance was first).
    /// </summary>
    public async Task<ExecutionRecord?> TimeOutAsync(ExecutionRecord run, CancellationToken cancellationToken)
    {
        try
        {
            return await CancelHereAsync(run.Id, CancelReason.TimedOut(run), cancellationToken);
        }
        catch (InvalidTransitionException)
        {
            return null;   // it finished on its own meanwhile
        }
    }

    private async Task<ExecutionRecord> CancelHereAsync(Guid executionId, CancelReason? reason, CancellationToken cancellationToken)
    {
        const string command = CancelCommand;
        // A live run may park (waiting) or pause at the moment it is asked to cancel; it is then cancelled where it stopped.
        // A workflow that compensates on cancel rolls back instead: a live run before it returns, a stopped one on a worker.
        for (var send = 1; ; send++)
        {
            var rollingBack = false;
            var stopped = await coordinator.SendAsync(executionId, async token =>
            {
                if (await live.DrivingAsync(executionId, token) is { } run)
                {
                    if (run.IsCompensating) throw RollingBack(executionId, command);
                    return run.TryRequestCancel(reason) ? run.Finished : RefusedOnceStoppedAsync(run, command);
                }
                var record = await GetRequiredAsync(executionId, token);
                if (await compensation.IsMidRollbackAsync(record, token)) throw RollingBack(executionId, command);   // e.g. parked on an approval of its undo
                ExecutionTransitions.Require(record, ExecutionStatus.Cancelled, command);
                var plan = await CompensatesOnCancelAsync(record, token);
                rollingBack = plan is not null;
                return Task.FromResult(plan is { } rollback ? await RollBackCancelledAsync(record, rollback, reason, token) : await CancelDirectlyAsync(record, reason, token));
            }, cancellationToken);
            var final = await stopped.WaitAsync(cancellationToken);
            if (rollingBack || final.Status is ExecutionStatus.Cancelled or ExecutionStatus.Compensated or ExecutionStatus.CompensationFailed)
                return await GetRequiredAsync(executionId, cancellationToken);
            if (send == 2 || !ExecutionTransitions.IsAllowed(final.Status, ExecutionStatus.Cancelled))
                throw new InvalidTransitionException(executionId, final.Status, command);
        }
    }

    /// <summary>Rolls back a failed, cancelled or compensationFailed run that nothing drives (see <see cref="IWorkflowEngine.CompensateAsync"/>).</summary>
    public Task<ExecutionRecord> CompensateAsync(Guid executionId, CancellationToken cancellationToken)
    {
        const string command = "compensate";
        return coordinator.SendAsync(executionId, async token =>
        {
            if (await live.DrivingAsync(executionId, token) is { } run)
                throw run.IsCompensating ? RollingBack(executionId, command) : new InvalidTransitionException(executionId, run.Record.Status, command);
            var record = await GetRequiredAsync(executionId, token);
            if (record.Status is not (ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.CompensationFailed))
                throw new InvalidTransitionException(executionId, record.Status, command,
                    $"it is {record.Status.ApiName()}; only a failed, cancelled or compensationFailed run can be compensated");
            if (await compensation.PlanAsync(record, CompensationReasons.Manual, token) is not { } plan)
                throw new InvalidTransitionException(executionId, record.Status, command,
                    "none of its completed nodes has a compensating path left to run");
            var started = await compensation.StartAsync(record, plan.State, plan.Graph, [], "Compensation requested: the completed nodes are rolled back in reverse order.", token);
            PublishStatus(started);
            return started;
        }, cancellationToken);
    }

    private async Task<(RunState State, WorkflowGraph Graph)?> CompensatesOnCancelAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var graph = await loader.GraphAsync(record.WorkflowId, record.WorkflowVersion, cancellationToken);
        return graph.Workflow.Settings.Compensation == Model.CompensationTrigger.OnFailureOrCancel
            ? await compensation.PlanAsync(record, CompensationReasons.Cancel, cancellationToken) : null;
    }

    /// <summary>A stopped run cancelled into a rollback: its open node records end cancelled and a worker runs the compensating paths.</summary>
    private async Task<ExecutionRecord> RollBackCancelledAsync(ExecutionRecord record, (RunState State, WorkflowGraph Graph) plan, CancelReason? reason, CancellationToken cancellationToken)
    {
        CancelReason.Record(record, reason);
        var closed = await UnfinishedNodes.CancelAsync(executions, record.Id, clock.GetUtcNow(), [], cancellationToken);
        record.ErrorMessage ??= "Execution cancelled.";
        var started = await compensation.StartAsync(record, plan.State, plan.Graph, closed, "Execution cancelled; its completed nodes are rolled back in reverse order.", cancellationToken);
        PublishStatus(started);
        return started;
    }

    private static InvalidTransitionException RollingBack(Guid executionId, string command) =>
        new(executionId, ExecutionStatus.Running, command, "it is rolling back (compensating its completed nodes), which runs to its end");

    /// <summary>The run is already stopping for another reason: the command is refused with the status it stops in.</summary>
    private static async Task<ExecutionRecord> RefusedOnceStoppedAsync(ExecutionRun run, string command)
    {
        var stopped = await run.Finished;
        throw new InvalidTransitionException(run.ExecutionId, stopped.Status, command);
    }

    /// <summary>Cancels a run no worker here is driving: its open node records end cancelled and its checkpoint is deactivated, in one commit.</summary>
    private async Task<ExecutionRecord> CancelDirectlyAsync(ExecutionRecord record, CancelReason? reason, CancellationToken cancellationToken)
    {
        var checkpoint = await executions.GetCheckpointAsync(record.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var expected = record.Version;
        var nodes = await UnfinishedNodes.CancelAsync(executions, record.Id, now, [], cancellationToken);
        ExecutionTransitions.Apply(record, ExecutionStatus.Cancelled, now);
        CancelReason.Record(record, reason);
        try
        {
            await executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = expected,
                NodeExecutions = nodes,
                Checkpoint = checkpoint is null ? null : checkpoint with { IsActive = false, UpdatedAt = now },
                Logs = [new ExecutionLogRecord(0, record.Id, now, LogLevel.Warning, CancelReason.LogMessage(reason))],
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw await ChangedElsewhereAsync(record.Id, "cancel", cancellationToken);
        }
        var cancelled = await GetRequiredAsync(record.Id, cancellationToken);
        PublishStatus(cancelled);
        return cancelled;
    }

    private static string SignalCommand(string nodeId) => $"signal node '{nodeId}' of";

    private async Task<ExecutionRecord> SignalHereAsync(Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var command = SignalCommand(nodeId);
        return await coordinator.SendAsync(executionId, async token =>
        {
            if (await live.DrivingAsync(executionId, token) is { } run)
            {
                var delivery = await run.SignalAsync(nodeId, payload).WaitAsync(token);
                if (delivery == SignalDelivery.Delivered) return await GetRequiredAsync(executionId, token);
                if (delivery == SignalDelivery.NotWaiting)
                    throw new InvalidTransitionException(executionId, (await GetRequiredAsync(executionId, token)).Status, command);
                await run.Finished.WaitAsync(token);   // it parked or paused before it looked at the signal: the store has it now
            }
            // Waiting, paused, or running without a worker yet: the signal goes into the checkpoint.
            return await waiting.DeliverAsync(await GetRequiredAsync(executionId, token), nodeId, payload, token);
        }, cancellationToken);
    }

    /// <summary>Moves a run nobody drives, under the table's guard; in the coordinator only another process can have moved it meanwhile.</summary>
    private async Task<ExecutionRecord> TransitionAsync(ExecutionRecord record, ExecutionStatus to, string command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await executions.TryTransitionAsync(record.Id, record.Version, ExecutionTransitions.From(to),
            r => ExecutionTransitions.Apply(r, to, now), cancellationToken)
            ?? throw await ChangedElsewhereAsync(record.Id, command, cancellationToken);
        PublishStatus(updated);
        return updated;
    }

    private async Task<InvalidTransitionException> ChangedElsewhereAsync(Guid executionId, string command, CancellationToken cancellationToken) =>
        new(executionId, (await GetRequiredAsync(executionId, cancellationToken)).Status, command);

    private async Task<ExecutionRecord> GetRequiredAsync(Guid executionId, CancellationToken cancellationToken) =>
        await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);

    private void PublishStatus(ExecutionRecord record) => events.Publish(ExecutionStatusChanged.Of(record, clock.GetUtcNow()));
}
