using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Subscriptions;
using ProcessStudio.Engine.Tests.Outbox;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The outbox suites over real SQLite files: rows are written by the step's own transaction and claimed with EF Core.

public sealed class SqliteOutboxScenarios : OutboxScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteOutboxStoreContract : OutboxStoreContract
{
    private readonly SqliteScenarioDatabase _database = new();

    protected override async Task<IOutboxStore> OpenAsync()
    {
        await _database.MigrateAsync();
        return _database.OpenStores().Outbox!;
    }

    public override async Task DisposeAsync() => await _database.DisposeAsync();
}

public sealed class SqlitePauseOnFailureScenarios : ProcessStudio.Engine.Tests.Lifecycle.PauseOnFailureScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteSubscriptionScenarios : SubscriptionScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_database.Open<IEventSubscriptionStore>());
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
