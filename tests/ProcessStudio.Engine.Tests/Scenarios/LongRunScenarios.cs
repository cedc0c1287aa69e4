using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// Runs long enough that their checkpoints are chains of deltas: pausing, resuming in a new engine, reading any step's
/// memory and restarting from a late node must all see exactly the memory the run had.
/// </summary>
public abstract class LongRunScenarios : EngineScenarioBase
{
    private const int ChainLength = 160;
    private const int PauseAt = 120;

    /// <summary>A chain of Transform nodes, each adding an output of about 100 characters, with a Delay at node <see cref="PauseAt"/>.</summary>
    private static WorkflowDefinition LongChain()
    {
        var builder = new WorkflowBuilder("long chain").Trigger();
        var ids = new List<string> { "start" };
        for (var i = 1; i <= ChainLength; i++)
        {
            var id = $"n{i}";
            if (i == PauseAt) builder.Node(id, "delay", new { duration = "1500ms" });
            else builder.Node(id, "transform", new { fields = new { index = i, previous = "{{ $json?.index }}", note = $"node {i} of a long run, padded to make the memory grow" } });
            ids.Add(id);
        }
        return builder.Chain([.. ids]).Settings(s => s.MaxActivations = 10_000).Build();
    }

    [Fact]
    public async Task A_long_run_paused_late_resumes_in_a_new_engine_with_all_its_memory()
    {
        var run = await StartAsync(LongChain());
        await WaitForNodeAsync(run.Id, $"n{PauseAt}", NodeExecutionStatus.Waiting);
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        await RestartHostAsync();
        var memory = await MemoryAsync(run.Id);
        ((JsonObject)memory["nodes"]!).Count.Should().Be(PauseAt, "the trigger and every node before the delay have outputs");
        memory["nodes"]![$"n{PauseAt - 1}"]!["index"]!.ToJsonString().Should().Be($"{PauseAt - 1}");

        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["index"]!.ToJsonString().Should().Be($"{ChainLength}");
        done.Output!["previous"]!.ToJsonString().Should().Be($"{ChainLength - 1}");
        var final = await MemoryAsync(run.Id);
        ((JsonObject)final["nodes"]!).Count.Should().Be(ChainLength + 1);
        (await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None)).Should().HaveCount(ChainLength + 1, "no committed step ran twice");
    }

    [Fact]
    public async Task Every_step_of_a_long_run_reads_back_with_the_outputs_it_had_then()
    {
        var done = await RunWithoutDelayAsync();
        var nodes = await Executions.GetNodeExecutionsAsync(done.Id, CancellationToken.None);

        foreach (var node in nodes.Where(n => n.NodeId != "start"))
        {
            var checkpoint = await Executions.GetCheckpointAtStepAsync(done.Id, node.Step, CancellationToken.None);
            checkpoint.Should().NotBeNull($"step {node.Step} has a checkpoint");
            var state = RunState.Deserialize(done.Id, checkpoint!.StateJson);
            var index = int.Parse(node.NodeId[1..]);
            state.NodeOutputs.Count.Should().Be(index, $"when {node.NodeId} started, the trigger and the {index - 1} nodes before it had run");
            state.Agenda.Single().NodeId.Should().Be(node.NodeId);
        }
    }

    [Fact]
    public async Task Restarting_from_a_late_node_of_a_long_run_uses_the_memory_it_had()
    {
        var done = await RunWithoutDelayAsync();

        var retry = await Engine.RetryAsync(done.Id, RetryMode.FromNode, "n150", CancellationToken.None);
        var retried = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        retried.Status.Should().Be(ExecutionStatus.Completed, retried.ErrorMessage);
        (await Executions.GetNodeExecutionsAsync(retry.Id, CancellationToken.None)).Select(n => n.NodeId)
            .Should().Equal(Enumerable.Range(150, ChainLength - 149).Select(i => $"n{i}"));
        var memory = await MemoryAsync(retry.Id);
        memory["nodes"]!["n149"]!["index"]!.ToJsonString().Should().Be("149", "outputs from before the restart point are kept");
    }

    protected async Task<ExecutionRecord> RunWithoutDelayAsync()
    {
        var workflow = LongChain();
        workflow.Nodes.Single(n => n.Id == $"n{PauseAt}").Settings = WorkflowBuilder.ToObject(new { duration = "1ms" });
        var done = await RunAsync(workflow);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        return done;
    }
}

public sealed class InMemoryLongRunScenarios : LongRunScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
