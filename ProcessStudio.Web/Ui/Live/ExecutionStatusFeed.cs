using System.Collections.Concurrent;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// Status changes of every run, for the history table and the dashboard. Holds the latest status event per run and
/// hands the batch to the page at most every <see cref="LiveExecutionObserver.RefreshInterval"/>.
/// </summary>
public sealed class ExecutionStatusFeed : IAsyncDisposable
{
    private readonly IEngineSubscription _subscription;
    private readonly ConcurrentDictionary<Guid, ExecutionStatusChanged> _latest = new();
    private readonly Func<IReadOnlyCollection<ExecutionStatusChanged>, Task> _onChanges;
    private readonly RenderThrottle _throttle;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reading;

    public ExecutionStatusFeed(ILiveEventStream events, Func<IReadOnlyCollection<ExecutionStatusChanged>, Task> onChanges)
    {
        _subscription = events.Subscribe(e => e is ExecutionStatusChanged, capacity: 1_024);
        _onChanges = onChanges;
        _throttle = new RenderThrottle(LiveExecutionObserver.RefreshInterval, FlushAsync);
        _reading = Task.Run(() => ReadAsync(_stopping.Token));
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var engineEvent in _subscription.ReadAllAsync(cancellationToken))
            {
                if (engineEvent is not ExecutionStatusChanged change) continue;
                _latest[change.ExecutionId] = change;
                _throttle.Signal();
            }
        }
        catch (OperationCanceledException) { }
    }

    private Task FlushAsync()
    {
        var batch = new List<ExecutionStatusChanged>();
        foreach (var id in _latest.Keys)
            if (_latest.TryRemove(id, out var change)) batch.Add(change);
        return batch.Count == 0 ? Task.CompletedTask : _onChanges(batch);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _throttle.Dispose();
        _subscription.Dispose();
        await _reading;
        _stopping.Dispose();
    }
}
