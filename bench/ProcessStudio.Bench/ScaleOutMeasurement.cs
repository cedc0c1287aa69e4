using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using ProcessStudio.Data;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Bench;

/// <summary>
/// Aggregate durable steps per second of engine instances sharing one database: 1 on SQLite, then 1, 2 and 3 on the
/// PostgreSQL server in PROCESSSTUDIO_BENCH_POSTGRES (bench/scaleout.sh starts a throwaway one). Each configuration
/// gets a fresh database; the runs (a trigger and <c>nodes</c> Set Variables steps each) are started round-robin on the
/// instances, and the clock runs from the first start to the last finish. Instances are separate engine hosts (own
/// workers, pools and leases) in this process, measured back to back in one session.
/// </summary>
internal static class ScaleOutMeasurement
{
    public static async Task RunAsync(int runs, int nodes)
    {
        var admin = Environment.GetEnvironmentVariable("PROCESSSTUDIO_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set PROCESSSTUDIO_BENCH_POSTGRES (bench/scaleout.sh does).");
        Console.WriteLine($"{runs} runs of a trigger + {nodes} Set Variables nodes, 8 workers per instance");
        await MeasureAsync("SQLite", 1, null, runs, nodes);
        foreach (var instances in new[] { 1, 2, 3 })
        {
            var database = await CreateDatabaseAsync(admin);
            await MeasureAsync("PostgreSQL", instances, database, runs, nodes);
        }
    }

    private static async Task MeasureAsync(string label, int instances, string? postgres, int runs, int nodes)
    {
        var hosts = new List<SqliteEngineHost>();
        try
        {
            for (var i = 0; i < instances; i++)
                hosts.Add(await SqliteEngineHost.StartAsync(data: o =>
                {
                    if (postgres is null) return;
                    o.Provider = DatabaseProvider.Postgres;
                    o.ConnectionString = postgres;
                }));
            var workflow = await hosts[0].SaveAsync(BenchWorkflows.SetChain(nodes));
            await RunAllAsync(hosts, workflow, hosts.Count * 8);   // warm-up: JIT, pools, prepared plans

            var load = File.ReadAllText("/proc/loadavg").Trim();
            var clock = Stopwatch.StartNew();
            await RunAllAsync(hosts, workflow, runs);
            clock.Stop();
            var steps = runs * (nodes + 1);
            Console.WriteLine($"  {label}, {instances} instance(s): {steps:N0} steps in {clock.ElapsedMilliseconds:N0} ms = " +
                              $"{steps / clock.Elapsed.TotalSeconds:N0} durable steps/s (load average before: {load})");
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    /// <summary>Starts the runs round-robin and waits until every one finished, on whichever instance drove it.</summary>
    private static async Task RunAllAsync(List<SqliteEngineHost> hosts, Guid workflow, int runs)
    {
        var finished = new ConcurrentDictionary<Guid, ExecutionStatus>();
        var subscriptions = hosts.Select(h => h.Events.Subscribe(e => e is ExecutionStatusChanged { Status: var s } && s.IsFinished())).ToList();
        try
        {
            var listeners = subscriptions.Select(s => Task.Run(async () =>
            {
                await foreach (var e in s.ReadAllAsync(CancellationToken.None))
                    if (e is ExecutionStatusChanged changed) finished[changed.ExecutionId] = changed.Status;
            })).ToList();
            var started = await Task.WhenAll(Enumerable.Range(0, runs).Select(i =>
                hosts[i % hosts.Count].Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflow }, CancellationToken.None)));
            var ids = started.Select(r => r.Id).ToList();
            while (!ids.All(finished.ContainsKey))
                await Task.Delay(5);
            if (ids.FirstOrDefault(id => finished[id] != ExecutionStatus.Completed) is var failed && failed != Guid.Empty)
                throw new InvalidOperationException($"Run {failed} ended {finished[failed]}.");
        }
        finally
        {
            foreach (var subscription in subscriptions) subscription.Dispose();
        }
    }

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = $"ps_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
