using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Data;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Engine;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Bench;

/// <summary>
/// The engine on a fresh SQLite file in a scratch folder (or on the database <c>data</c> names), with its workers
/// started, as the Web host composes it.
/// </summary>
internal sealed class SqliteEngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _workers;

    private SqliteEngineHost(string folder, ServiceProvider services)
    {
        Folder = folder;
        _services = services;
        _workers = [.. services.GetServices<IHostedService>().Where(s => s.GetType().Namespace?.StartsWith("ProcessStudio.Engine") == true)];
    }

    public string Folder { get; }
    public IWorkflowEngine Engine => _services.GetRequiredService<IWorkflowEngine>();
    public IExecutionStore Executions => _services.GetRequiredService<IExecutionStore>();
    public IEngineEventStream Events => _services.GetRequiredService<IEngineEventStream>();

    public static async Task<SqliteEngineHost> StartAsync(Action<EngineOptions>? engine = null, Action<DataOptions>? data = null)
    {
        var folder = Directory.CreateTempSubdirectory("processstudio-measure-").FullName;
        var services = new ServiceCollection()
            .AddLogging()
            .AddProcessStudioData(o =>
            {
                o.DataFolder = folder;
                data?.Invoke(o);
            });
        if (Environment.GetEnvironmentVariable("MEASURE_STORE") == "memory")   // the engine alone, for comparison
            services.AddSingleton<IExecutionStore>(new InMemoryExecutionStore());
        services.AddProcessStudioEngine(o =>
            {
                o.MaxWorkers = 8;
                engine?.Invoke(o);
            });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDatabaseInitializer>().MigrateAsync(CancellationToken.None);
        var host = new SqliteEngineHost(folder, provider);
        foreach (var worker in host._workers) await worker.StartAsync(CancellationToken.None);
        return host;
    }

    public async Task<Guid> SaveAsync(WorkflowDefinition workflow) =>
        (await _services.GetRequiredService<IWorkflowStore>().SaveAsync(workflow, null, CancellationToken.None)).WorkflowId;

    /// <summary>Starts a run and returns its record once it has finished, whatever the outcome.</summary>
    public async Task<ExecutionRecord> RunToEndAsync(Guid workflowId, JsonNode? input)
    {
        using var subscription = _services.GetRequiredService<IEngineEventStream>().Subscribe(e => e is ExecutionStatusChanged { Status: var s } && s.IsFinished());
        // Only the id is kept: the started record holds a copy of the input, which would count as the run's memory.
        var runId = (await Engine.StartAsync(new StartExecutionRequest { WorkflowId = workflowId, Input = input }, CancellationToken.None)).Id;
        await foreach (var e in subscription.ReadAllAsync(CancellationToken.None))
            if (e is ExecutionStatusChanged changed && changed.ExecutionId == runId && changed.Status.IsFinished())
                return (await Executions.GetAsync(runId, CancellationToken.None))!;
        throw new InvalidOperationException("The event stream ended before the run finished.");
    }

    /// <summary>The database file and its write-ahead log, in bytes.</summary>
    public long DatabaseBytes() => Directory.EnumerateFiles(Folder).Sum(f => new FileInfo(f).Length);

    /// <summary>Moves the write-ahead log into the database file, so <see cref="DatabaseBytes"/> counts pages, not log frames.</summary>
    public async Task CheckpointWalAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, new DataOptions().DatabaseFileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("KEEP") is null) Directory.Delete(Folder, recursive: true);
    }
}
