using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>GET /api/v1/executions/statistics: counts by status, success rate, average duration and buckets over time.</summary>
public static class StatisticsEndpoints
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    public static void MapStatisticsEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/executions/statistics", GetAsync).WithTags("Executions").RequireAuthorization(AccessPolicies.View);

    private static async Task<IResult> GetAsync(HttpRequest request, IExecutionStore store, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var to = query.Date("to") ?? clock.GetUtcNow();
        var from = query.Date("from") ?? to - DefaultRange;
        var workflowId = query.Guid("workflowId");
        if (from >= to)
            query.Fail("from", "'from' must be before 'to'.");
        query.ThrowIfInvalid();

        var statistics = await store.GetStatisticsAsync(from, to, workflowId, ct);
        return ApiResults.Ok(StatisticsDto.Create(from, to, workflowId, statistics));
    }
}

public sealed record StatisticsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    Guid? WorkflowId,
    int Total,
    IReadOnlyDictionary<string, int> CountsByStatus,
    double SuccessRate,
    double? AverageDurationMs,
    IReadOnlyList<StatisticsBucketDto> OverTime)
{
    /// <summary>Every status appears in <c>countsByStatus</c>, with 0 when no run has it.</summary>
    public static StatisticsDto Create(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, ExecutionStatistics s) => new(
        from, to, workflowId, s.Total,
        Enum.GetValues<ExecutionStatus>().ToDictionary(ApiJson.EnumName, status => s.CountsByStatus.GetValueOrDefault(status)),
        s.SuccessRate,
        s.AverageDurationMs,
        s.OverTime.Select(b => new StatisticsBucketDto(b.Start, b.Completed, b.Failed, b.Other)).ToList());
}

public sealed record StatisticsBucketDto(DateTimeOffset Start, int Completed, int Failed, int Other);
