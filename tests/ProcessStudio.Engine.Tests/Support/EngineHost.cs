using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>A running engine (DI container plus started worker pool) over a set of stores, as the Web host composes it.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private EngineHost(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public IWorkflowEngine Engine => _services.GetRequiredService<IWorkflowEngine>();
    public IWorkflowStore Workflows => _services.GetRequiredService<IWorkflowStore>();
    public IExecutionStore Executions => _services.GetRequiredService<IExecutionStore>();
    public IEngineEventStream Events => _services.GetRequiredService<IEngineEventStream>();
    public IOutboxStore Outbox => _services.GetRequiredService<IOutboxStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<EngineHost> StartAsync(StoreSet stores, Action<EngineOptions>? configure = null, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(stores.Workflows);
        services.AddSingleton(stores.Executions);
        if (stores.Locks is not null) services.AddSingleton(stores.Locks);
        if (stores.Outbox is not null) services.AddSingleton(stores.Outbox);
        services.AddProcessStudioEngine(options =>
        {
            options.RetryDelayScale = 0.01;   // 1s → 10ms: same attempts and backoff shape, fast tests
            options.ProgressThrottle = TimeSpan.Zero;
            options.OutboundAddresses.AllowLoopback = true;   // the test HTTP servers listen on 127.0.0.1
            configure?.Invoke(options);
        });
        extra?.Invoke(services);
        var host = new EngineHost(services.BuildServiceProvider());
        foreach (var hosted in host._hosted) await hosted.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Stops the worker pool the way a host shutdown does: runs in flight stay running in the store.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted) await hosted.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
