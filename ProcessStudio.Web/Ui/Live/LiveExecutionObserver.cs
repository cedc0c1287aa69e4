using System.Collections.Concurrent;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// A run in progress. Engine events arrive on a bounded coalescing subscription, are queued without touching the
/// model, and are applied in batches on the UI dispatcher at most every <see cref="RefreshInterval"/>. A run that
/// streams 1,000 events per second therefore costs the page at most 20 renders per second and never waits on the page.
/// </summary>
public sealed class LiveExecutionObserver : IExecutionObserver
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(50);

    private readonly IEngineSubscription _subscription;
    private readonly ExecutionSnapshotLoader _loader;
    private readonly UiDispatch _dispatch;
    private readonly ConcurrentQueue<EngineEvent> _pending = new();
    private readonly RenderThrottle _throttle;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reading;
    private long _droppedLogsSeen;
    private int _finalResyncDone;

    public LiveExecutionObserver(ExecutionViewModel model, IEngineSubscription subscription, ExecutionSnapshotLoader loader, UiDispatch dispatch)
    {
        Model = model;
        _subscription = subscription;
        _loader = loader;
        _dispatch = dispatch;
        _throttle = new RenderThrottle(RefreshInterval, FlushAsync);
        _reading = Task.Run(() => ReadAsync(_stopping.Token));
        // Events that raced the snapshot are already queued; show them without waiting for the next one.
        _throttle.Signal();
    }

    public ExecutionViewModel Model { get; }
    public bool IsLive => !_stopping.IsCancellationRequested && !Model.IsFinished;

    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (await _loader.LoadAsync(Model.Execution.Id, cancellationToken) is { } snapshot)
            await _dispatch(() => Model.Reload(snapshot));
    }

    /// <summary>The lines stored after the last stored one shown: those sent while this instance's cluster listener was away.</summary>
    private async Task CatchUpLogsAsync(CancellationToken cancellationToken)
    {
        var missed = await _loader.LoadLogsAfterAsync(Model.Execution.Id, Model.Logs.LastId, cancellationToken);
        if (missed.Count > 0) await _dispatch(() => Model.MergeStoredLogs(missed));
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var engineEvent in _subscription.ReadAllAsync(cancellationToken))
            {
                _pending.Enqueue(engineEvent);
                _throttle.Signal();
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task FlushAsync()
    {
        var linesMissed = false;
        await _dispatch(() =>
        {
            var batch = new List<EngineEvent>(_pending.Count);
            while (_pending.TryDequeue(out var engineEvent)) batch.Add(engineEvent);
            linesMissed = batch.Any(e => e is LiveEventsMissed);
            Model.Apply(batch);
        });
        if (linesMissed) await CatchUpLogsAsync(_stopping.Token);

        var dropped = _subscription.DroppedLogs;
        var missedLogs = dropped > Interlocked.Exchange(ref _droppedLogsSeen, dropped);
        var justFinished = Model.IsFinished && Interlocked.Exchange(ref _finalResyncDone, 1) == 0;
        // The store is the truth: it has the lines this subscriber dropped, and the final output of a finished run.
        if (missedLogs || justFinished) await ResyncAsync(_stopping.Token);
        if (justFinished) await _stopping.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        _throttle.Dispose();
        _subscription.Dispose();
        await _reading;
        _stopping.Dispose();
    }
}
