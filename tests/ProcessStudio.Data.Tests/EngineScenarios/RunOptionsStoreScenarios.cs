using ProcessStudio.Engine.Tests.Scenarios;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The run options over real databases: the deadline column, the correlation index and the lock key's unique partial
// index decide here, not the in-memory rules (PostgreSQL skipped with the reason when no server is configured).

public sealed class SqliteRunOptionsScenarios : RunOptionsScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresRunOptionsScenarios : RunOptionsScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
