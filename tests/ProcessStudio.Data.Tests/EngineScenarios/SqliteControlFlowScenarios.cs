using ProcessStudio.Engine.Tests.Scenarios;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

// The control-flow scenario suites (joins, End, Cancel, groups), unchanged, over real SQLite files.

public sealed class SqliteJoinScenarios : JoinScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteCancellationScenarios : CancellationScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteForEachCompletionScenarios : ForEachCompletionScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteCriticalSectionScenarios : CriticalSectionScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteMilestoneScenarios : MilestoneScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteForEachAppendScenarios : ForEachAppendScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteLockStoreTests : ProcessStudio.Engine.Tests.Stores.LockStoreContract, IAsyncLifetime
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override Task<ProcessStudio.Engine.Persistence.ILockStore> OpenAsync() => Task.FromResult(_database.Open<ProcessStudio.Engine.Persistence.ILockStore>());
    public Task InitializeAsync() => _database.MigrateAsync();
    public async Task DisposeAsync() => await _database.DisposeAsync();
}
