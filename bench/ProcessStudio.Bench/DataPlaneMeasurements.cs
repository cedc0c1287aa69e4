using System.Diagnostics;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Bench;

/// <summary>
/// Whole-run measurements on a real SQLite file that BenchmarkDotNet cannot make well (one long run, bytes written, peak
/// memory): each scenario runs once to warm up on a small size, then once measured, and prints the figures with the load
/// average. Usage: measure foreach [items=10000] | chain1mb | hostile | chain [nodes=500] [runs=1] | scaleout [runs=240] [nodes=20].
/// The environment picks the store (MEASURE_STORE=memory) and the workflows' durability (MEASURE_DURABILITY=atBoundaries).
/// </summary>
internal static class DataPlaneMeasurements
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = args.ElementAtOrDefault(0) ?? "";
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;
        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        switch (scenario)
        {
            case "foreach": await ForEachAsync(Arg(1, 10_000)); break;
            case "chain1mb": await LargeInputChainAsync(); break;
            case "hostile": await HostileTransformAsync(); break;
            case "chain": await ChainAsync(Arg(1, 500), Arg(2, 1)); break;
            case "scaleout": await ScaleOutMeasurement.RunAsync(Arg(1, 240), Arg(2, 20)); break;
            default:
                Console.Error.WriteLine("usage: measure foreach [items] | chain1mb | hostile | chain [nodes] [runs] | scaleout [runs] [nodes]");
                return 2;
        }
        Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task ForEachAsync(int items)
    {
        await using var host = await SqliteEngineHost.StartAsync();
        var workflow = await host.SaveAsync(BenchWorkflows.ForEach());
        await Expect(host.RunToEndAsync(workflow, BenchWorkflows.ItemsInput(200)), ExecutionStatus.Completed);   // warm-up

        var input = BenchWorkflows.ItemsInput(items);
        await host.CheckpointWalAsync();
        var before = Sample.Take(host);
        ExecutionRecord run;
        await using (MemoryTrace.StartFromEnvironment())
            run = await Expect(host.RunToEndAsync(workflow, input), ExecutionStatus.Completed);
        var after = Sample.Take(host);
        await host.CheckpointWalAsync();
        var stored = host.DatabaseBytes() - before.DatabaseBytes;
        Console.WriteLine($"For Each over {items:N0} items, {Environment.GetEnvironmentVariable("MEASURE_FOREACH_MODE") ?? "sequential"}, one Set Variables body, " +
            $"{Environment.GetEnvironmentVariable("MEASURE_STORE") ?? "SQLite"}, {Mode}, allocated {(after.AllocatedBytes - before.AllocatedBytes) / (double)items:N0} B per item");
        Console.WriteLine($"  whole run {after.Elapsed(before):N0} ms, {after.Elapsed(before) * 1000.0 / items:N1} µs per item, " +
            $"CPU {(after.Cpu - before.Cpu).TotalMicroseconds / items:N1} µs per item, output {run.Output?.AsArray().Count:N0} results");
        Console.WriteLine($"  written {after.WrittenBytes - before.WrittenBytes:N0} B ({(after.WrittenBytes - before.WrittenBytes) / (double)items:N0} B per item), database grew {stored:N0} B");
        Console.WriteLine($"  RSS {before.RssBytes / 1048576.0:N0} MiB before, peak {after.PeakRssBytes / 1048576.0:N0} MiB, growth to peak {(after.PeakRssBytes - before.RssBytes) / 1048576.0:N0} MiB");
    }

    private static async Task LargeInputChainAsync()
    {
        await using var host = await SqliteEngineHost.StartAsync();
        var workflow = await host.SaveAsync(BenchWorkflows.SetChain(6));
        await Expect(host.RunToEndAsync(workflow, BenchWorkflows.LargeInput(1_000)), ExecutionStatus.Completed);   // warm-up
        const int runs = 10;
        await host.CheckpointWalAsync();
        var before = host.DatabaseBytes();
        for (var i = 0; i < runs; i++)
            await Expect(host.RunToEndAsync(workflow, BenchWorkflows.LargeInput(1_000_000)), ExecutionStatus.Completed);
        await host.CheckpointWalAsync();
        var grew = host.DatabaseBytes() - before;
        Console.WriteLine($"1 MB input through a 6-node Set Variables chain, {runs} runs: database grew {grew:N0} B, {grew / (double)runs:N0} B per run");
    }

    private static async Task HostileTransformAsync()
    {
        await using var host = await SqliteEngineHost.StartAsync();
        var workflow = await host.SaveAsync(BenchWorkflows.Hostile());
        var warmUp = await host.SaveAsync(BenchWorkflows.SetChain(3));
        await Expect(host.RunToEndAsync(warmUp, new JsonObject()), ExecutionStatus.Completed);
        var before = Sample.Take(host);
        var run = await Expect(host.RunToEndAsync(workflow, new JsonObject()), ExecutionStatus.Failed);
        var after = Sample.Take(host);
        Console.WriteLine($"Hostile Transform: {run.Status} after {after.Elapsed(before):N0} ms (CPU {(after.Cpu - before.Cpu).TotalMilliseconds:N0} ms), " +
            $"peak RSS {after.PeakRssBytes / 1048576.0:N0} MiB");
        Console.WriteLine($"  error: {run.ErrorMessage}");
    }

    private static async Task ChainAsync(int nodes, int runs)
    {
        await using var host = await SqliteEngineHost.StartAsync();
        var workflow = await host.SaveAsync(BenchWorkflows.SetChain(nodes));
        for (var i = 0; i < EnvInt("MEASURE_WARMUP", 3); i++)
            await ForgetInMemory(host, await Expect(host.RunToEndAsync(workflow, new JsonObject { ["n"] = 1 }), ExecutionStatus.Completed));
        for (var round = 0; round < EnvInt("MEASURE_ROUNDS", 1); round++)
        {
            var before = Sample.Take(host);
            var finished = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Expect(host.RunToEndAsync(workflow, new JsonObject { ["n"] = 1 }), ExecutionStatus.Completed)));
            var after = Sample.Take(host);
            await ForgetInMemory(host, finished);
            var steps = (nodes + 1) * runs;
            Console.WriteLine($"{runs} run(s) of a {nodes}-node Set Variables chain, {Mode}: {after.Elapsed(before) * 1000.0 / steps:N1} µs per step " +
                $"({steps * 1000.0 / after.Elapsed(before):N0} steps/s), CPU {(after.Cpu - before.Cpu).TotalMicroseconds / steps:N1} µs per step, " +
                $"{(after.WrittenBytes - before.WrittenBytes) / (double)steps:N0} B written per step, " +
                $"{(after.AllocatedBytes - before.AllocatedBytes) / (double)steps:N0} B allocated per step, JIT {after.JitMethods - before.JitMethods} methods {(after.JitTime - before.JitTime).TotalMicroseconds / steps:N1} µs per step, load {File.ReadAllText("/proc/loadavg").Trim()}");
        }
    }

    /// <summary>
    /// The in-memory store keeps every checkpoint of every run: without deleting finished runs (outside the measured
    /// window) the heap grows by ≈ 6 MB per chain run and later rounds measure the garbage collector walking it.
    /// </summary>
    private static async Task ForgetInMemory(SqliteEngineHost host, params ExecutionRecord[] runs)
    {
        if (Environment.GetEnvironmentVariable("MEASURE_STORE") == "memory")
            await host.Executions.DeleteAsync([.. runs.Select(r => r.Id)], CancellationToken.None);
    }

    /// <summary>Warm-up runs and measured rounds of the chain: the JIT needs ≈ 3 s of runs to reach its optimized code.</summary>
    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    private static string Mode => Environment.GetEnvironmentVariable("MEASURE_DURABILITY") ?? "everyStep";

    private static async Task<ExecutionRecord> Expect(Task<ExecutionRecord> running, ExecutionStatus status)
    {
        var run = await running;
        if (run.Status != status) throw new InvalidOperationException($"The run ended {run.Status}, not {status}: {run.ErrorMessage}");
        return run;
    }

    /// <summary>What the process has used so far, read from /proc.</summary>
    private sealed record Sample(long Ticks, long WrittenBytes, long RssBytes, long PeakRssBytes, long DatabaseBytes, TimeSpan Cpu, long AllocatedBytes, long JitMethods, TimeSpan JitTime)
    {
        public static Sample Take(SqliteEngineHost host)
        {
            var status = File.ReadAllLines("/proc/self/status");
            long Kb(string field) => long.Parse(status.First(l => l.StartsWith(field)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            var written = File.ReadAllLines("/proc/self/io").First(l => l.StartsWith("write_bytes:")).Split(' ')[1];
            return new Sample(Stopwatch.GetTimestamp(), long.Parse(written), Kb("VmRSS:"), Kb("VmHWM:"), host.DatabaseBytes(),
                Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true),
                System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        }

        public double Elapsed(Sample earlier) => Stopwatch.GetElapsedTime(earlier.Ticks, Ticks).TotalMilliseconds;
    }
}

/// <summary>The workflows the measurements run.</summary>
internal static class BenchWorkflows
{
    public static JsonObject ItemsInput(int items) => new()
    {
        ["items"] = new JsonArray([.. Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i, ["customer"] = $"customer {i}", ["email"] = $"customer{i}@example.test", ["total"] = i * 1.5,
        })]),
    };

    /// <summary>About <paramref name="bytes"/> of JSON: one long text field and a few small ones.</summary>
    public static JsonObject LargeInput(int bytes) => new() { ["id"] = 1, ["blob"] = new string('x', bytes), ["kind"] = "large" };

    public static WorkflowDefinition ForEach()
    {
        var workflow = Workflow("for each");
        workflow.Variables.Add(new VariableDefinition("count", 0));
        // MEASURE_FOREACH_MODE=parallel runs the iterations 8 at a time (maxParallel).
        var mode = Environment.GetEnvironmentVariable("MEASURE_FOREACH_MODE") ?? "sequential";
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "each", Name = "each", Type = "for-each",
            Settings = new JsonObject { ["items"] = "$json.items", ["mode"] = mode, ["maxParallel"] = 8 },
        });
        workflow.Nodes.Add(SetNode("count", "count", "{{ $vars.count + 1 }}"));
        workflow.Connections.Add(new Connection("start", "out", "each"));
        workflow.Connections.Add(new Connection("each", "item", "count"));
        return workflow;
    }

    public static WorkflowDefinition SetChain(int nodes)
    {
        var workflow = Workflow("chain");
        var previous = "start";
        for (var i = 1; i <= nodes; i++)
        {
            workflow.Nodes.Add(SetNode($"n{i}", "step", $"{{{{ {i} }}}}"));
            workflow.Connections.Add(new Connection(previous, "out", $"n{i}"));
            previous = $"n{i}";
        }
        return workflow;
    }

    public static WorkflowDefinition Hostile()
    {
        var workflow = Workflow("hostile");
        workflow.Nodes.Add(new NodeDefinition
        {
            Id = "t", Name = "Hostile", Type = "transform",
            Settings = new JsonObject { ["fields"] = new JsonObject { ["big"] = "{{ map(range(100), x => repeat('a', 999999)) }}" } },
        });
        workflow.Connections.Add(new Connection("start", "out", "t"));
        return workflow;
    }

    /// <summary>MEASURE_DURABILITY=atBoundaries measures the workflows in that mode (default everyStep).</summary>
    private static WorkflowDefinition Workflow(string name)
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = name };
        if (Environment.GetEnvironmentVariable("MEASURE_DURABILITY") is { Length: > 0 } durability)
            workflow.Settings.Durability = Enum.Parse<Durability>(durability, ignoreCase: true);
        workflow.Nodes.Add(new NodeDefinition { Id = "start", Name = "start", Type = "manual-trigger" });
        return workflow;
    }

    private static NodeDefinition SetNode(string id, string variable, string value) => new()
    {
        Id = id, Name = id, Type = "set-variables",
        Settings = new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = variable, ["value"] = value }) },
    };
}
