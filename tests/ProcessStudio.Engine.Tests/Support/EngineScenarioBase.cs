using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// Base of the engine scenarios: describe a workflow, run it, assert on the trace of node executions and the final state.
/// Scenarios are written against <see cref="OpenStores"/>, so the same classes run over the in-memory stores here and
/// over SQLite in the Data tests (derive, and open stores on one database file per test).
/// </summary>
public abstract class EngineScenarioBase : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private EngineHost? _host;

    /// <summary>Stores over this test's data. Called for every host start; a restart must see what the previous host wrote.</summary>
    protected abstract StoreSet OpenStores();

    protected virtual void ConfigureEngine(EngineOptions options) { }

    /// <summary>Services over the engine's defaults, e.g. a fake clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    protected EngineHost Host => _host ?? throw new InvalidOperationException("Start the host first.");
    protected IWorkflowEngine Engine => Host.Engine;
    protected IExecutionStore Executions => Host.Executions;

    public virtual async Task InitializeAsync() => _host = await EngineHost.StartAsync(OpenStores(), ConfigureEngine, ConfigureServices);

    public virtual async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    /// <summary>
    /// Disposes the engine host (a shutdown: in-flight runs stay running) and starts a new one over the same data;
    /// <paramref name="whileStopped"/> changes the data in between, as an operator or a damaged disk might.
    /// </summary>
    protected async Task RestartHostAsync(Func<StoreSet, Task>? whileStopped = null)
    {
        await Host.DisposeAsync();
        _host = null;
        if (whileStopped is not null) await whileStopped(OpenStores());
        _host = await EngineHost.StartAsync(OpenStores(), ConfigureEngine, ConfigureServices);
    }

    protected async Task<ExecutionRecord> StartAsync(WorkflowDefinition workflow, JsonNode? input = null, IReadOnlyList<string>? breakpoints = null)
    {
        var saved = await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None);
        return await Engine.StartAsync(new StartExecutionRequest
        {
            WorkflowId = saved.WorkflowId,
            Input = input,
            Breakpoints = breakpoints ?? [],
        }, CancellationToken.None);
    }

    protected async Task<ExecutionRecord> RunAsync(WorkflowDefinition workflow, JsonNode? input = null)
    {
        var started = await StartAsync(workflow, input);
        return await WaitForStatusAsync(started.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled);
    }

    protected async Task<ExecutionRecord> WaitForStatusAsync(Guid executionId, params ExecutionStatus[] statuses)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var record = await Executions.GetAsync(executionId, CancellationToken.None);
            if (record is not null && statuses.Contains(record.Status)) return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Execution {executionId} did not reach {string.Join("/", statuses)}; it is {record?.Status}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits (up to the scenarios' limit) for something outside the store, e.g. a test server's hit count.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The condition was not met in {WaitLimit.TotalSeconds} s.");
            await Task.Delay(10);
        }
    }

    protected async Task<NodeExecutionRecord> WaitForNodeAsync(Guid executionId, string nodeId, NodeExecutionStatus status)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var nodes = await Executions.GetNodeExecutionsAsync(executionId, CancellationToken.None);
            if (nodes.FirstOrDefault(n => n.NodeId == nodeId && n.Status == status) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Node '{nodeId}' did not reach {status}.");
            await Task.Delay(10);
        }
    }

    /// <summary>The node executions in step order, as "node:status" (with ":port" when the node routed somewhere).</summary>
    protected async Task<List<string>> TraceAsync(Guid executionId) =>
        (await Executions.GetNodeExecutionsAsync(executionId, CancellationToken.None))
            .OrderBy(n => n.Step)
            .Select(n => n.OutputPort is { Length: > 0 } port ? $"{n.NodeId}:{n.Status}:{port}" : $"{n.NodeId}:{n.Status}")
            .ToList();

    protected async Task<List<NodeExecutionRecord>> NodeRunsAsync(Guid executionId, string nodeId) =>
        (await Executions.GetNodeExecutionsAsync(executionId, CancellationToken.None)).Where(n => n.NodeId == nodeId).OrderBy(n => n.Step).ToList();

    protected async Task<JsonObject> MemoryAsync(Guid executionId) =>
        await Engine.GetMemoryAsync(executionId, CancellationToken.None) ?? throw new InvalidOperationException("No memory.");
}
