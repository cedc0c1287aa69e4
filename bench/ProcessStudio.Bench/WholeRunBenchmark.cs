using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Bench;

/// <summary>
/// One workflow run from start to end per iteration, in memory, over <see cref="Items"/> items of about 80 characters
/// each in <c>$json.items</c>. Subclasses give the workflow and the benchmark method calling <see cref="RunAsync"/>.
/// </summary>
[Config(typeof(EngineBenchmarkConfig))]
[MemoryDiagnoser]
public abstract class WholeRunBenchmark
{
    private EngineBenchHost _host = null!;
    private Guid _workflow;
    private JsonObject _input = [];

    public abstract int Items { get; set; }

    protected abstract WorkflowDefinition Workflow();

    // Synchronous: the in-process toolchain may run iteration setups before an async global setup has finished.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _host = await EngineBenchHost.StartAsync();
        _workflow = await _host.SaveAsync(Workflow());
        _input = new JsonObject { ["items"] = ItemList(Items) };
    }

    [IterationCleanup]
    public void DeleteFinishedRuns() => _host.DeleteFinishedRunsAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    protected Task RunAsync() => _host.RunToEndAsync(_workflow, _input.DeepClone());

    private static JsonArray ItemList(int items) => new([.. Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject
    {
        ["id"] = i, ["customer"] = $"customer {i % 100}", ["email"] = $"customer{i}@example.test", ["total"] = i * 1.5,
    })]);
}
