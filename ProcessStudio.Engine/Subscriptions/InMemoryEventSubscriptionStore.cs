namespace ProcessStudio.Engine.Subscriptions;

public sealed class InMemoryEventSubscriptionStore : IEventSubscriptionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, EventSubscription> _subscriptions = [];
    private readonly List<DeliveryAttempt> _attempts = [];

    public Task AddAsync(EventSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_gate) _subscriptions.Add(subscription.Id, subscription);
        return Task.CompletedTask;
    }

    public Task<EventSubscription?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_subscriptions.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<EventSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<EventSubscription>>([.. _subscriptions.Values.OrderBy(s => s.CreatedAt)]);
    }

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _attempts.RemoveAll(a => a.SubscriptionId == id);
            return Task.FromResult(_subscriptions.Remove(id));
        }
    }

    public Task AddAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (_subscriptions.ContainsKey(attempt.SubscriptionId)) _attempts.Add(attempt);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(Guid subscriptionId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<DeliveryAttempt>>([.. _attempts.Where(a => a.SubscriptionId == subscriptionId).OrderByDescending(a => a.At).Take(limit)]);
    }
}
