using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Retention;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests.Support;

/// <summary>A real SQLite file in its own temp folder, wired through AddProcessStudioData and deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string folder, Action<DataOptions>? configure)
    {
        Folder = folder;
        _services = new ServiceCollection()
            .AddLogging()
            .AddProcessStudioData(options =>
            {
                options.DataFolder = folder;
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
    }

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

    /// <summary>A migrated, empty database.</summary>
    public static async Task<TestDatabase> CreateAsync(Action<DataOptions>? configure = null)
    {
        var database = OpenUnmigrated(NewFolder(), configure);
        try
        {
            await database.Migrator.MigrateAsync(CancellationToken.None);
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

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
