using System.Text.Json.Nodes;
using ProcessStudio.Data.Tests.EngineScenarios;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.Fixtures;

/// <summary>
/// Fixtures/schema-v10.db was written by the engine and SQLite store of main at 020abb3 (schema 10, before values were
/// referenced by hash): a "chain" run over a 60-item input (≈ 4.8 KB) that completed through two Set Variables nodes, and a
/// "fixture approval" run with the same input parked at a Wait for approval between two of them. Every value in it is
/// inline (run input row, node inputs, outputs, whole checkpoints). Opening it with today's code must read all of that,
/// continue the parked run and restart the finished one from a node, writing new rows with references beside the old ones.
/// </summary>
public sealed class SchemaV10UpgradeScenarios : EngineScenarioBase
{
    private static readonly Guid CompletedRunId = Guid.Parse("29265c54-a198-4633-a094-da82c7b39040");
    private static readonly Guid WaitingRunId = Guid.Parse("5d38b27e-8ea3-4a70-9bfa-99c6c32ed33b");
    private const int Items = 60;

    private readonly SqliteScenarioDatabase _database = new(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema-v10.db"));

    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }

    [Fact]
    public async Task A_finished_run_written_inline_reads_back_whole()
    {
        var run = await Executions.GetAsync(CompletedRunId, CancellationToken.None);
        run!.Status.Should().Be(ExecutionStatus.Completed);
        ItemsOf(run.Input).Should().Be(Items);

        var trigger = (await NodeRunsAsync(CompletedRunId, "start")).Single();
        ItemsOf(trigger.Input).Should().Be(Items);
        ItemsOf(trigger.Output).Should().Be(Items);
        var history = await Executions.GetCheckpointAtStepAsync(CompletedRunId, 4, CancellationToken.None);
        history!.BaseStep.Should().BeNull("the store composes the delta rows of the old chain into a whole state");
        ItemsOf(JsonNode.Parse(history.StateJson)!["triggerInput"]).Should().Be(Items);
    }

    [Fact]
    public async Task A_run_parked_before_the_upgrade_continues_and_its_new_rows_refer_to_values_written_once()
    {
        (await Executions.GetAsync(WaitingRunId, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Waiting);
        var valuesBefore = await _database.ScalarAsync("SELECT COUNT(*) FROM ExecutionValues WHERE Key LIKE 'value/%'");

        await Engine.SignalAsync(WaitingRunId, "approve", new JsonObject { ["decision"] = "approve", ["by"] = "alice" }, CancellationToken.None);
        var done = await WaitForStatusAsync(WaitingRunId, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await TraceAsync(WaitingRunId)).Should().Equal("start:Succeeded:out", "n1:Succeeded:out", "approve:Succeeded:approved", "n2:Succeeded:out");
        (await MemoryAsync(WaitingRunId))["variables"]!["step"]!.GetValue<int>().Should().Be(2, "n2 read the variable n1 set before the upgrade");
        valuesBefore.Should().Be(0, "the fixture predates value references");
        (await _database.ScalarAsync("SELECT COUNT(*) FROM ExecutionValues WHERE Key LIKE 'value/%'"))
            .Should().Be(1, "the checkpoints written after the upgrade hold the 60 items once, by reference");
        var checkpoint = await Executions.GetCheckpointAsync(WaitingRunId, CancellationToken.None);
        ItemsOf(JsonNode.Parse(checkpoint!.StateJson)!["triggerInput"]).Should().Be(Items);
    }

    [Fact]
    public async Task A_run_finished_before_the_upgrade_restarts_from_a_node()
    {
        var retry = await Engine.RetryAsync(CompletedRunId, RetryMode.FromNode, "n2", CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await TraceAsync(retry.Id)).Should().Equal("n2:Succeeded:out");
        ItemsOf((await NodeRunsAsync(retry.Id, "n2")).Single().Input).Should().Be(null, "n2's input is n1's small output");
        ItemsOf(JsonNode.Parse((await Executions.GetCheckpointAsync(retry.Id, CancellationToken.None))!.StateJson)!["triggerInput"]).Should().Be(Items);
    }

    private static int? ItemsOf(JsonNode? value) => value?["items"]?.AsArray().Count;
}
