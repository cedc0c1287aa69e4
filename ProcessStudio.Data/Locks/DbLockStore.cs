using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Locks;

/// <summary>
/// Critical-section locks in the CriticalSectionLocks table and their queues in CriticalSectionWaiters, through EF Core
/// (provider-neutral). The key is the lock's primary key, so of two instances inserting the same key one gets a conflict
/// and reads the winner instead; a free key goes only to the waiter first in line (lowest Id), so waiters enter in order.
/// </summary>
public sealed class DbLockStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : ILockStore
{
    public async Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await HolderAsync(db, key, cancellationToken) is { } current)
        {
            if (current == holder) return null;
            await EnqueueAsync(key, holder, nodeId, now, cancellationToken);
            return current;
        }
        if (await FirstInLineAsync(db, key, cancellationToken) is { } first && first != holder)
        {
            await EnqueueAsync(key, holder, nodeId, now, cancellationToken);
            return first;
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.CriticalSectionLocks.Add(new CriticalSectionLockEntity
            {
                Key = key, ExecutionId = holder.ExecutionId.ToString(), HolderId = holder.HolderId.ToString(), NodeId = nodeId,
                AcquiredAt = now.ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(cancellationToken);
            var holderId = holder.HolderId.ToString();
            await db.CriticalSectionWaiters.Where(w => w.Key == key && w.HolderId == holderId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // another instance took it between our read and our insert: wait in line behind it
            await EnqueueAsync(key, holder, nodeId, now, cancellationToken);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return await HolderAsync(again, key, cancellationToken) ?? holder;
        }
    }

    public async Task<bool> ReleaseAsync(string key, Guid executionId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = executionId.ToString();
        return await db.CriticalSectionLocks.Where(l => l.Key == key && l.ExecutionId == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task LeaveQueueAsync(string key, LockHolder holder, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holderId = holder.HolderId.ToString();
        await db.CriticalSectionWaiters.Where(w => w.Key == key && w.HolderId == holderId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = executionId.ToString();
        await db.CriticalSectionLocks.Where(l => l.ExecutionId == id).ExecuteDeleteAsync(cancellationToken);
        await db.CriticalSectionWaiters.Where(w => w.ExecutionId == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Joins the key's queue once: a later try of the same holder keeps its place.</summary>
    private async Task EnqueueAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holderId = holder.HolderId.ToString();
        if (await db.CriticalSectionWaiters.AnyAsync(w => w.Key == key && w.HolderId == holderId, cancellationToken)) return;
        db.CriticalSectionWaiters.Add(new CriticalSectionWaiterEntity
        {
            Key = key, ExecutionId = holder.ExecutionId.ToString(), HolderId = holderId, NodeId = nodeId, EnqueuedAt = now.ToUnixTimeMilliseconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // the same holder queued from another instance at the same moment (a recovered run): its place is kept
        }
    }

    private static async Task<LockHolder?> HolderAsync(ProcessStudioDbContext db, string key, CancellationToken cancellationToken) =>
        await db.CriticalSectionLocks.Where(l => l.Key == key).Select(l => new { l.ExecutionId, l.HolderId }).FirstOrDefaultAsync(cancellationToken) is { } row
            ? new LockHolder(Guid.Parse(row.ExecutionId), Guid.Parse(row.HolderId))
            : null;

    private static async Task<LockHolder?> FirstInLineAsync(ProcessStudioDbContext db, string key, CancellationToken cancellationToken) =>
        await db.CriticalSectionWaiters.Where(w => w.Key == key).OrderBy(w => w.Id).Select(w => new { w.ExecutionId, w.HolderId })
            .FirstOrDefaultAsync(cancellationToken) is { } row
            ? new LockHolder(Guid.Parse(row.ExecutionId), Guid.Parse(row.HolderId))
            : null;
}
