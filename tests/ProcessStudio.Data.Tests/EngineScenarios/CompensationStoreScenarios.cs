using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Tests.Compensation;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The compensation (saga rollback) scenarios, unchanged, over a real SQLite file and a throwaway PostgreSQL: the rollback's
// cursor, its node records and the crash in the middle of it go through each store.

public sealed class SqliteCompensationScenarios : CompensationScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCompensationScenarios : CompensationScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteCompensationReactionScenarios : CompensationReactionScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCompensationReactionScenarios : CompensationReactionScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
