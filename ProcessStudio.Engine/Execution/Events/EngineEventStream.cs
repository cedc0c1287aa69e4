using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Telemetry;

namespace ProcessStudio.Engine.Execution.Events;

/// <summary>
/// Fans engine events out to subscribers. Publishing only appends to each subscriber's bounded buffer under a short
/// lock: it never waits for a reader and never throws into the run. Metrics are recorded inline, before any coalescing.
/// </summary>
public sealed class EngineEventStream(EngineMetrics metrics, ILogger<EngineEventStream> logger) : IEngineEventStream
{
    // Copy on write: a run publishes several events per step, subscribers come and go rarely, so publishing reads
    // one immutable array without locks or allocation.
    private ImmutableArray<CoalescingSubscription> _subscribers = [];

    public IEngineSubscription Subscribe(Func<EngineEvent, bool>? filter = null, int capacity = 1024)
    {
        CoalescingSubscription? subscription = null;
        subscription = new CoalescingSubscription(filter, Math.Max(16, capacity), () => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscription!)));
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(subscription));
        return subscription;
    }

    public void Publish(EngineEvent engineEvent)
    {
        metrics.Record(engineEvent);
        foreach (var subscriber in _subscribers)
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
