using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Commands;

/// <summary>
/// The RunCommands table through EF Core. The claim is the one provider-specific statement: on PostgreSQL one UPDATE
/// over a FOR UPDATE SKIP LOCKED sub-select, so instances claiming together never wait on each other's rows; on SQLite
/// (one writer) a conditional UPDATE under the write gate. Either way a row moves Pending → Claimed once.
/// </summary>
public sealed class RunCommandStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate, IOptions<DataOptions> options) : IRunCommandStore
{
    private const int Pending = (int)RunCommandState.Pending;
    private const int Claimed = (int)RunCommandState.Claimed;

    private bool IsPostgres => options.Value.Provider == DatabaseProvider.Postgres;

    public async Task AddAsync(RunCommand command, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(command.ToEntity());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunCommand>> ClaimAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        var runs = executionIds.Select(Id).ToArray();
        var at = Time(now);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = IsPostgres ? await ClaimOnPostgresAsync(db, runs, owner, at, limit, cancellationToken) : await ClaimOnSqliteAsync(db, runs, owner, at, limit, cancellationToken);
        return [.. claimed.OrderBy(c => c.CreatedAt).Select(c => c.ToCommand())];
    }

    private static Task<List<RunCommandEntity>> ClaimOnPostgresAsync(ProcessStudioDbContext db, string[] runs, string owner, long at, int limit,
        CancellationToken cancellationToken) =>
        db.Set<RunCommandEntity>().FromSql($"""
            UPDATE "RunCommands" SET "State" = {Claimed}, "ClaimedBy" = {owner}, "ClaimedAt" = {at}
            WHERE "Id" IN (SELECT "Id" FROM "RunCommands" WHERE "State" = {Pending} AND "ExecutionId" = ANY({runs})
                           ORDER BY "CreatedAt" LIMIT {limit} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).ToListAsync(cancellationToken);

    private static async Task<List<RunCommandEntity>> ClaimOnSqliteAsync(ProcessStudioDbContext db, string[] runs, string owner, long at, int limit,
        CancellationToken cancellationToken)
    {
        var rows = db.Set<RunCommandEntity>();
        var due = await rows.Where(c => c.State == Pending && runs.Contains(c.ExecutionId))
            .OrderBy(c => c.CreatedAt).Select(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        if (due.Count == 0) return [];
        // The WHERE re-checks the state: a row claimed or withdrawn in between is not taken.
        await rows.Where(c => due.Contains(c.Id) && c.State == Pending).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, Claimed).SetProperty(c => c.ClaimedBy, owner).SetProperty(c => c.ClaimedAt, at), cancellationToken);
        return await rows.Where(c => due.Contains(c.Id) && c.State == Claimed && c.ClaimedBy == owner && c.ClaimedAt == at).ToListAsync(cancellationToken);
    }

    public async Task CompleteAsync(Guid commandId, string owner, RunCommandOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Id(commandId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<RunCommandEntity>().Where(c => c.Id == key && c.State == Claimed && c.ClaimedBy == owner).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, (int)RunCommandState.Done)
            .SetProperty(c => c.Result, (int)outcome.Result)
            .SetProperty(c => c.Status, (int?)outcome.Status)
            .SetProperty(c => c.Message, outcome.Message)
            .SetProperty(c => c.Subject, outcome.Subject)
            .SetProperty(c => c.FinishedAt, Time(now)), cancellationToken);
    }

    public async Task<RunCommandProgress?> ProgressAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var key = Id(commandId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Set<RunCommandEntity>().FirstOrDefaultAsync(c => c.Id == key, cancellationToken))?.ToProgress();
    }

    public async Task<bool> WithdrawAsync(Guid commandId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Id(commandId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunCommandEntity>().Where(c => c.Id == key && c.State == Pending).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, (int)RunCommandState.Withdrawn)
            .SetProperty(c => c.FinishedAt, Time(now)), cancellationToken) == 1;
    }

    public async Task DeleteAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var key = Id(commandId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<RunCommandEntity>().Where(c => c.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = Time(cutoff);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunCommandEntity>().Where(c => c.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
