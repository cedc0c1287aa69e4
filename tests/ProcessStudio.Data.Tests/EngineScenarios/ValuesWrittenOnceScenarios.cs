using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Data.Tests.EngineScenarios;

/// <summary>
/// A large run input passes through the trigger's record, the next node's input, the checkpoints' trigger input, $node and
/// the last output. On SQLite its text is stored once; everything else refers to it, and every reader gets it back whole.
/// </summary>
public sealed class ValuesWrittenOnceScenarios : EngineScenarioBase
{
    private const int BlobChars = 200_000;
    private readonly SqliteScenarioDatabase _database = new();

    protected override StoreSet OpenStores() => _database.OpenStores();
    public override async Task InitializeAsync() { await _database.MigrateAsync(); await base.InitializeAsync(); }
    public override async Task DisposeAsync() { await base.DisposeAsync(); await _database.DisposeAsync(); }

    private static JsonObject LargeInput() => new() { ["id"] = 1, ["blob"] = new string('x', BlobChars) };

    [Fact]
    public async Task A_large_input_through_a_chain_is_stored_once_and_read_back_everywhere()
    {
        var workflow = new WorkflowBuilder("large input").Trigger()
            .Node("a", "set-variables", new { variables = WorkflowBuilder.Vars(("size", "{{ length($json.blob) }}")) })
            .Node("b", "set-variables", new { variables = WorkflowBuilder.Vars(("seen", "{{ $node.start.blob == $input.blob }}")) })
            .Chain("start", "a", "b").Build();

        var run = await RunAsync(workflow, LargeInput());

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var stored = await _database.ScalarAsync("SELECT TOTAL(length(Input)) + TOTAL(length(Output)) FROM NodeExecutions")
            + await _database.ScalarAsync("SELECT TOTAL(length(Json)) FROM ExecutionValues")
            + await _database.ScalarAsync("SELECT TOTAL(length(State)) FROM CheckpointHistory")
            + await _database.ScalarAsync("SELECT TOTAL(length(State)) FROM Checkpoints");
        stored.Should().BeInRange(BlobChars, BlobChars + 20_000, "the input's text is written once, the rest are references");

        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Input!["blob"]!.GetValue<string>().Should().HaveLength(BlobChars);
        var trigger = (await NodeRunsAsync(run.Id, "start")).Single();
        trigger.Output!["blob"]!.GetValue<string>().Should().HaveLength(BlobChars);
        (await MemoryAsync(run.Id))["variables"]!["size"]!.GetValue<int>().Should().Be(BlobChars);
        var atB = await Executions.GetCheckpointAtStepAsync(run.Id, 3, CancellationToken.None);
        JsonNode.Parse(atB!.StateJson)!["nodeOutputs"]!["start"]!["blob"]!.GetValue<string>().Should().HaveLength(BlobChars);

        var retry = await Engine.RetryAsync(run.Id, RetryMode.FromNode, "b", CancellationToken.None);
        var retried = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        retried.Status.Should().Be(ExecutionStatus.Completed, retried.ErrorMessage);
        (await MemoryAsync(retry.Id))["variables"]!["seen"]!.GetValue<bool>().Should().BeTrue("b read the trigger's output from the restored state");
    }
}
