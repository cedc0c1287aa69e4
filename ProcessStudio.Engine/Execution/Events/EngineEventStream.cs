using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Telemetry;

namespace ProcessStudio.Engine.Execution.Events;

/// <summary>
/// Fans engine events out to subscribers. Publishing only appends to each subscriber's bounded buffer under a short
/// lock: it never waits for a reader and never throws into the run. Metrics are recorded inline, before any coalescing.
/// </summary>
public sealed class EngineEventStream(EngineMetrics metrics, ILogger<EngineEventStream> logger) : IEngineEventStream
{
    private readonly ConcurrentDictionary<CoalescingSubscription, byte> _subscribers = new();

    public IEngineSubscription Subscribe(Func<EngineEvent, bool>? filter = null, int capacity = 1024)
    {
        CoalescingSubscription? subscription = null;
        subscription = new CoalescingSubscription(filter, Math.Max(16, capacity), () => _subscribers.TryRemove(subscription!, out _));
        _subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(EngineEvent engineEvent)
    {
        metrics.Record(engineEvent);
        foreach (var subscriber in _subscribers.Keys)
        {
            try
            {
                subscriber.Offer(engineEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "An event subscriber's filter failed; the event was not delivered to it");
            }
        }
    }
}
