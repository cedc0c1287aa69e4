using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Bench;

/// <summary>
/// Engine overhead per node step with the in-memory store: routing, expression scope, the resilience pipeline, the
/// node record and a checkpoint (the run state as JSON, whole or as a delta) per step. Mean is the wall time per node step:
/// steps/s = 1e9 / Mean(ns). On a shared machine wall time mostly measures the neighbours, so the cleanup also prints
/// the process CPU time per step. Finished runs are deleted after each iteration, outside the measured time: the
/// in-memory store keeps every checkpoint of every run, and a heap grown by hundreds of finished runs would make the
/// benchmark measure the garbage collector walking them rather than the engine.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*EngineStepBenchmarks*'
/// (without --inProcess, which would add a default job that measures mostly the JIT warming up).
/// </summary>
[Config(typeof(SteadyStateEngineBenchmarkConfig))]
[MemoryDiagnoser]
public class EngineStepBenchmarks
{
    private const int LinearNodes = 500;
    private const int LoopIterations = 1000;   // each iteration is two steps: the Loop node and its body

    private EngineBenchHost _host = null!;
    private Guid _linear;
    private Guid _loop;
    private TimeSpan _cpuInRuns;
    private long _stepsInRuns;

    // Synchronous: the in-process toolchain may run iteration setups before an async global setup has finished.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _host = await EngineBenchHost.StartAsync();
        _linear = await _host.SaveAsync(LinearWorkflow());
        _loop = await _host.SaveAsync(LoopWorkflow());
    }

    [IterationCleanup]
    public void DeleteFinishedRuns() => _host.DeleteFinishedRunsAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        var cpuPerStep = _cpuInRuns.TotalMicroseconds / _stepsInRuns;
        Console.WriteLine($"// EngineStepBenchmarks: process CPU {cpuPerStep:F1} us per node step (~{1_000_000 / cpuPerStep:F0} steps/s per busy core)");
        await _host.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = LinearNodes + 1, Description = "linear chain of 500 Transform nodes")]
    public Task LinearChain() => RunCountingCpuAsync(_linear, LinearNodes + 1);

    [Benchmark(OperationsPerInvoke = LoopIterations * 2 + 2, Description = "Loop with a Set Variables body, 1000 iterations")]
    public Task LoopWithBody() => RunCountingCpuAsync(_loop, LoopIterations * 2 + 2);

    /// <summary>
    /// CPU is read around the run itself: between iterations BenchmarkDotNet forces full garbage collections, which an
    /// iteration setup/cleanup clock would count as engine work.
    /// </summary>
    private async Task RunCountingCpuAsync(Guid workflowId, int steps)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        await _host.RunToEndAsync(workflowId);
        _cpuInRuns += Process.GetCurrentProcess().TotalProcessorTime - before;
        _stepsInRuns += steps;
    }

    private static WorkflowDefinition LinearWorkflow()
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = "linear", Settings = { MaxActivations = 100_000 } };
        workflow.Nodes.Add(new NodeDefinition { Id = "n0", Name = "n0", Type = "manual-trigger" });
        for (var i = 1; i <= LinearNodes; i++)
        {
            workflow.Nodes.Add(new NodeDefinition { Id = $"n{i}", Name = $"n{i}", Type = "transform", Settings = new JsonObject { ["fields"] = new JsonObject { ["i"] = i } } });
            workflow.Connections.Add(new Connection($"n{i - 1}", "out", $"n{i}"));
        }
        return workflow;
    }

    private static WorkflowDefinition LoopWorkflow()
    {
        var workflow = new WorkflowDefinition
        {
            Id = Guid.NewGuid(), Name = "loop", Settings = { MaxActivations = 100_000 },
            Variables = [new VariableDefinition("n", 0)],
        };
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "loop", Name = "loop", Type = "loop",
            Settings = new JsonObject { ["condition"] = $"$index < {LoopIterations}", ["maxIterations"] = LoopIterations + 1 },
        });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "count", Name = "count", Type = "set-variables",
            Settings = new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = "n", ["value"] = "{{ $vars.n + 1 }}" }) },
        });
        workflow.Connections.Add(new Connection("start", "out", "loop"));
        workflow.Connections.Add(new Connection("loop", "loop", "count"));
        return workflow;
    }
}

/// <summary>
/// Time to pause a running run (the Delay it waits in is interrupted and its checkpoint committed) and to resume it
/// (checkpoint validated, status changed, a worker driving it again). The cleanup prints the memory an idle paused
/// execution holds in the in-memory store.
/// Run: dotnet run -c Release --project bench/ProcessStudio.Bench -- --filter '*EnginePauseBenchmarks*'
/// </summary>
[Config(typeof(EngineBenchmarkConfig))]
public class EnginePauseBenchmarks
{
    private const int IdleRuns = 500;
    private EngineBenchHost _host = null!;
    private Guid _workflow;
    private Guid _run;

    // Synchronous: the in-process toolchain may run iteration setups before an async global setup has finished.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _host = await EngineBenchHost.StartAsync();
        _workflow = await _host.SaveAsync(DelayWorkflow());
        _run = await _host.StartAndWaitForDelayAsync(_workflow);
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        Console.WriteLine($"// EnginePauseBenchmarks: {await MeasureIdlePausedBytesAsync() / 1024.0:F1} KB per idle paused execution (in-memory store)");
        await _host.DisposeAsync();
    }

    [IterationSetup(Target = nameof(Pause))]
    public void EnsureRunning() => EnsureStatusAsync(ExecutionStatus.Running).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Resume))]
    public void EnsurePaused() => EnsureStatusAsync(ExecutionStatus.Paused).GetAwaiter().GetResult();

    [Benchmark(Description = "pause a run waiting in a Delay")]
    public Task Pause() => _host.Engine.PauseAsync(_run, CancellationToken.None);

    [Benchmark(Description = "resume a paused run until a worker drives it")]
    public async Task Resume()
    {
        await _host.Engine.ResumeAsync(_run, CancellationToken.None);
        await _host.WaitUntilLiveAsync(_run);
    }

    private async Task EnsureStatusAsync(ExecutionStatus wanted)
    {
        var record = await _host.Executions.GetAsync(_run, CancellationToken.None);
        if (record is null) throw new InvalidOperationException($"Benchmark run {_run} is missing.");
        if (wanted == ExecutionStatus.Paused && record.Status != ExecutionStatus.Paused) await Pause();
        if (wanted == ExecutionStatus.Running && record.Status == ExecutionStatus.Paused) await Resume();
        await _host.WaitUntilLiveAsync(_run, wanted == ExecutionStatus.Running);
    }

    private async Task<double> MeasureIdlePausedBytesAsync()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < IdleRuns; i++)
        {
            var run = await _host.StartAndWaitForDelayAsync(_workflow);
            await _host.Engine.PauseAsync(run, CancellationToken.None);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (after - before) / (double)IdleRuns;
    }

    private static WorkflowDefinition DelayWorkflow()
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = "idle" };
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "prepare", Name = "prepare", Type = "set-variables",
            Settings = new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = "order", ["value"] = "{{ $input }}" }) },
        });
        workflow.Nodes.Add(new NodeDefinition { Id = "wait", Name = "wait", Type = "delay", Settings = new JsonObject { ["duration"] = "1h" } });
        workflow.Connections.Add(new Connection("start", "out", "prepare"));
        workflow.Connections.Add(new Connection("prepare", "out", "wait"));
        return workflow;
    }
}

/// <summary>An engine with in-memory stores and its worker pool started, as the Web host composes it.</summary>
internal sealed class EngineBenchHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _workers;
    private readonly List<Guid> _finishedRuns = [];

    private EngineBenchHost(ServiceProvider services)
    {
        _services = services;
        _workers = [.. services.GetServices<IHostedService>()];
    }

    public IWorkflowEngine Engine => _services.GetRequiredService<IWorkflowEngine>();
    public IExecutionStore Executions => _services.GetRequiredService<IExecutionStore>();

    public static async Task<EngineBenchHost> StartAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System))
            .AddSingleton<IExecutionStore>(new InMemoryExecutionStore())
            .AddProcessStudioEngine(o => o.MaxWorkers = 2)
            .BuildServiceProvider();
        var host = new EngineBenchHost(services);
        foreach (var worker in host._workers) await worker.StartAsync(CancellationToken.None);
        return host;
    }

    public async Task<Guid> SaveAsync(WorkflowDefinition workflow) =>
        (await _services.GetRequiredService<IWorkflowStore>().SaveAsync(workflow, null, CancellationToken.None)).WorkflowId;

    public async Task RunToEndAsync(Guid workflowId, JsonNode? input = null)
    {
        // Only the final status: waking a reader on every step would measure the reader, not the engine.
        using var subscription = _services.GetRequiredService<IEngineEventStream>().Subscribe(e => e is ExecutionStatusChanged { Status: var s } && s.IsFinished());
        var run = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflowId, Input = input ?? new JsonObject() }, CancellationToken.None);
        await foreach (var e in subscription.ReadAllAsync(CancellationToken.None))
            if (e is ExecutionStatusChanged changed && changed.ExecutionId == run.Id && changed.Status.IsFinished())
            {
                if (changed.Status != ExecutionStatus.Completed) throw new InvalidOperationException($"Benchmark run ended {changed.Status}: {changed.ErrorMessage}");
                _finishedRuns.Add(run.Id);
                return;
            }
    }

    public async Task DeleteFinishedRunsAsync()
    {
        await Executions.DeleteAsync(_finishedRuns, CancellationToken.None);
        _finishedRuns.Clear();
    }

    public async Task<Guid> StartAndWaitForDelayAsync(Guid workflowId)
    {
        var run = await Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflowId, Input = new JsonObject { ["id"] = 1 } }, CancellationToken.None);
        while (!(await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None)).Any(n => n.NodeId == "wait"))
            await Task.Delay(1);
        return run.Id;
    }

    public async Task WaitUntilLiveAsync(Guid executionId, bool live = true)
    {
        var runs = _services.GetRequiredService<ProcessStudio.Engine.Execution.Runtime.LiveRuns>();
        while (runs.IsLive(executionId) != live) await Task.Yield();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

/// <summary>A short in-process run: enough for a stable figure on a shared 2-core machine.</summary>
public sealed class EngineBenchmarkConfig : ManualConfig
{
    public EngineBenchmarkConfig() =>
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1));
}

/// <summary>
/// Engine overhead per step once the JIT has settled. In a fresh process on the 2-core machine tiered compilation takes
/// about three seconds of runs to reach its optimized code (chain iterations fall from ≈ 50 ms to ≈ 9 ms), longer than
/// BenchmarkDotNet's default warm-up with one run per iteration; 150 warm-up runs cover it.
/// </summary>
public sealed class SteadyStateEngineBenchmarkConfig : ManualConfig
{
    public SteadyStateEngineBenchmarkConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(150).WithIterationCount(200).WithId("SteadyState"));
}
