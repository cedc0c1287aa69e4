using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Api;

/// <summary>GET /api/v1/health: a cheap liveness probe (the HTTP sample workflow calls it, too).</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/health", (TimeProvider clock) => ApiResults.Ok(new HealthDto("ok", typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "", clock.GetUtcNow())))
            .WithTags("Health")
            .AllowAnonymous();
}

public sealed record HealthDto(string Status, string Version, DateTimeOffset Time);
