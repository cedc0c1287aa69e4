using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Hubs;

public static class HubSetup
{
    public const string ExecutionsPath = "/hubs/executions";

    public static IServiceCollection AddProcessStudioHub(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveConnectionFactory>();
        services.AddSingleton<ExecutionWorkflowIndex>();
        services.AddHostedService<LiveBroadcaster>();
        return services;
    }

    public static WebApplication MapProcessStudioHub(this WebApplication app)
    {
        app.MapHub<ExecutionsHub>(ExecutionsPath).RequireAuthorization(AccessPolicies.View);
        return app;
    }
}
