using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Subscriptions;
using ProcessStudio.Engine.Tests.Outbox;
using ProcessStudio.Engine.Tests.Scenarios;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The suites added with control flow, data nodes, durability, pinned data and the outbox, over PostgreSQL as well
// (skipped with the reason when no server is configured, see PostgresAwareTestFramework).

public sealed class PostgresJoinScenarios : JoinScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCancellationScenarios : CancellationScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresForEachCompletionScenarios : ForEachCompletionScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresCriticalSectionScenarios : CriticalSectionScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresMilestoneScenarios : MilestoneScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresDataNodeScenarios : DataNodeScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresDurabilityScenarios : DurabilityScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresPinnedOutputScenarios : PinnedOutputScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresOutboxScenarios : OutboxScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresPauseOnFailureScenarios : ProcessStudio.Engine.Tests.Lifecycle.PauseOnFailureScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresSubscriptionScenarios : SubscriptionScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_database.Open<IEventSubscriptionStore>());
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresOutboxStoreContract : OutboxStoreContract
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);

    protected override async Task<IOutboxStore> OpenAsync()
    {
        await _database.MigrateAsync();
        return _database.OpenStores().Outbox!;
    }

    public override async Task DisposeAsync() => await _database.DisposeAsync();
}

public sealed class PostgresForEachAppendScenarios : ForEachAppendScenarios
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class PostgresLockStoreTests : ProcessStudio.Engine.Tests.Stores.LockStoreContract, IAsyncLifetime
{
    private readonly ScenarioDatabase _database = new(DatabaseProvider.Postgres);
    protected override Task<ILockStore> OpenAsync() => Task.FromResult(_database.Open<ProcessStudio.Engine.Persistence.ILockStore>());
    public Task InitializeAsync() => _database.MigrateAsync();
    public async Task DisposeAsync() => await _database.DisposeAsync();
}
