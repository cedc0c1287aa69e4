using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Bench;

/// <summary>
/// Durable engine steps per second on a real SQLite file (WAL, synchronous=NORMAL): every step commits the execution
/// row, one node record, two log lines, the checkpoint and its history entry in one transaction.
/// Mean is the wall time per step: steps/s = 1e9 / Mean(ns). On a shared machine wall time mostly measures the
/// neighbours, so the cleanup also prints the process CPU time per step, the machine-independent cost.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*StoreBenchmarks*'
/// </summary>
[Config(typeof(StoreBenchmarkConfig))]
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int StepsPerInvoke = 2000;
    private const int ConcurrentRuns = 8;

    private string _folder = "";
    private ServiceProvider _services = null!;
    private IExecutionStore _store = null!;
    private ExecutionRecord[] _runs = [];
    private long[] _nextStep = [];
    private string _state = "";
    private TimeSpan _cpuAtIterationStart;
    private TimeSpan _cpuInIterations;
    private long _stepsInIterations;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "processstudio-bench", Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection().AddLogging().AddProcessStudioData(o => o.DataFolder = _folder).BuildServiceProvider();
        await _services.GetRequiredService<IDatabaseInitializer>().MigrateAsync(CancellationToken.None);
        _store = _services.GetRequiredService<IExecutionStore>();
        _state = RealisticState();

        _runs = Enumerable.Range(0, ConcurrentRuns).Select(_ => new ExecutionRecord
        {
            Id = Guid.NewGuid(), WorkflowId = Guid.NewGuid(), WorkflowVersion = 1, WorkflowName = "bench",
            Status = ExecutionStatus.Running, CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
            Input = new JsonObject { ["orderId"] = 42 }, TotalNodes = 10,
        }).ToArray();
        _nextStep = new long[ConcurrentRuns];
        foreach (var run in _runs)
            await _store.CreateAsync(run, null, CancellationToken.None);
    }

    [IterationSetup]
    public void StartCpuClock() => _cpuAtIterationStart = Process.GetCurrentProcess().TotalProcessorTime;

    [IterationCleanup]
    public void StopCpuClock()
    {
        _cpuInIterations += Process.GetCurrentProcess().TotalProcessorTime - _cpuAtIterationStart;
        _stepsInIterations += StepsPerInvoke;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var cpuPerStep = _cpuInIterations.TotalMicroseconds / _stepsInIterations;
        Console.WriteLine($"// StoreBenchmarks: process CPU {cpuPerStep:F0} us per durable step (~{1_000_000 / cpuPerStep:F0} steps/s per busy core)");
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Description = "1 run, sequential durable steps")]
    public Task SingleRunSequential() => CommitStepsAsync(0, StepsPerInvoke);

    [Benchmark(OperationsPerInvoke = StepsPerInvoke, Description = "8 runs, concurrent durable steps")]
    public Task EightRunsConcurrent() =>
        Task.WhenAll(Enumerable.Range(0, ConcurrentRuns).Select(i => Task.Run(() => CommitStepsAsync(i, StepsPerInvoke / ConcurrentRuns))));

    private async Task CommitStepsAsync(int runIndex, int steps)
    {
        var run = _runs[runIndex];
        for (var i = 0; i < steps; i++)
        {
            var step = _nextStep[runIndex]++;
            var now = DateTimeOffset.UtcNow;
            run.CompletedNodes++;
            await _store.CommitStepAsync(new StepCommit
            {
                Execution = run,
                ExpectedVersion = run.Version,
                NodeExecutions =
                [
                    new NodeExecutionRecord
                    {
                        Id = Guid.NewGuid(), ExecutionId = run.Id, NodeId = $"node{step % 10}", NodeName = "Transform", NodeType = "transform",
                        Step = step, Status = NodeExecutionStatus.Succeeded, Attempts = 1, StartedAt = now, FinishedAt = now,
                        Input = new JsonObject { ["orderId"] = 42 }, Output = new JsonObject { ["total"] = step }, OutputPort = "out",
                    },
                ],
                Logs =
                [
                    new ExecutionLogRecord(0, run.Id, now, LogLevel.Information, "Node Transform started", $"node{step % 10}", step),
                    new ExecutionLogRecord(0, run.Id, now, LogLevel.Information, "Node Transform succeeded in 0 ms", $"node{step % 10}", step),
                ],
                Checkpoint = new Checkpoint(run.Id, step + 1, _state, true, now),
            }, CancellationToken.None);
        }
    }

    /// <summary>About 2 KB: a pending stack plus variables and ten node outputs, like a mid-sized workflow's memory.</summary>
    private static string RealisticState()
    {
        var outputs = new JsonObject();
        for (var i = 0; i < 10; i++)
            outputs[$"node{i}"] = new JsonObject { ["status"] = 200, ["body"] = new JsonObject { ["id"] = i, ["name"] = $"customer {i}", ["tags"] = new JsonArray("a", "b") } };
        return new JsonObject
        {
            ["stack"] = new JsonArray(new JsonObject { ["nodeId"] = "node3", ["port"] = "in", ["step"] = 3 }),
            ["memory"] = new JsonObject { ["variables"] = new JsonObject { ["retries"] = 0, ["region"] = "eu" }, ["outputs"] = outputs },
        }.ToJsonString();
    }
}

/// <summary>A short in-process run: enough for a stable figure on a shared 2-core machine without a separate build.</summary>
public sealed class StoreBenchmarkConfig : ManualConfig
{
    public StoreBenchmarkConfig() =>
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1));
}
