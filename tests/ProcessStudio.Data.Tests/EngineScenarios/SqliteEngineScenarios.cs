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

public sealed class SqliteLongRunScenarios : LongRunScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }

    [Fact]
    public async Task A_long_run_stores_deltas_instead_of_its_whole_memory_at_every_step()
    {
        var done = await RunWithoutDelayAsync();

        var id = done.Id.ToString();
        var deltas = await _database.ScalarAsync($"SELECT COUNT(*) FROM CheckpointHistory WHERE ExecutionId = '{id}' AND BaseStep IS NOT NULL");
        var rows = await _database.ScalarAsync($"SELECT COUNT(*) FROM CheckpointHistory WHERE ExecutionId = '{id}'");
        var stored = await _database.ScalarAsync($"SELECT SUM(LENGTH(State)) FROM CheckpointHistory WHERE ExecutionId = '{id}'");
        var whole = (await Executions.GetCheckpointAsync(done.Id, CancellationToken.None))!.StateJson.Length;

        deltas.Should().BeGreaterThan(rows / 2, "once the memory is large, most steps store only what they changed");
        // Whole checkpoints at every step would store about rows × whole / 2 characters.
        stored.Should().BeLessThan(rows * whole / 8, "the history of a long run is several times smaller than its whole memory at every step");
    }
}

public sealed class SqliteNodeRecordScenarios : NodeRecordScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteCommandRaceScenarios : CommandRaceScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
