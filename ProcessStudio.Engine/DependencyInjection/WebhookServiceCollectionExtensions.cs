using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.DependencyInjection;

public static class WebhookServiceCollectionExtensions
{
    private const string UndecoratedStoreKey = "ProcessStudio.Webhooks.UndecoratedWorkflowStore";

    /// <summary>
    /// Registers <see cref="WebhookRoutes"/> and wraps the registered <see cref="IWorkflowStore"/> in
    /// <see cref="WebhookCheckingWorkflowStore"/>. Call after the store is registered.
    /// </summary>
    public static IServiceCollection AddWebhookRoutes(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IWorkflowStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register the workflow store before calling AddWebhookRoutes().");
        services.Remove(registered);
        services.AddKeyedSingleton(UndecoratedStoreKey, (sp, _) => Resolve(registered, sp));
        services.AddSingleton(sp => new WebhookRoutes(sp.GetRequiredKeyedService<IWorkflowStore>(UndecoratedStoreKey)));
        services.AddSingleton<IWorkflowStore>(sp => new WebhookCheckingWorkflowStore(
            sp.GetRequiredKeyedService<IWorkflowStore>(UndecoratedStoreKey), sp.GetRequiredService<WebhookRoutes>()));
        return services;
    }

    private static IWorkflowStore Resolve(ServiceDescriptor registered, IServiceProvider services) =>
        (IWorkflowStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
