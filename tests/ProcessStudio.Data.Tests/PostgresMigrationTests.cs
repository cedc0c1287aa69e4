using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Postgres;
using ProcessStudio.Data.Tests.Support;

namespace ProcessStudio.Data.Tests;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void Every_sqlite_migration_has_a_postgres_twin_with_the_same_version_and_name()
    {
        // A table added on one provider only would leave the other schema behind: docs/scale-out.md lists both files.
        MigrationCatalog.Postgres.Select(m => (m.Version, m.Name)).Should().Equal(MigrationCatalog.All.Select(m => (m.Version, m.Name)));
    }
}

public sealed class PostgresMigrationTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Instances_starting_together_apply_each_script_once_and_agree_on_the_version()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString)).ToList();
        try
        {
            var migrators = databases.Select(d => new PostgresMigrator(d, NullLogger<PostgresMigrator>.Instance)).ToList();

            await Task.WhenAll(migrators.Select(m => m.MigrateAsync(Ct)));

            (await migrators[0].GetCurrentVersionAsync(Ct)).Should().Be(PostgresMigrator.LatestVersion);
            await using var db = await OpenAsync(connectionString);
            (await db.ScalarAsync("SELECT COUNT(*) FROM \"__Migrations\"")).Should().Be(MigrationCatalog.Postgres.Count, "each script ran once");
            (await db.ScalarAsync("SELECT COUNT(*) FROM \"ExecutionStatuses\"")).Should().Be(Enum.GetValues<ProcessStudio.Engine.Execution.ExecutionStatus>().Length, "the seed rows were inserted once");
        }
        finally
        {
            foreach (var database in databases) await database.DisposeAsync();
            await PostgresTestServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task An_old_schema_upgrades_in_place_keeping_its_rows()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        await using var database = new PostgresDatabase(connectionString);
        var migrator = new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance);
        try
        {
            await migrator.MigrateToAsync(9, Ct);
            await using (var db = await OpenAsync(connectionString))
            {
                await db.ExecuteAsync("INSERT INTO \"Executions\" (\"Id\", \"WorkflowId\", \"WorkflowVersion\", \"WorkflowName\", \"Status\", \"Mode\", \"Input\", \"CreatedAt\") " +
                                      "VALUES ('e1', 'w1', 1, 'Old', 3, 0, '{\"a\":1}', 1)");
            }

            await migrator.MigrateAsync(Ct);

            await using var after = await OpenAsync(connectionString);
            (await after.ScalarAsync("SELECT COUNT(*) FROM \"ExecutionValues\" WHERE \"Key\" = 'input'")).Should().Be(1, "migration 10 moves run inputs to value rows");
            (await after.ScalarAsync("SELECT COUNT(*) FROM \"Executions\" WHERE \"Input\" IS NOT NULL")).Should().Be(0);
        }
        finally
        {
            await database.DisposeAsync();
            await PostgresTestServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<Npgsql.NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

internal static class NpgsqlTestExtensions
{
    public static async Task<long> ScalarAsync(this Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task ExecuteAsync(this Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
