using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Connections;
using ProcessStudio.Web.Api.Executions;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Api.NodeTypes;
using ProcessStudio.Web.Api.Outbox;
using ProcessStudio.Web.Api.Subscriptions;
using ProcessStudio.Web.Subscriptions;
using ProcessStudio.Web.Api.ProcessEngine;
using ProcessStudio.Web.Api.Workflows;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api;

public static class ApiSetup
{
    public const string BasePath = "/api/v1";

    public static IServiceCollection AddProcessStudioApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdempotentStarts>();
        services.AddProcessStudioSubscriptions();
        return services;
    }

    /// <summary>
    /// Every route lives under /api/v1 behind one error filter, so all errors share the problem-details shape, then the
    /// request guards: the cookie CSRF rule (403), then JSON bodies only (415).
    /// </summary>
    public static WebApplication MapProcessStudioApi(this WebApplication app)
    {
        var api = app.MapGroup(BasePath)
            .AddEndpointFilter<ApiErrorFilter>()
            .AddEndpointFilter<CookieCsrfFilter>()
            .AddEndpointFilter<JsonContentTypeFilter>();
        api.MapHealthEndpoints();
        api.MapWorkflowEndpoints();
        api.MapWorkflowTransferEndpoints();
        api.MapNodeTestEndpoints();
        api.MapScheduleEndpoints();
        api.MapExecutionEndpoints();
        api.MapExecutionControlEndpoints();
        api.MapApprovalEndpoints();
        api.MapForEachItemsEndpoints();
        api.MapExecutionBulkEndpoints();
        api.MapExecutionInsightEndpoints();
        api.MapExecutionEventEndpoints();
        api.MapStatisticsEndpoints();
        api.MapProcessEngineEndpoints();
        api.MapUserEndpoints();
        api.MapApiKeyEndpoints();
        api.MapAuditEndpoints();
        api.MapConnectionEndpoints();
        api.MapNodeTypeEndpoints();
        api.MapOutboxEndpoints();
        api.MapEventSubscriptionEndpoints();
        // Unknown API paths answer with a problem too, instead of falling through to the UI.
        app.MapFallback($"{BasePath}/{{**path}}", (HttpRequest request) =>
            ApiProblems.NotFound($"There is no API route {request.Method} {request.Path}.")).ExcludeFromDescription();
        return app;
    }
}
