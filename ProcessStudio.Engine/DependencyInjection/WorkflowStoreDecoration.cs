using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.DependencyInjection;

/// <summary>Wraps the host's <see cref="IWorkflowStore"/> so features (webhook paths, schedules) see every save and delete.</summary>
internal static class WorkflowStoreDecoration
{
    /// <summary>
    /// Replaces the registered store with <paramref name="wrap"/>(inner); the inner store stays reachable as a keyed
    /// service under <paramref name="innerKey"/>. Decorations stack in the order they are added.
    /// </summary>
    public static void DecorateWorkflowStore(this IServiceCollection services, string innerKey,
        Func<IServiceProvider, IWorkflowStore, IWorkflowStore> wrap)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IWorkflowStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register the workflow store before decorating it.");
        services.Remove(registered);
        services.AddKeyedSingleton<IWorkflowStore>(innerKey, (sp, _) => (IWorkflowStore)(
            registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
        services.AddSingleton(sp => wrap(sp, sp.GetRequiredKeyedService<IWorkflowStore>(innerKey)));
    }
}
