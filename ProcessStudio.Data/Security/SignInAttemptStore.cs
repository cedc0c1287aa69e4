using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;

namespace ProcessStudio.Data.Security;

/// <summary>
/// Failed sign-ins per user name and client address in the SignInAttempts table, through EF Core (provider-neutral), so
/// every instance sharing the database counts towards one lockout. Counting is one conditional UPDATE (Failures + 1) on
/// the database, never read-modify-write in memory, so failures made at the same moment on two instances all count.
/// </summary>
public sealed class SignInAttemptStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate)
{
    private const int MaxInsertAttempts = 3;

    /// <summary>When the pair is locked until, if it is locked at <paramref name="now"/>.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userKey, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var nowMs = now.ToUnixTimeMilliseconds();
        var until = await Rows(db, userKey, client).Where(a => a.LockedUntil > nowMs).Select(a => a.LockedUntil).FirstOrDefaultAsync(cancellationToken);
        return until is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Counts one failure and returns the pair's failures so far. A count whose window passed, or whose lockout ended,
    /// starts again at 1.
    /// </summary>
    public async Task<int> CountFailureAsync(string userKey, string client, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var windowFloor = (now - window).ToUnixTimeMilliseconds();
        using var _ = await gate.EnterAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var live = Rows(db, userKey, client).Where(a => a.WindowStart >= windowFloor && (a.LockedUntil == null || a.LockedUntil > nowMs));
            if (await live.ExecuteUpdateAsync(s => s.SetProperty(a => a.Failures, a => a.Failures + 1), cancellationToken) > 0)
                return await Rows(db, userKey, client).Select(a => a.Failures).FirstAsync(cancellationToken);
            // No live count: forget this pair's stale one, and every other count that no longer matters, then start anew.
            // A live row another instance inserted meanwhile is kept: the insert below then fails and counts on it.
            await db.Set<SignInAttemptEntity>()
                .Where(a => (a.UserKey == userKey && a.Client == client && a.WindowStart < windowFloor)
                            || a.LockedUntil <= nowMs
                            || (a.WindowStart < windowFloor && a.LockedUntil == null))
                .ExecuteDeleteAsync(cancellationToken);
            db.Add(new SignInAttemptEntity { UserKey = userKey, Client = client, Failures = 1, WindowStart = nowMs });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException) when (attempt < MaxInsertAttempts)
            {
                // another instance started the count at the same moment: count on its row
            }
        }
    }

    /// <summary>Locks the pair until <paramref name="until"/> unless it is locked already; returns the lock that holds.</summary>
    public async Task<DateTimeOffset> LockAsync(string userKey, string client, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var untilMs = until.ToUnixTimeMilliseconds();
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Rows(db, userKey, client).Where(a => a.LockedUntil == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, untilMs), cancellationToken);
        var held = await Rows(db, userKey, client).Select(a => a.LockedUntil).FirstOrDefaultAsync(cancellationToken);
        return DateTimeOffset.FromUnixTimeMilliseconds(held ?? untilMs);
    }

    public async Task ClearAsync(string userKey, string client, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Rows(db, userKey, client).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<SignInAttemptEntity> Rows(ProcessStudioDbContext db, string userKey, string client) =>
        db.Set<SignInAttemptEntity>().Where(a => a.UserKey == userKey && a.Client == client);
}
