using ProcessStudio.Web.Api.Executions;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Access;

/// <summary>
/// Records an audit entry when the endpoint succeeds (2xx). The target is the route's id, the new resource of a
/// 201 (its Location), or each id that succeeded in a bulk result.
/// </summary>
public sealed class AuditEndpointFilter(AuditAction action, string targetType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            var http = context.HttpContext;
            var audit = http.RequestServices.GetRequiredService<AuditTrail>();
            foreach (var id in TargetIds(http, result))
                await audit.RecordAsync(http.User, action, new AuditTarget(targetType, id), null, http.RequestAborted);
        }
        return result;
    }

    private static IEnumerable<string?> TargetIds(HttpContext http, object? result)
    {
        if (result is IValueHttpResult { Value: ApiEnvelope<BulkResultDto> bulk })
            return bulk.Data.Results.Where(r => r.Success).Select(r => (string?)r.Id.ToString());
        // Created<T> is generic over the envelope type, so its Location is read by name.
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } && result.GetType().GetProperty("Location")?.GetValue(result) is string location)
            return [location.TrimEnd('/').Split('/')[^1]];
        var routeId = http.GetRouteValue("id") ?? http.GetRouteValue("executionId");
        return [routeId?.ToString()];
    }
}

public static class AuditEndpointFilterExtensions
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder endpoint, AuditAction action, string targetType) =>
        endpoint.AddEndpointFilter(new AuditEndpointFilter(action, targetType));
}
