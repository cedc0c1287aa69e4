using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Bench;

/// <summary>
/// How a For Each scales with its item count: the time per item of a sequential For Each whose body is one Set
/// Variables node, over items of about 80 characters each. A time per item that stays flat means the run scales linearly.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*ForEachBenchmarks*'
/// </summary>
[Config(typeof(EngineBenchmarkConfig))]
[MemoryDiagnoser]
public class ForEachBenchmarks
{
    private EngineBenchHost _host = null!;
    private Guid _workflow;
    private JsonObject _input = [];

    [Params(100, 1000)]
    public int Items { get; set; }

    // Synchronous: the in-process toolchain may run iteration setups before an async global setup has finished.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _host = await EngineBenchHost.StartAsync();
        _workflow = await _host.SaveAsync(ForEachWorkflow());
        _input = new JsonObject { ["items"] = ItemList(Items) };
    }

    [IterationCleanup]
    public void DeleteFinishedRuns() => _host.DeleteFinishedRunsAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Mean is the whole run; divide by Items for the time per item (one For Each step plus one body step).</summary>
    [Benchmark(Description = "sequential For Each with a Set Variables body, whole run")]
    public Task WholeRun() => _host.RunToEndAsync(_workflow, _input.DeepClone());

    private static JsonArray ItemList(int items) => new([.. Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject
    {
        ["id"] = i, ["customer"] = $"customer {i}", ["email"] = $"customer{i}@example.test", ["total"] = i * 1.5,
    })]);

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
