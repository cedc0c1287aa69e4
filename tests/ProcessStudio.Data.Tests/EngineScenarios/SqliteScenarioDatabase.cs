using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

/// <summary>
/// One database per scenario: a SQLite file, or a PostgreSQL database on the test server. Every <see cref="OpenStores"/>
/// builds fresh stores over it, as a restarted process would, so "resume in a new engine" really reads back what the
/// previous stores wrote.
/// </summary>
public class ScenarioDatabase(DatabaseProvider provider) : IAsyncDisposable
{
    private readonly string _folder = TestDatabase.NewFolder();
    private readonly List<ServiceProvider> _opened = [];
    private string? _postgres;

    protected string Folder => _folder;

    public async Task MigrateAsync()
    {
        if (provider == DatabaseProvider.Postgres)
            _postgres = await PostgresTestServer.CreateDatabaseAsync();
        await using var services = Build();
        await services.GetRequiredService<IDatabaseInitializer>().MigrateAsync(CancellationToken.None);
    }

    public StoreSet OpenStores()
    {
        var services = Build();
        _opened.Add(services);
        return new StoreSet(services.GetRequiredService<IWorkflowStore>(), services.GetRequiredService<IExecutionStore>(), services.GetRequiredService<IOutboxStore>())
        {
            Locks = services.GetRequiredService<ILockStore>(),
        };
    }

    /// <summary>Another store over this database, e.g. to register beside <see cref="OpenStores"/> in an engine host.</summary>
    public T Open<T>() where T : notnull
    {
        var services = Build();
        _opened.Add(services);
        return services.GetRequiredService<T>();
    }

    /// <summary>A number the SQLite database file holds, read with plain SQL, as an operator inspecting it would.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, new DataOptions().DatabaseFileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private ServiceProvider Build() =>
        new ServiceCollection().AddLogging().AddProcessStudioData(o =>
        {
            o.DataFolder = _folder;
            if (_postgres is null) return;
            o.Provider = DatabaseProvider.Postgres;
            o.ConnectionString = _postgres;
        }).BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        foreach (var services in _opened)
            await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
            await PostgresTestServer.DropDatabaseAsync(_postgres);
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class SqliteScenarioDatabase : ScenarioDatabase
{
    public SqliteScenarioDatabase() : base(DatabaseProvider.Sqlite) { }

    /// <summary>Starts from a copy of <paramref name="databaseFile"/> (a fixture written by an earlier release).</summary>
    public SqliteScenarioDatabase(string databaseFile) : this() => File.Copy(databaseFile, Path.Combine(Folder, new DataOptions().DatabaseFileName));
}
