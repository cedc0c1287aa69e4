using ProcessStudio.Engine.Tests.Scenarios;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The engine's scenario suites, unchanged, over a PostgreSQL database per test (skipped with the reason when no
// server is configured, see PostgresAwareTestFramework).

public sealed class PostgresRoutingScenarios : RoutingScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresLifecycleScenarios : LifecycleScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresRetryScenarios : RetryScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresResilienceScenarios : ResilienceScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCircuitBreakerScenarios : CircuitBreakerScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresErrorWorkflowScenarios : ErrorWorkflowScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresWaitScenarios : WaitScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresSubWorkflowScenarios : SubWorkflowScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresLongRunScenarios : LongRunScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresNodeRecordScenarios : NodeRecordScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCommandRaceScenarios : CommandRaceScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresDataPlaneScenarios : DataPlaneScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
