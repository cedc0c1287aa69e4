using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Opens the right observer for a run: live while it can still change, store-only once it has finished.</summary>
public sealed class ExecutionObserverFactory(ILiveEventStream events, ExecutionSnapshotLoader loader)
{
    private const int SubscriptionCapacity = 4_096;

    /// <summary>Returns null when the execution does not exist.</summary>
    public async Task<IExecutionObserver?> OpenAsync(Guid executionId, UiDispatch dispatch, CancellationToken cancellationToken)
    {
        // Subscribe before reading the store, so no event between the snapshot and the subscription is lost.
        var subscription = events.Subscribe(e => e.ExecutionId == executionId, SubscriptionCapacity);
        try
        {
            var snapshot = await loader.LoadAsync(executionId, cancellationToken);
            if (snapshot is null || snapshot.Execution.Status.IsFinished())
            {
                subscription.Dispose();
                return snapshot is null ? null : new FinishedExecutionObserver(new ExecutionViewModel(snapshot), loader, dispatch);
            }
            return new LiveExecutionObserver(new ExecutionViewModel(snapshot), subscription, loader, dispatch);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }
}
