using ProcessStudio.Engine.Tests.Scenarios;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The engine's scenario suites, unchanged, over real SQLite files: every step, pause, resume, retry and recovery
// goes through the SQLite stores instead of the in-memory ones.

public sealed class SqliteRoutingScenarios : RoutingScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteLifecycleScenarios : LifecycleScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteRetryScenarios : RetryScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteResilienceScenarios : ResilienceScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteCircuitBreakerScenarios : CircuitBreakerScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteErrorWorkflowScenarios : ErrorWorkflowScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteWaitScenarios : WaitScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteSubWorkflowScenarios : SubWorkflowScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
