using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Data.Webhooks;

/// <summary>
/// Webhook path ownership in the WebhookPaths table, through EF Core (provider-neutral). The path is the primary key, so
/// of two instances claiming one path at once the second insert fails, and that save is refused with the owner's id.
/// </summary>
public sealed class DbWebhookPathStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate, TimeProvider clock) : IWebhookPathStore
{
    public async Task ClaimAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken)
    {
        var owner = workflowId.ToString();
        var wanted = paths.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First());
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.Set<WebhookPathEntity>().AsTracking().Where(p => p.WorkflowId == owner).ToListAsync(cancellationToken);
        db.RemoveRange(held.Where(p => !wanted.ContainsKey(p.Path)));
        foreach (var kept in held.Where(p => wanted.ContainsKey(p.Path))) kept.NodeId = wanted[kept.Path].NodeId;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (path, claim) in wanted.Where(w => held.All(h => h.Path != w.Key)))
            db.Add(new WebhookPathEntity { Path = path, WorkflowId = owner, NodeId = claim.NodeId, ClaimedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw await ConflictAsync(workflowId, wanted.Values, cancellationToken);
        }
    }

    public async Task AdoptAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken)
    {
        var owner = workflowId.ToString();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var claim in paths)
        {
            using var _ = await gate.EnterAsync(cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var path = claim.Key;
            if (await db.Set<WebhookPathEntity>().AnyAsync(p => p.Path == path, cancellationToken)) continue;
            db.Add(new WebhookPathEntity { Path = path, WorkflowId = owner, NodeId = claim.NodeId, ClaimedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // another instance adopted it at the same moment
            }
        }
    }

    /// <summary>Which of the wanted paths another workflow owns; the insert failed on one of them.</summary>
    private async Task<Exception> ConflictAsync(Guid workflowId, IEnumerable<WebhookPathClaim> wanted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = workflowId.ToString();
        foreach (var claim in wanted)
        {
            var path = claim.Key;
            var holder = await db.Set<WebhookPathEntity>().Where(p => p.Path == path && p.WorkflowId != owner)
                .Select(p => p.WorkflowId).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null) return new WebhookPathConflictException(claim.Path, Guid.Parse(holder));
        }
        return new InvalidOperationException($"The webhook paths of workflow {workflowId} could not be saved; try again.");
    }
}
