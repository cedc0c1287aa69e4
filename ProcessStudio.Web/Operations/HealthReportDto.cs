using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProcessStudio.Web.Operations;

/// <summary>The JSON body of /health/live and /health/ready: the overall status and each check's.</summary>
public sealed record HealthReportDto(string Status, double TotalDurationMs, IReadOnlyList<HealthCheckDto> Checks)
{
    public static HealthReportDto From(HealthReport report) => new(
        StatusName(report.Status),
        report.TotalDuration.TotalMilliseconds,
        [.. report.Entries.Select(e => new HealthCheckDto(
            e.Key,
            StatusName(e.Value.Status),
            e.Value.Description ?? e.Value.Exception?.Message,
            e.Value.Duration.TotalMilliseconds,
            e.Value.Data.Count == 0 ? null : e.Value.Data))]);

    private static string StatusName(HealthStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record HealthCheckDto(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object>? Data);
