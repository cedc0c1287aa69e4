namespace ProcessStudio.Engine.Subscriptions;

/// <summary>Event subscriptions and the record of every delivery attempt.</summary>
public interface IEventSubscriptionStore
{
    Task AddAsync(EventSubscription subscription, CancellationToken cancellationToken);
    Task<EventSubscription?> GetAsync(Guid id, CancellationToken cancellationToken);
    Task<IReadOnlyList<EventSubscription>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Deletes the subscription and its attempts; false when it did not exist.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task AddAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);
    /// <summary>The latest attempts first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(Guid subscriptionId, int limit, CancellationToken cancellationToken);
}
