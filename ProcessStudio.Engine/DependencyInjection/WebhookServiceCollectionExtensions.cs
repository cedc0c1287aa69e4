using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        services.DecorateWorkflowStore(UndecoratedStoreKey, (sp, inner) => new WebhookCheckingWorkflowStore(inner, sp.GetRequiredService<WebhookRoutes>()));
        services.TryAddSingleton<IWebhookPathStore, InMemoryWebhookPathStore>();   // hosts with a database register theirs first
        services.TryAddSingleton<Cluster.IClusterChannel>(Cluster.SingleInstanceChannel.Instance);
        services.AddSingleton(sp => new WebhookRoutes(sp.GetRequiredKeyedService<IWorkflowStore>(UndecoratedStoreKey),
            sp.GetRequiredService<IWebhookPathStore>(), sp.GetRequiredService<Cluster.IClusterChannel>(), sp.GetService<ILogger<WebhookRoutes>>() ?? NullLogger<WebhookRoutes>.Instance));
        return services;
    }
}
