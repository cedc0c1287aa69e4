namespace ProcessStudio.Web.Operations;

/// <summary>The OpenAPI document of every HTTP route at /openapi/v1.json, anonymous so tools can read it without a key.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddProcessStudioOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ProcessStudio API";
            document.Info.Description = "Workflows, executions and their control. Responses use the {success, data} envelope; errors are problem details.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static void MapProcessStudioOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi().AllowAnonymous();
}
