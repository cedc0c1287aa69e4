using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Data;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Bench;

/// <summary>
/// Waits on SQLite, as the app runs them: the time from an approval decision to the completed run, and (printed by the
/// cleanup) what 1,000 parked approval runs cost the process: nothing live, and the managed heap growth per parked run.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*EngineWaitBenchmarks*'
/// </summary>
[Config(typeof(EngineBenchmarkConfig))]
public class EngineWaitBenchmarks
{
    private const int ParkedRuns = 1000;
    private readonly string _folder = Directory.CreateTempSubdirectory("processstudio-bench-waits-").FullName;
    private ServiceProvider _services = null!;
    private IHostedService[] _hosted = [];
    private Guid _workflow;
    private Guid _parked;

    private IWorkflowEngine Engine => _services.GetRequiredService<IWorkflowEngine>();
    private IExecutionStore Executions => _services.GetRequiredService<IExecutionStore>();

    // Synchronous: the in-process toolchain may run iteration setups before an async global setup has finished.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _services = new ServiceCollection().AddLogging()
            .AddProcessStudioData(o => o.DataFolder = _folder)
            .AddProcessStudioEngine(o => o.MaxWorkers = 2)
            .BuildServiceProvider();
        await _services.GetRequiredService<IDatabaseInitializer>().MigrateAsync(CancellationToken.None);
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var hosted in _hosted) await hosted.StartAsync(CancellationToken.None);
        _workflow = (await _services.GetRequiredService<IWorkflowStore>().SaveAsync(ApprovalWorkflow(), null, CancellationToken.None)).WorkflowId;
    }

    [IterationSetup(Target = nameof(ApproveUntilCompleted))]
    public void ParkOne() => _parked = ParkAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "approve a parked run until it completes (SQLite)")]
    public async Task ApproveUntilCompleted()
    {
        await Engine.SignalAsync(_parked, "approve", new JsonObject { ["decision"] = "approve", ["by"] = "bench" }, CancellationToken.None);
        await WaitForStatusAsync(_parked, ExecutionStatus.Completed);
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        var live = _services.GetRequiredService<LiveRuns>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, ParkedRuns).Select(_ => Engine.StartAsync(
            new StartExecutionRequest { WorkflowId = _workflow, Input = new JsonObject { ["amount"] = 10 } }, CancellationToken.None)));
        while ((await Executions.ListByStatusAsync([ExecutionStatus.Waiting], CancellationToken.None)).Count < ParkedRuns)
            await Task.Delay(50);
        var parkedIn = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// EngineWaitBenchmarks: {ParkedRuns} runs parked in {parkedIn.TotalSeconds:F1} s; live runs {live.Count}; " +
                          $"managed heap {(after - before) / 1024.0:F0} KB in all, {(after - before) / (double)ParkedRuns:F0} bytes per parked run");

        foreach (var hosted in _hosted) await hosted.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Guid> ParkAsync()
    {
        var run = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = _workflow, Input = new JsonObject { ["amount"] = 10 } }, CancellationToken.None);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);
        return run.Id;
    }

    private async Task WaitForStatusAsync(Guid executionId, ExecutionStatus status)
    {
        while ((await Executions.GetAsync(executionId, CancellationToken.None))?.Status != status) await Task.Delay(1);
    }

    private static WorkflowDefinition ApprovalWorkflow()
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = "approval" };
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "approve", Name = "approve", Type = "wait-for-approval",
            Settings = new JsonObject { ["title"] = "Pay {{ $input.amount }} EUR?", ["timeout"] = "7d" },
        });
        workflow.Nodes.Add(new NodeDefinition { Id = "paid", Name = "paid", Type = "log", Settings = new JsonObject { ["message"] = "paid" } });
        workflow.Connections.Add(new Connection("start", "out", "approve"));
        workflow.Connections.Add(new Connection("approve", "approved", "paid"));
        return workflow;
    }
}
