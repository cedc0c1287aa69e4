using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>The engine's services without starting workers, for tests of single components (validator, catalog, node tests).</summary>
public static class EngineServices
{
    /// <param name="before">Services registered ahead of the engine's defaults, e.g. a fake clock.</param>
    public static ServiceProvider Build(Action<EngineOptions>? configure = null, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddSingleton<IWorkflowStore>(new InMemoryWorkflowStore(TimeProvider.System));
        services.AddSingleton<IExecutionStore>(new InMemoryExecutionStore());
        services.AddProcessStudioEngine(options =>
        {
            options.OutboundAddresses.AllowLoopback = true;   // the test HTTP servers listen on 127.0.0.1
            configure?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }
}
