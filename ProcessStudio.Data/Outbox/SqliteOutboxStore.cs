using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Outbox;

/// <summary>
/// The outbox table through EF Core (provider-neutral). A claim is a conditional UPDATE that re-checks the lease, so of
/// two dispatchers on one database each row goes to one; the claimed rows are then read back by owner and lease. On
/// PostgreSQL the claim is one UPDATE over a FOR UPDATE SKIP LOCKED sub-select instead: dispatchers of several instances
/// claiming at once take disjoint rows without waiting on each other.
/// </summary>
public sealed class SqliteOutboxStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate, IOptions<DataOptions> options) : IOutboxStore
{
    private static readonly int Pending = (int)OutboxState.Pending;
    private static readonly int Done = (int)OutboxState.Done;

    public async Task AddAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return;
        var ids = messages.Select(m => Id(m.Id)).ToList();
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<OutboxEntity>().Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        db.AddRange(messages.Select(m => m.ToEntity()).Where(e => !existing.Contains(e.Id)));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit,
        CancellationToken cancellationToken)
    {
        var at = Time(now);
        var until = Time(leaseUntil);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (options.Value.Provider == DatabaseProvider.Postgres)
            return [.. (await ClaimOnPostgresAsync(db, owner, at, until, limit, cancellationToken)).OrderBy(o => o.NextAttemptAt).Select(o => o.ToMessage())];
        // Served by IX_Outbox_State_NextAttemptAt: one range scan however many rows are done.
        var due = await Unclaimed(db.Set<OutboxEntity>(), at).Where(o => o.NextAttemptAt <= at)
            .OrderBy(o => o.NextAttemptAt).Select(o => o.Id).Take(limit).ToListAsync(cancellationToken);
        if (due.Count == 0) return [];
        // The WHERE re-checks the lease: a row another dispatcher claimed in between is left to it.
        await Unclaimed(db.Set<OutboxEntity>().Where(o => due.Contains(o.Id)), at)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, owner).SetProperty(o => o.ClaimedUntil, until), cancellationToken);
        var claimed = await db.Set<OutboxEntity>().Where(o => due.Contains(o.Id) && o.ClaimedBy == owner && o.ClaimedUntil == until)
            .OrderBy(o => o.NextAttemptAt).ToListAsync(cancellationToken);
        return [.. claimed.Select(o => o.ToMessage())];
    }

    private static Task<List<OutboxEntity>> ClaimOnPostgresAsync(ProcessStudioDbContext db, string owner, long now, long until, int limit,
        CancellationToken cancellationToken) =>
        db.Set<OutboxEntity>().FromSql($"""
            UPDATE "Outbox" SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}
            WHERE "Id" IN (SELECT "Id" FROM "Outbox" WHERE "State" = {Pending} AND "NextAttemptAt" <= {now}
                             AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                           ORDER BY "NextAttemptAt" LIMIT {limit} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).ToListAsync(cancellationToken);

    public async Task<bool> ReleaseAsync(OutboxMessage outcome, string owner, CancellationToken cancellationToken)
    {
        var row = outcome.ToEntity();
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxEntity>().Where(o => o.Id == row.Id && o.ClaimedBy == owner).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.State, row.State)
            .SetProperty(o => o.Attempts, row.Attempts)
            .SetProperty(o => o.NextAttemptAt, row.NextAttemptAt)
            .SetProperty(o => o.LastError, row.LastError)
            .SetProperty(o => o.FinishedAt, row.FinishedAt)
            .SetProperty(o => o.ClaimedBy, (string?)null)
            .SetProperty(o => o.ClaimedUntil, (long?)null), cancellationToken) == 1;
    }

    public async Task<OutboxMessage?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = Id(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Set<OutboxEntity>().FirstOrDefaultAsync(o => o.Id == key, cancellationToken))?.ToMessage();
    }

    public async Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Id(id);
        var failed = (int)OutboxState.Failed;
        var at = Time(now);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxEntity>().Where(o => o.Id == key && o.State == failed).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.State, Pending)
            .SetProperty(o => o.NextAttemptAt, at)
            .SetProperty(o => o.FinishedAt, (long?)null), cancellationToken) == 1;
    }

    public async Task<Page<OutboxMessage>> QueryAsync(OutboxQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OutboxEntity>().AsQueryable();
        if (query.State is { } state) rows = rows.Where(o => o.State == (int)state);
        if (Id(query.ExecutionId) is { } executionId) rows = rows.Where(o => o.ExecutionId == executionId);
        if (Id(query.SubscriptionId) is { } subscriptionId) rows = rows.Where(o => o.SubscriptionId == subscriptionId);
        if (query.Type is { } type) rows = rows.Where(o => o.Type == type);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken);
        return new Page<OutboxMessage>([.. page.Select(o => o.ToMessage())], total, query.Offset, query.Limit);
    }

    public async Task<int> DeleteDoneBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = Time(cutoff);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxEntity>().Where(o => o.State == Done && o.FinishedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<OutboxEntity> Unclaimed(IQueryable<OutboxEntity> rows, long now) =>
        rows.Where(o => o.State == Pending && (o.ClaimedUntil == null || o.ClaimedUntil < now));
}
