using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Retention;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests.Support;

/// <summary>
/// A real database wired through AddProcessStudioData and deleted afterwards: a SQLite file in its own temp folder,
/// or a PostgreSQL database of its own on the test server (<see cref="PostgresTestServer"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _postgres;

    private TestDatabase(string folder, Action<DataOptions>? configure, string? postgresConnectionString = null)
    {
        Folder = folder;
        _postgres = postgresConnectionString;
        _services = new ServiceCollection()
            .AddLogging()
            .AddProcessStudioData(options =>
            {
                options.DataFolder = folder;
                if (postgresConnectionString is not null)
                {
                    options.Provider = DatabaseProvider.Postgres;
                    options.ConnectionString = postgresConnectionString;
                }
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
    }

    public DatabaseProvider Provider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public string Folder { get; }
    public string FilePath => Path.Combine(Folder, "processstudio.db");
    public IWorkflowStore Workflows => _services.GetRequiredService<IWorkflowStore>();
    public IExecutionStore Executions => _services.GetRequiredService<IExecutionStore>();
    public DatabaseMigrator Migrator => _services.GetRequiredService<DatabaseMigrator>();
    public SqliteDatabase Database => _services.GetRequiredService<SqliteDatabase>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "processstudio-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A migrated, empty SQLite database.</summary>
    public static Task<TestDatabase> CreateAsync(Action<DataOptions>? configure = null) => CreateAsync(DatabaseProvider.Sqlite, configure);

    /// <summary>A migrated, empty database on <paramref name="provider"/>.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, Action<DataOptions>? configure = null)
    {
        var database = provider == DatabaseProvider.Postgres
            ? new TestDatabase(NewFolder(), configure, await PostgresTestServer.CreateDatabaseAsync())
            : OpenUnmigrated(NewFolder(), configure);
        try
        {
            await database.Get<IDatabaseInitializer>().MigrateAsync(CancellationToken.None);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Services over an existing folder, without touching the schema.</summary>
    public static TestDatabase OpenUnmigrated(string folder, Action<DataOptions>? configure = null) => new(folder, configure);

    public ExecutionRetentionService RetentionService() =>
        _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExecutionRetentionService>().Single();

    /// <summary>A number read with plain SQL; quote identifiers ("Executions") so the same text runs on both providers.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        if (_postgres is not null)
        {
            await using var pg = new NpgsqlConnection(_postgres);
            await pg.OpenAsync();
            await using var query = new NpgsqlCommand(sql, pg);
            return Convert.ToInt64(await query.ExecuteScalarAsync());
        }
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
            await PostgresTestServer.DropDatabaseAsync(_postgres);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection may still hold a handle briefly; the temp folder is disposable anyway.
        }
    }
}
