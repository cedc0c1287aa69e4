namespace ProcessStudio.Web.Operations;

/// <summary>What operators and tools use around the app: health probes and the OpenAPI document.</summary>
public static class OperationsSetup
{
    public static IServiceCollection AddProcessStudioOperations(this IServiceCollection services) =>
        services.AddProcessStudioHealth().AddProcessStudioOpenApi();

    public static WebApplication MapProcessStudioOperations(this WebApplication app)
    {
        app.MapProcessStudioHealth();
        app.MapProcessStudioOpenApi();
        return app;
    }
}
