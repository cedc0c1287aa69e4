using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.SubWorkflows;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// The engine's own reactions to a finished run, delivered from the outbox: a stopped run cancels the sub-workflow runs
/// it still has going, a failed (or timed-out, or failed to roll back) run starts its error workflow, a finished run holding a lock key releases
/// the next run queued on it, and a finished sub-workflow run wakes its waiting parent.
/// Each is idempotent: cancelling a finished child is skipped, the error workflow run has an id derived from the failed
/// run, and a parent that already took the result is not signalled again.
/// </summary>
public sealed class RunReactions(
    IExecutionStore executions,
    IWorkflowEngine engine,
    ErrorWorkflowStarter errorWorkflows,
    ParentWaker parents,
    RunOptions.LockQueue locks,
    ILogger<RunReactions> logger) : IOutboxHandler
{
    private static readonly ExecutionStatus[] Active = [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    public bool Handles(OutboxMessage message) =>
        message.SubscriptionId is null && message.Type is RunEventTypes.Completed or RunEventTypes.Failed or RunEventTypes.Cancelled
            or RunEventTypes.Compensated or RunEventTypes.CompensationFailed;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ExecutionId is not { } executionId) return;
        var run = await executions.GetAsync(executionId, cancellationToken);
        if (run is null || !run.Status.IsFinished()) return;   // deleted meanwhile: nobody is owed anything
        if (run.Status.EndedUnsuccessfully()) await CancelChildrenAsync(run, cancellationToken);
        if (ErrorWorkflowStarter.CountsAsFailure(run)) await errorWorkflows.StartForAsync(run, cancellationToken);
        if (run.LockKey is { } lockKey) await locks.ReleaseNextAsync(lockKey, cancellationToken);
        if (run.Mode == ExecutionMode.SubWorkflow && !await parents.WakeAsync(run, cancellationToken))
            throw new RetryLaterException($"The parent {run.ParentExecutionId} of sub-workflow run {run.Id} has not parked yet.");
    }

    /// <summary>Nobody waits for the sub-workflow runs of a stopped run any more. Their own cancellation cascades to grandchildren.</summary>
    private async Task CancelChildrenAsync(ExecutionRecord parent, CancellationToken cancellationToken)
    {
        var children = await executions.QueryAsync(new ExecutionQuery
        {
            ParentExecutionId = parent.Id,
            Mode = ExecutionMode.SubWorkflow,
            Statuses = Active,
            Limit = 1000,
        }, cancellationToken);
        foreach (var child in children.Items)
        {
            try
            {
                await engine.CancelAsync(child.Id, cancellationToken);
                logger.LogInformation("Execution {ExecutionId} stopped; its sub-workflow run {ChildExecutionId} was cancelled", parent.Id, child.Id);
            }
            catch (InvalidTransitionException)
            {
                // the child finished meanwhile
            }
        }
    }
}
