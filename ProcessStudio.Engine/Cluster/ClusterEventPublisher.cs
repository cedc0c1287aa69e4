using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Cluster;

/// <summary>
/// Fans this instance's engine events out to the other instances, so their monitors and hubs show runs driven here.
/// It reads its own bounded, coalescing subscription (a slow database never slows a run: status and progress coalesce,
/// excess log lines drop) and packs what is queued into few messages.
/// </summary>
public sealed class ClusterEventPublisher(IEngineEventStream events, IClusterChannel channel, ILogger<ClusterEventPublisher> logger) : BackgroundService
{
    public const string Topic = "events";

    /// <summary>A message's budget; PostgreSQL's NOTIFY takes at most 8000 bytes, the channel stores bigger ones aside.</summary>
    internal const int MessageBytes = 7_000;

    private const int Capacity = 8_192;
    private const int MaxBatch = 500;
    private readonly Dictionary<Guid, long> _lastSequenceByRun = [];
    private IEngineSubscription? _subscription;
    private long _sequence;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (channel.IsShared) _subscription = events.Subscribe(e => e is not NodeRetryScheduled, Capacity);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscription is null) return;   // alone on the database
        using var subscription = _subscription;
        var batch = new List<ClusterEventEnvelope>(MaxBatch);
        await using var reader = subscription.ReadAllAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
        try
        {
            var next = reader.MoveNextAsync();
            while (true)
            {
                bool more;
                if (next.IsCompletedSuccessfully) more = next.Result;   // already queued: keep packing
                else
                {
                    await SendAsync(batch, stoppingToken);   // the queue is empty: send what was packed, then wait
                    more = await next;
                }
                if (!more) break;
                batch.Add(Envelope(reader.Current));
                if (batch.Count >= MaxBatch) await SendAsync(batch, stoppingToken);
                next = reader.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    private ClusterEventEnvelope Envelope(EngineEvent engineEvent)
    {
        var sequence = ++_sequence;
        var previous = _lastSequenceByRun.GetValueOrDefault(engineEvent.ExecutionId);
        // A finished run's chain ends here; should it move again, its next event starts a new chain (previous 0).
        if (engineEvent is ExecutionStatusChanged { Status: var status } && status.IsFinished()) _lastSequenceByRun.Remove(engineEvent.ExecutionId);
        else _lastSequenceByRun[engineEvent.ExecutionId] = sequence;
        return ClusterEventEnvelope.Of(engineEvent, sequence, previous)!;
    }

    private async Task SendAsync(List<ClusterEventEnvelope> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var messages = Pack(batch);
        batch.Clear();
        try
        {
            await channel.PublishAsync(Topic, messages, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Receivers see the gap in the sequence numbers and read the runs' state from the store.
            logger.LogWarning(ex, "{Count} messages of run events could not be sent to the other instances", messages.Count);
        }
    }

    /// <summary>Groups envelopes, in order, into messages of at most about <see cref="MessageBytes"/> each.</summary>
    internal static List<string> Pack(IReadOnlyList<ClusterEventEnvelope> batch)
    {
        var messages = new List<string>();
        var group = new List<ClusterEventEnvelope>();
        var groupBytes = 0;
        foreach (var envelope in batch)
        {
            var bytes = Encoding.UTF8.GetByteCount(envelope.Event.GetRawText()) + 40;
            if (group.Count > 0 && groupBytes + bytes > MessageBytes)
            {
                messages.Add(ClusterEventEnvelope.Serialize(group));
                group = [];
                groupBytes = 0;
            }
            group.Add(envelope);
            groupBytes += bytes;
        }
        if (group.Count > 0) messages.Add(ClusterEventEnvelope.Serialize(group));
        return messages;
    }
}
