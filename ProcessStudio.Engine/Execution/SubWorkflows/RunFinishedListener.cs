using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.SubWorkflows;

/// <summary>
/// Reacts to runs that finished, after their final commit: a failed run starts its error workflow, a stopped run
/// cancels the sub-workflow runs it still has going, and a finished sub-workflow run wakes its waiting parent. Fed by the engine event stream, so each reaction happens
/// at most once, in this process (see docs/engine.md, "Sub-workflows and error workflows").
/// </summary>
public sealed class RunFinishedListener(
    IEngineEventStream events,
    IExecutionStore executions,
    IWorkflowEngine engine,
    ErrorWorkflowStarter errorWorkflows,
    ParentWaker parents,
    ILogger<RunFinishedListener> logger) : EngineEventListener(events, logger)
{
    private static readonly ExecutionStatus[] Active = [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    protected override bool Accepts(EngineEvent engineEvent) => engineEvent is ExecutionStatusChanged changed && changed.Status.IsFinished();

    protected override Task HandleAsync(EngineEvent engineEvent, CancellationToken cancellationToken) =>
        ReactAsync(engineEvent.ExecutionId, cancellationToken);

    private async Task ReactAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var run = await executions.GetAsync(executionId, cancellationToken);
        if (run is null || !run.Status.IsFinished()) return;
        if (run.Status is ExecutionStatus.Cancelled or ExecutionStatus.Failed) await CancelChildrenAsync(run, cancellationToken);
        if (run.Status == ExecutionStatus.Failed) await errorWorkflows.StartForAsync(run, cancellationToken);
        if (run.Mode == ExecutionMode.SubWorkflow) _ = WakeParentAsync(run, cancellationToken);
    }

    /// <summary>Not awaited: waking may wait for the parent to park, and must not hold up the other finished runs.</summary>
    private async Task WakeParentAsync(ExecutionRecord child, CancellationToken cancellationToken)
    {
        try
        {
            await parents.WakeAsync(child, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Sub-workflow run {ChildExecutionId} finished, but its parent {ExecutionId} could not be signalled; it re-checks on its own",
                child.Id, child.ParentExecutionId);
        }
        catch (OperationCanceledException)
        {
            // host stopping: the parent re-checks on its timer after the restart
        }
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
        await Task.WhenAll(children.Items.Select(child => CancelChildAsync(parent.Id, child.Id, cancellationToken)));
    }

    private async Task CancelChildAsync(Guid parentId, Guid childId, CancellationToken cancellationToken)
    {
        try
        {
            await engine.CancelAsync(childId, cancellationToken);
            logger.LogInformation("Execution {ExecutionId} stopped; its sub-workflow run {ChildExecutionId} was cancelled", parentId, childId);
        }
        catch (InvalidTransitionException)
        {
            // the child finished meanwhile
        }
    }
}
