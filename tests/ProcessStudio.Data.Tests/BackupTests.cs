using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Data.Tests;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_database_is_open_holds_the_latest_commits()
    {
        await using var db = await TestDatabase.CreateAsync();
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await db.Executions.CreateAsync(run, TestData.Checkpoint(run, 0), CancellationToken.None);
        await db.Executions.CommitStepAsync(TestData.Step(run, 0, TestData.Log(run, "in the WAL")), CancellationToken.None);
        var backupPath = Path.Combine(db.Folder, "backup.db");

        await db.Database.BackupToAsync(backupPath, CancellationToken.None);

        var backup = new SqliteDatabase($"Data Source={backupPath};Pooling=False", TimeSpan.FromSeconds(1));
        (await new DatabaseMigrator(backup, NullLogger<DatabaseMigrator>.Instance).GetCurrentVersionAsync(CancellationToken.None))
            .Should().Be(MigrationCatalog.LatestVersion);
        await using var connection = await backup.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Message FROM ExecutionLogs";
        (await command.ExecuteScalarAsync()).Should().Be("in the WAL");
        await ((Func<Task>)(() => db.Database.BackupToAsync(backupPath, CancellationToken.None))).Should().ThrowAsync<IOException>();
    }
}
