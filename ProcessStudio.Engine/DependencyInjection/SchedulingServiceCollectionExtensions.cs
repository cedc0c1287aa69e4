using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Engine.DependencyInjection;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The workflow store as the host registered it, before <see cref="SchedulingWorkflowStore"/> wraps it.</summary>
    private const string UnwrappedStoreKey = "schedule-unwrapped";

    /// <summary>
    /// Registers schedule activation, the scheduler hosted service and (unless the host registered one) an in-memory
    /// <see cref="IScheduleStore"/>. Call after the workflow store is registered: it wraps it, so saves and deletes keep
    /// schedules in step.
    /// </summary>
    public static IServiceCollection AddProcessStudioScheduling(this IServiceCollection services, Action<SchedulingOptions>? configure = null)
    {
        var options = services.AddOptions<SchedulingOptions>()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Scheduling:PollInterval must be positive.")
            .Validate(o => o.MisfireThreshold >= TimeSpan.Zero, "Scheduling:MisfireThreshold cannot be negative.");
        if (configure is not null) options.Configure(configure);

        services.DecorateWorkflowStore(UnwrappedStoreKey, (sp, inner) => new SchedulingWorkflowStore(inner, sp.GetRequiredService<ScheduleActivation>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduleStore, InMemoryScheduleStore>();
        services.TryAddSingleton<ScheduleGate>();
        services.TryAddSingleton(sp => new ScheduleActivation(
            sp.GetRequiredService<IScheduleStore>(),
            sp.GetRequiredKeyedService<IWorkflowStore>(UnwrappedStoreKey),
            sp.GetRequiredService<ScheduleGate>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ScheduleActivation>>()));
        services.TryAddSingleton<ScheduleTicker>();
        services.TryAddSingleton(new EngineStartGate(open: true));
        services.AddHostedService<SchedulerService>();
        return services;
    }
}
