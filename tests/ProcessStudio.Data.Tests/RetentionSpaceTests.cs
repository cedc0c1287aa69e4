using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Data.Tests;

/// <summary>Retention gives the space of deleted runs back to the file system instead of leaving free pages in the file.</summary>
public sealed class RetentionSpaceTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task AddOldRunsAsync(TestDatabase db, int count)
    {
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        for (var i = 0; i < count; i++)
        {
            var run = TestData.Execution(status: ExecutionStatus.Completed, createdAt: old);
            run.StoppedAt = old;
            run.Input = JsonValue.Create(new string('x', 4_000));
            await db.Executions.CreateAsync(run, null, Ct);
        }
    }

    [Fact]
    public async Task A_new_database_releases_the_pages_of_purged_runs()
    {
        await using var db = await TestDatabase.CreateAsync(o => o.Retention.MaxAge = TimeSpan.FromDays(30));
        await AddOldRunsAsync(db, 300);
        var pagesBefore = await db.ScalarAsync("PRAGMA page_count");

        (await db.RetentionService().PurgeAsync(Ct)).Should().Be(300);

        (await db.ScalarAsync("PRAGMA auto_vacuum")).Should().Be(SqliteDatabase.IncrementalAutoVacuum);
        (await db.ScalarAsync("PRAGMA freelist_count")).Should().Be(0);
        (await db.ScalarAsync("PRAGMA page_count")).Should().BeLessThan(pagesBefore / 4, "about 1.2 MB of inputs were deleted");
    }

    [Fact]
    public async Task A_database_created_without_auto_vacuum_is_converted_on_the_first_purge()
    {
        var folder = TestDatabase.NewFolder();
        await using (var legacy = new SqliteConnection($"Data Source={Path.Combine(folder, "processstudio.db")};Pooling=False"))
        {
            await legacy.OpenAsync();
            await using var command = legacy.CreateCommand();
            command.CommandText = "PRAGMA auto_vacuum = NONE; PRAGMA journal_mode = WAL; CREATE TABLE Legacy (X INTEGER);";
            await command.ExecuteNonQueryAsync();
        }
        await using var db = TestDatabase.OpenUnmigrated(folder, o => o.Retention.MaxAge = TimeSpan.FromDays(30));
        await db.Migrator.MigrateAsync(Ct);
        (await db.ScalarAsync("PRAGMA auto_vacuum")).Should().Be(0, "auto_vacuum cannot change once tables exist");
        await AddOldRunsAsync(db, 100);

        await db.RetentionService().PurgeAsync(Ct);

        (await db.ScalarAsync("PRAGMA auto_vacuum")).Should().Be(SqliteDatabase.IncrementalAutoVacuum);
        (await db.ScalarAsync("PRAGMA freelist_count")).Should().Be(0);
    }
}
