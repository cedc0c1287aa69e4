using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Subscriptions;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Subscriptions;

/// <summary>Event subscriptions and their delivery attempts through EF Core; writes take the SQLite write gate.</summary>
public sealed class SqliteEventSubscriptionStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IEventSubscriptionStore
{
    public async Task AddAsync(EventSubscription subscription, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(new EventSubscriptionEntity
        {
            Id = Id(subscription.Id), Url = subscription.Url, Events = Json(subscription.Events), WorkflowId = Id(subscription.WorkflowId),
            SealedSecret = subscription.SealedSecret, CreatedAt = Time(subscription.CreatedAt),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<EventSubscription?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = Id(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<EventSubscriptionEntity>().FirstOrDefaultAsync(s => s.Id == key, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<EventSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<EventSubscriptionEntity>().OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = Id(id);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<EventSubscriptionEntity>().Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken) > 0;   // attempts cascade
    }

    public async Task AddAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var subscriptionId = Id(attempt.SubscriptionId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<EventSubscriptionEntity>().AnyAsync(s => s.Id == subscriptionId, cancellationToken)) return;   // deleted meanwhile
        db.Add(new EventDeliveryAttemptEntity
        {
            SubscriptionId = subscriptionId, MessageId = Id(attempt.MessageId), EventType = attempt.EventType, Attempt = attempt.Attempt,
            At = Time(attempt.At), StatusCode = attempt.StatusCode, Response = attempt.Response, Error = attempt.Error, DurationMs = attempt.DurationMs,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(Guid subscriptionId, int limit, CancellationToken cancellationToken)
    {
        var key = Id(subscriptionId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<EventDeliveryAttemptEntity>().Where(a => a.SubscriptionId == key)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(a => new DeliveryAttempt(ToGuid(a.SubscriptionId), ToGuid(a.MessageId), a.EventType, a.Attempt, ToTime(a.At),
            a.StatusCode, a.Response, a.Error, a.DurationMs))];
    }

    private static EventSubscription ToRecord(EventSubscriptionEntity row) =>
        new(ToGuid(row.Id), row.Url, FromJson<List<string>>(row.Events) ?? [], ToOptionalGuid(row.WorkflowId), row.SealedSecret, ToTime(row.CreatedAt));
}
