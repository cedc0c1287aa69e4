using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Bench;

/// <summary>
/// How a For Each scales with its item count: the time per item of a sequential For Each whose body is one Set
/// Variables node, over items of about 80 characters each. A time per item that stays flat means the run scales linearly.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*ForEachBenchmarks*'
/// </summary>
public class ForEachBenchmarks : WholeRunBenchmark
{
    [Params(100, 1000)]
    public override int Items { get; set; }

    /// <summary>Mean is the whole run; divide by Items for the time per item (one For Each step plus one body step).</summary>
    [Benchmark(Description = "sequential For Each with a Set Variables body, whole run")]
    public Task WholeRun() => RunAsync();

    protected override WorkflowDefinition Workflow() => ForEachWorkflow();

    private static WorkflowDefinition ForEachWorkflow()
    {
        var workflow = new WorkflowDefinition
        {
            Id = Guid.NewGuid(), Name = "for each", Settings = { MaxActivations = 1_000_000 },
            Variables = [new VariableDefinition("count", 0)],
        };
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        workflow.Nodes.Add(new NodeDefinition { Id = "each", Name = "each", Type = "for-each", Settings = new JsonObject { ["items"] = "$json.items" } });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "count", Name = "count", Type = "set-variables",
            Settings = new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = "count", ["value"] = "{{ $vars.count + 1 }}" }) },
        });
        workflow.Connections.Add(new Connection("start", "out", "each"));
        workflow.Connections.Add(new Connection("each", "item", "count"));
        return workflow;
    }
}
