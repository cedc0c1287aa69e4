using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessStudio.Data;

namespace ProcessStudio.Web.Operations;

/// <summary>
/// /health/live answers while the process serves requests; /health/ready also needs the database and the engine workers.
/// Both are anonymous (probes carry no credentials) and answer 503 with the same JSON body when a check fails.
/// </summary>
public static class HealthSetup
{
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddProcessStudioHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process is serving requests."), [LiveTag, ReadyTag])
            .AddDbContextCheck<ProcessStudioDbContext>("database", tags: [ReadyTag])
            .AddCheck<EngineWorkersHealthCheck>("engine", tags: [ReadyTag]);
        return services;
    }

    public static void MapProcessStudioHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", (HealthCheckService checks, CancellationToken cancellationToken) => ReportAsync(checks, LiveTag, cancellationToken))
            .WithName("HealthLive").WithSummary("Liveness: the process is up.")
            .Produces<HealthReportDto>().Produces<HealthReportDto>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", (HealthCheckService checks, CancellationToken cancellationToken) => ReportAsync(checks, ReadyTag, cancellationToken))
            .WithName("HealthReady").WithSummary("Readiness: the database answers and the engine workers are running.")
            .Produces<HealthReportDto>().Produces<HealthReportDto>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ReportAsync(HealthCheckService checks, string tag, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return Results.Json(HealthReportDto.From(report), statusCode: status);
    }
}
