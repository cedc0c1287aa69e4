using Microsoft.Extensions.Logging;
using Npgsql;
using ProcessStudio.Data.Migrations;

namespace ProcessStudio.Data.Postgres;

/// <summary>
/// Applies the pending PostgreSQL scripts (<see cref="MigrationCatalog.Postgres"/>) in order, each in its own
/// transaction with its row in <c>__Migrations</c> (PostgreSQL's DDL is transactional, so a failed script leaves the
/// previous version). A session advisory lock makes instances that start together migrate one after the other: the
/// second finds the work done.
/// </summary>
public sealed class PostgresMigrator(PostgresDatabase database, ILogger<PostgresMigrator> logger) : IDatabaseInitializer
{
    /// <summary>Any number every ProcessStudio instance agrees on ("PrSt" in ASCII).</summary>
    private const long MigrationLockKey = 0x50725374;

    private const string HistoryTableSql =
        "CREATE TABLE IF NOT EXISTS \"__Migrations\" (\"Version\" integer NOT NULL PRIMARY KEY, \"Name\" text NOT NULL, \"AppliedAt\" bigint NOT NULL);";

    public static int LatestVersion => MigrationCatalog.Postgres[^1].Version;

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateToAsync(LatestVersion, cancellationToken);

    /// <summary>Applies migrations up to and including <paramref name="targetVersion"/> (tests build old schemas with it).</summary>
    public async Task MigrateToAsync(int targetVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey});", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, HistoryTableSql, cancellationToken);
            var current = await GetVersionAsync(connection, cancellationToken);
            if (current > LatestVersion)
                throw new InvalidOperationException(
                    $"The database is at schema version {current}, newer than this ProcessStudio supports ({LatestVersion}). Upgrade the application.");

            foreach (var migration in MigrationCatalog.Postgres.Where(m => m.Version > current && m.Version <= targetVersion))
                await ApplyAsync(connection, migration, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey});", CancellationToken.None);
        }
    }

    /// <summary>The highest applied migration, or 0 for an empty database.</summary>
    public async Task<int> GetCurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, HistoryTableSql, cancellationToken);
        return await GetVersionAsync(connection, cancellationToken);
    }

    private async Task ApplyAsync(NpgsqlConnection connection, SchemaMigration migration, CancellationToken cancellationToken)
    {
        logger.LogInformation("Applying PostgreSQL schema migration {MigrationVersion} {MigrationName}", migration.Version, migration.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        await using var record = new NpgsqlCommand(
            "INSERT INTO \"__Migrations\" (\"Version\", \"Name\", \"AppliedAt\") VALUES ($1, $2, $3);", connection, transaction);
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
        record.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> GetVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(\"Version\"), 0) FROM \"__Migrations\";", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
