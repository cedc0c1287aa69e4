using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Telemetry;

namespace ProcessStudio.Engine.Execution.Events;

/// <summary>
/// Fans engine events out to subscribers. Publishing only appends to each subscriber's bounded buffer under a short
/// lock: it never waits for a reader and never throws into the run. Metrics are recorded inline, before any coalescing.
/// Live subscribers (<see cref="SubscribeLive"/>) also get the events other instances fan out (<see cref="PublishRemote"/>).
/// </summary>
public sealed class EngineEventStream(EngineMetrics metrics, ILogger<EngineEventStream> logger) : IEngineEventStream
{
    // Copy on write: a run publishes several events per step, subscribers come and go rarely, so publishing reads
    // one immutable array without locks or allocation.
    private ImmutableArray<CoalescingSubscription> _subscribers = [];
    private ImmutableArray<CoalescingSubscription> _liveSubscribers = [];

    /// <summary>Events of this instance's runs only: for work that must happen once (locks, reactions, metrics).</summary>
    public IEngineSubscription Subscribe(Func<EngineEvent, bool>? filter = null, int capacity = 1024) =>
        Add(ref _subscribers, filter, capacity);

    /// <summary>Events of every instance's runs: for viewers (<see cref="ILiveEventStream"/>).</summary>
    public IEngineSubscription SubscribeLive(Func<EngineEvent, bool>? filter, int capacity) =>
        Add(ref _liveSubscribers, filter, capacity);

    private CoalescingSubscription Add(ref ImmutableArray<CoalescingSubscription> list, Func<EngineEvent, bool>? filter, int capacity)
    {
        var box = new StrongBox<CoalescingSubscription?>();
        var subscription = new CoalescingSubscription(filter, Math.Max(16, capacity), () => Remove(box.Value!));
        box.Value = subscription;
        ImmutableInterlocked.Update(ref list, s => s.Add(subscription));
        return subscription;
    }

    private void Remove(CoalescingSubscription subscription)
    {
        ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscription));
        ImmutableInterlocked.Update(ref _liveSubscribers, s => s.Remove(subscription));
    }

    public void Publish(EngineEvent engineEvent)
    {
        metrics.Record(engineEvent);
        Offer(_subscribers, engineEvent);
        Offer(_liveSubscribers, engineEvent);
    }

    /// <summary>An event of a run another instance drives: only live subscribers see it, and it is not counted in metrics.</summary>
    public void PublishRemote(EngineEvent engineEvent) => Offer(_liveSubscribers, engineEvent);

    private void Offer(ImmutableArray<CoalescingSubscription> subscribers, EngineEvent engineEvent)
    {
        foreach (var subscriber in subscribers)
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

/// <summary>The <see cref="ILiveEventStream"/> view of the engine's stream.</summary>
public sealed class LiveEventStream(EngineEventStream events) : ILiveEventStream
{
    public IEngineSubscription Subscribe(Func<EngineEvent, bool>? filter = null, int capacity = 1024) => events.SubscribeLive(filter, capacity);
}
