using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data.Sqlite;

namespace ProcessStudio.Data.Migrations;

/// <summary>
/// Applies the pending <see cref="MigrationCatalog"/> scripts in order, each in its own transaction together with
/// its row in <c>__Migrations</c>, so a failed script leaves the database at the previous version.
/// </summary>
public sealed class DatabaseMigrator(SqliteDatabase database, ILogger<DatabaseMigrator> logger) : IDatabaseInitializer
{
    private const string HistoryTableSql =
        "CREATE TABLE IF NOT EXISTS __Migrations (Version INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, AppliedAt INTEGER NOT NULL);";

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateToAsync(MigrationCatalog.LatestVersion, cancellationToken);

    /// <summary>Applies migrations up to and including <paramref name="targetVersion"/> (tests build old schemas with it).</summary>
    public async Task MigrateToAsync(int targetVersion, CancellationToken cancellationToken)
    {
        if (database.FilePath is { } path)
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // Takes effect only in a database without tables yet: a new file frees deleted pages with incremental_vacuum.
        await ExecuteAsync(connection, null, "PRAGMA auto_vacuum = INCREMENTAL;", cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null, HistoryTableSql, cancellationToken);

        var current = await GetVersionAsync(connection, null, cancellationToken);
        if (current > MigrationCatalog.LatestVersion)
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this ProcessStudio supports ({MigrationCatalog.LatestVersion}). Upgrade the application.");

        foreach (var migration in MigrationCatalog.All.Where(m => m.Version > current && m.Version <= targetVersion))
            await ApplyAsync(connection, migration, cancellationToken);
    }

    /// <summary>The highest applied migration, or 0 for an empty database.</summary>
    public async Task<int> GetCurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, HistoryTableSql, cancellationToken);
        return await GetVersionAsync(connection, null, cancellationToken);
    }

    private async Task ApplyAsync(SqliteConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        // IMMEDIATE takes the write lock up front, so two processes starting together apply each script once.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await GetVersionAsync(connection, transaction, cancellationToken) >= migration.Version)
            return;

        logger.LogInformation("Applying schema migration {MigrationVersion} {MigrationName}", migration.Version, migration.Name);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);

        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO __Migrations (Version, Name, AppliedAt) VALUES ($version, $name, $appliedAt);";
        record.Parameters.AddWithValue("$version", migration.Version);
        record.Parameters.AddWithValue("$name", migration.Name);
        record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await record.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> GetVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM __Migrations;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
