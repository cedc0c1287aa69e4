using ProcessStudio.Engine.Execution.Outbox;

namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// The outbox: reactions owed to committed changes. Rows are written by the execution store inside the transaction of
/// the change (and by <see cref="AddAsync"/> for follow-up deliveries); dispatchers claim due rows with a lease, so with
/// several processes on one database each row is held by one dispatcher at a time, and a dead dispatcher's claims expire.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Adds rows; a row whose id is already stored is left as it is (a repeated fan-out adds nothing).</summary>
    Task AddAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending rows that are due and not claimed by a live lease, oldest due first,
    /// for <paramref name="owner"/> until <paramref name="leaseUntil"/>.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of one delivery by the claim's owner: done, failed for good, or pending again at
    /// <see cref="OutboxMessage.NextAttemptAt"/>. Returns false when the claim was lost (expired and taken by another).
    /// </summary>
    Task<bool> ReleaseAsync(OutboxMessage outcome, string owner, CancellationToken cancellationToken);

    Task<OutboxMessage?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>An operator's retry of a failed row: pending again, due at <paramref name="now"/>. False when no failed row has that id.</summary>
    Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Page<OutboxMessage>> QueryAsync(OutboxQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes rows that were done before <paramref name="cutoff"/>; failed rows stay visible until deleted by hand.</summary>
    Task<int> DeleteDoneBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

public sealed record OutboxQuery
{
    public OutboxState? State { get; init; }
    public Guid? ExecutionId { get; init; }
    public Guid? SubscriptionId { get; init; }
    public string? Type { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}
