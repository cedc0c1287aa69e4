using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Bench;

/// <summary>
/// Whole-array Data nodes against the number of items: one run of Filter → Sort → Aggregate (group by, sum) over items
/// of about 80 characters, in memory. Each node is one step whatever the item count, so compare the time per item with
/// a For Each (two durable steps per item) in <see cref="ForEachBenchmarks"/>.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*DataNodeBenchmarks*'
/// </summary>
public class DataNodeBenchmarks : WholeRunBenchmark
{
    [Params(1000, 10000)]
    public override int Items { get; set; }

    /// <summary>Mean is the whole run (four steps); divide by Items for the time per item.</summary>
    [Benchmark(Description = "Filter → Sort → Aggregate over the items, whole run")]
    public Task WholeRun() => RunAsync();

    protected override WorkflowDefinition Workflow() => Pipeline();

    private static WorkflowDefinition Pipeline()
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = "data pipeline" };
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "filter", Name = "filter", Type = "filter",
            Settings = new JsonObject { ["items"] = "$json.items", ["mode"] = "expression", ["expression"] = "$item.total > 10" },
        });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "sort", Name = "sort", Type = "sort",
            Settings = new JsonObject { ["keys"] = new JsonArray(new JsonObject { ["field"] = "total", ["direction"] = "desc" }) },
        });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "aggregate", Name = "aggregate", Type = "aggregate",
            Settings = new JsonObject
            {
                ["groupBy"] = new JsonArray("customer"),
                ["aggregations"] = new JsonArray(new JsonObject { ["operation"] = "sum", ["field"] = "total" }, new JsonObject { ["operation"] = "count" }),
            },
        });
        workflow.Connections.Add(new Connection("start", "out", "filter"));
        workflow.Connections.Add(new Connection("filter", "out", "sort"));
        workflow.Connections.Add(new Connection("sort", "out", "aggregate"));
        return workflow;
    }
}
