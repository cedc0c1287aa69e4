using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;

namespace ProcessStudio.Web.Hubs;

/// <summary>
/// Feeds the hub from the live event stream (this instance's runs and those other instances fan out) through one bounded, coalescing subscription (the same stream the UI
/// reads). It only hands messages to per-connection outboxes, so neither the engine nor other clients wait on a slow one.
/// </summary>
public sealed class LiveBroadcaster(ILiveEventStream events, LiveConnections connections, ExecutionWorkflowIndex workflows,
    ILogger<LiveBroadcaster> logger) : EngineEventListener(events, logger)
{
    /// <summary>Events buffered for the broadcaster itself; beyond this, status updates coalesce and log lines are dropped.</summary>
    public const int SubscriptionCapacity = 4_096;

    protected override int Capacity => SubscriptionCapacity;

    protected override bool Accepts(EngineEvent engineEvent) => engineEvent is not NodeRetryScheduled;

    protected override Task HandleAsync(EngineEvent engineEvent, CancellationToken cancellationToken) =>
        BroadcastAsync(engineEvent, cancellationToken);

    private async Task BroadcastAsync(EngineEvent engineEvent, CancellationToken cancellationToken)
    {
        if (connections.IsEmpty && engineEvent is not ExecutionStatusChanged) return;   // nobody listens: skip the lookup
        Guid workflowId;
        if (engineEvent is ExecutionStatusChanged status)
        {
            workflows.Learn(status.ExecutionId, status.WorkflowId, status.Status.IsFinished());
            workflowId = status.WorkflowId;
        }
        else
        {
            workflowId = await workflows.WorkflowOfAsync(engineEvent.ExecutionId, cancellationToken);
        }
        if (LiveMessageMapper.Map(engineEvent, workflowId) is { } message) connections.Deliver(message);
    }
}
