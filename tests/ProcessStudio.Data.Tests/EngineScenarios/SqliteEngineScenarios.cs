using ProcessStudio.Engine.Execution;
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

public sealed class SqliteDataPlaneScenarios : DataPlaneScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }

    [Fact]
    public async Task A_for_each_stores_its_items_once_not_with_every_step()
    {
        const int items = 300;
        var input = Items(items);
        var inputChars = input.ToJsonString().Length;

        var run = await RunAsync(Doubling(), input);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var id = run.Id.ToString();
        var checkpoints = await _database.ScalarAsync($"SELECT SUM(LENGTH(State)) FROM CheckpointHistory WHERE ExecutionId = '{id}'");
        var records = await _database.ScalarAsync($"SELECT SUM(LENGTH(COALESCE(Input, '')) + LENGTH(COALESCE(Output, ''))) FROM NodeExecutions WHERE ExecutionId = '{id}'");
        var values = await _database.ScalarAsync($"SELECT SUM(LENGTH(Json)) FROM ExecutionValues WHERE ExecutionId = '{id}'");
        // Writing the items with each of the 600 steps would store 600 times the input; deltas and a few bases store far less.
        checkpoints.Should().BeLessThan(inputChars * 100L, "checkpoints refer to the kept items instead of repeating them");
        records.Should().BeLessThan(inputChars * 4, "the For Each record is rewritten per item without its input");
        // The run input, the trigger's and the For Each's record inputs and the 300 small item inputs, each written once.
        values.Should().BeLessThan(inputChars * 5, "node inputs are value rows written once, not rewritten with their records");
    }
}

public sealed class SqliteDataNodeScenarios : DataNodeScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqliteDurabilityScenarios : DurabilityScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}

public sealed class SqlitePinnedOutputScenarios : PinnedOutputScenarios
{
    private readonly SqliteScenarioDatabase _database = new();
    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }
}
