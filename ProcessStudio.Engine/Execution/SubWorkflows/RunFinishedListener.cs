using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    ILogger<RunFinishedListener> logger) : BackgroundService
{
    private static readonly ExecutionStatus[] Active = [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    private IEngineSubscription? _subscription;

    /// <summary>
    /// Subscribes before the host goes on to start the workers, so a run that ends right after start-up is seen. Not in
    /// <see cref="ExecuteAsync"/>: since .NET 10 that runs on the thread pool, possibly after the first runs ended.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(e => e is ExecutionStatusChanged changed && changed.Status.IsFinished());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _subscription ?? throw new InvalidOperationException("StartAsync subscribes first.");
        try
        {
            await foreach (var finished in subscription.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(finished.ExecutionId, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Execution {ExecutionId} finished, but the follow-up (error workflow, child runs) failed", finished.ExecutionId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    private async Task HandleAsync(Guid executionId, CancellationToken cancellationToken)
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
