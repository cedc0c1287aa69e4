using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Locks;

/// <summary>
/// Critical-section locks in the CriticalSectionLocks table, through EF Core (provider-neutral). The key is the primary
/// key, so of two instances inserting the same key one gets a conflict and reads the winner instead.
/// </summary>
public sealed class DbLockStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : ILockStore
{
    public async Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await HolderAsync(db, key, cancellationToken) is { } current) return current == holder ? null : current;
        db.CriticalSectionLocks.Add(new CriticalSectionLockEntity
        {
            Key = key, ExecutionId = holder.ExecutionId.ToString(), HolderId = holder.HolderId.ToString(), NodeId = nodeId,
            AcquiredAt = now.ToUnixTimeMilliseconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // another instance took it between our read and our insert
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

    public async Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = executionId.ToString();
        await db.CriticalSectionLocks.Where(l => l.ExecutionId == id).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<LockHolder?> HolderAsync(ProcessStudioDbContext db, string key, CancellationToken cancellationToken) =>
        await db.CriticalSectionLocks.Where(l => l.Key == key).Select(l => new { l.ExecutionId, l.HolderId }).FirstOrDefaultAsync(cancellationToken) is { } row
            ? new LockHolder(Guid.Parse(row.ExecutionId), Guid.Parse(row.HolderId))
            : null;
}
