using ProcessStudio.Engine.Subscriptions;

namespace ProcessStudio.Web.Subscriptions;

public static class SubscriptionsSetup
{
    /// <summary>Subscription secrets sealed with Data Protection (replacing the engine's unsealed default) and the service.</summary>
    public static IServiceCollection AddProcessStudioSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<ISubscriptionSecrets, DataProtectedSubscriptionSecrets>();
        services.AddSingleton<EventSubscriptionService>();
        return services;
    }
}
