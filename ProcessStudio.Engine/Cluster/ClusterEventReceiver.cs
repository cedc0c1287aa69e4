using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Cluster;

/// <summary>
/// Hands the run events other instances fan out to this instance's live subscribers (monitor, hub, SSE), once each and
/// in order. An event whose predecessor never arrived, or a reconnect of the channel, makes it read the run's state from
/// the store instead (<see cref="RunSnapshots"/>), followed by <see cref="LiveEventsMissed"/>: viewers then see where
/// the run stands, not a hole, and read the log lines they lack from the store.
/// </summary>
public sealed class ClusterEventReceiver(IClusterChannel channel, EngineEventStream events, RunSnapshots snapshots,
    ILogger<ClusterEventReceiver> logger) : IHostedService, IClusterTopicHandler
{
    // Last sequence number seen per sender and run; touched only by the channel's one dispatching task.
    private readonly Dictionary<(string Sender, Guid ExecutionId), long> _lastSeen = [];
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (channel.IsShared) _subscription = channel.Subscribe(ClusterEventPublisher.Topic, this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public async Task OnMessageAsync(ClusterMessage message, CancellationToken cancellationToken)
    {
        foreach (var envelope in ClusterEventEnvelope.DeserializeBatch(message.Body))
        {
            if (envelope.ToEvent() is not { } engineEvent) continue;
            var key = (message.Sender, engineEvent.ExecutionId);
            var known = _lastSeen.TryGetValue(key, out var last);
            if (known && envelope.Sequence <= last) continue;   // seen already
            if (known && envelope.Previous != last)
            {
                logger.LogInformation("Execution {ExecutionId}: events from {Sender} were missed; reading the run's state from the store",
                    engineEvent.ExecutionId, message.Sender);
                await PublishSnapshotAsync(engineEvent.ExecutionId, cancellationToken);
            }
            if (engineEvent is ExecutionStatusChanged { Status: var status } && status.IsFinished()) _lastSeen.Remove(key);
            else _lastSeen[key] = envelope.Sequence;
            events.PublishRemote(engineEvent);
        }
    }

    /// <summary>After a reconnect: the state of every run that may have moved meanwhile, then each run's next event starts afresh.</summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var followed = _lastSeen.Keys.Select(k => k.ExecutionId).ToHashSet();
        _lastSeen.Clear();
        var runs = await snapshots.ActiveAndAsync(followed, cancellationToken);
        logger.LogInformation("The cluster channel reconnected: resyncing {Count} runs from the store", runs.Count);
        foreach (var run in runs) await PublishSnapshotAsync(run, cancellationToken);
    }

    private async Task PublishSnapshotAsync(Guid executionId, CancellationToken cancellationToken)
    {
        if (await snapshots.GetAsync(executionId, cancellationToken) is { } run) await PublishSnapshotAsync(run, cancellationToken);
    }

    private async Task PublishSnapshotAsync(ExecutionRecord run, CancellationToken cancellationToken)
    {
        var state = await snapshots.EventsOfAsync(run, cancellationToken);
        foreach (var engineEvent in state) events.PublishRemote(engineEvent);
        events.PublishRemote(new LiveEventsMissed(run.Id, state.Count > 0 ? state.Max(e => e.Timestamp) : run.CreatedAt));
    }
}
