using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Compensation;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// Starts a rollback of a run no worker drives: the compensate command on an ended run, and a cancel of a paused, waiting
/// or queued run whose workflow compensates on cancel. The plan goes into a new active checkpoint in the same commit as the
/// move to running, and a worker then runs it like any run (<see cref="ExecutionRun"/>). Called inside the run's coordinator.
/// </summary>
public sealed class CompensationStart(IExecutionStore executions, RunStateLoader loader, ExecutionQueue queue, TimeProvider clock)
{
    /// <summary>The rollback <paramref name="record"/>'s checkpoint allows, or null when it has no completed node to undo.</summary>
    public async Task<(RunState State, WorkflowGraph Graph)?> PlanAsync(ExecutionRecord record, string reason, CancellationToken cancellationToken)
    {
        if (await executions.GetCheckpointAsync(record.Id, cancellationToken) is not { } checkpoint) return null;
        var state = RunState.Deserialize(record.Id, checkpoint.StateJson);
        var graph = await loader.GraphAsync(record.WorkflowId, record.WorkflowVersion, cancellationToken);
        if (state.Compensation is { Failed: true } failed)
        {
            failed.Failed = false;   // retries the compensating path that failed, then goes on with the earlier completions
            failed.Reason = reason;
        }
        else if (state.Compensation is null)
        {
            state.Compensation = new CompensationState { Reason = reason, Cursor = state.Completions.Count - 1 };
        }
        else
        {
            return null;   // already rolled back
        }
        var plan = state.Compensation;
        var left = state.Completions.Take(plan.Cursor + 1).Any(c => graph.Contains(c.NodeId) &&
            graph.Outgoing(c.NodeId, Nodes.PortDescriptor.Compensate.Name).Count > 0);
        return left ? (state, graph) : null;
    }

    /// <summary>
    /// Whether a run that nothing drives stopped in the middle of its rollback: parked on a wait on a compensating path,
    /// or queued to run one (a rollback just started, a crash mid-rollback). Like a live rollback, it runs to its end.
    /// </summary>
    public async Task<bool> IsMidRollbackAsync(ExecutionRecord record, CancellationToken cancellationToken) =>
        record.Status is ExecutionStatus.Waiting or ExecutionStatus.Running
        && await executions.GetCheckpointAsync(record.Id, cancellationToken) is { } checkpoint
        && RunState.Deserialize(record.Id, checkpoint.StateJson).Compensation is { Failed: false };

    /// <summary>Commits the move to running with the plan's checkpoint (and <paramref name="closed"/> records), then queues the run.</summary>
    public async Task<ExecutionRecord> StartAsync(ExecutionRecord record, RunState state, WorkflowGraph graph, IReadOnlyList<NodeExecutionRecord> closed,
        string message, CancellationToken cancellationToken)
    {
        new AgendaRouter(graph, state).Abandon();   // what the run had routed is given up for the rollback
        state.Step++;   // a new whole checkpoint, after the one the run ended with
        var now = clock.GetUtcNow();
        var expected = record.Version;
        ExecutionTransitions.Apply(record, ExecutionStatus.Running, now);
        try
        {
            await executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = expected,
                NodeExecutions = closed,
                Checkpoint = new Checkpoint(record.Id, state.Step, state.Serialize(), true, now),
                Logs = [new ExecutionLogRecord(0, record.Id, now, LogLevel.Warning, message)],
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var current = await executions.GetAsync(record.Id, cancellationToken) ?? throw new NotFoundException("Execution", record.Id);
            throw new InvalidTransitionException(record.Id, current.Status, "compensate");
        }
        record.Version = expected + 1;
        queue.Enqueue(new RunRequest(record.Id, SingleStep: false));
        return record;
    }
}
