using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>What happened inside one run: its log lines, its memory, and per-node metrics.</summary>
public static class ExecutionInsightEndpoints
{
    public const int MaxLogPageSize = 1000;

    public static void MapExecutionInsightEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/executions/{id:guid}").WithTags("Executions").RequireAuthorization(AccessPolicies.View);
        group.MapGet("/logs", LogsAsync);
        group.MapGet("/memory", MemoryAsync);
        group.MapGet("/metrics", MetricsAsync);
    }

    /// <summary>Filters: level (minimum), nodeId, search (text), afterId (read on from a previous page), limit (1–1000).</summary>
    private static async Task<IResult> LogsAsync(Guid id, HttpRequest request, IExecutionStore store, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var filter = new LogQuery
        {
            MinLevel = query.Enum<LogLevel>("level"),
            NodeId = query.String("nodeId"),
            Search = query.String("search"),
            AfterId = query.Long("afterId", min: 0),
            Limit = query.Int("limit", fallback: 200, min: 1, max: MaxLogPageSize),
        };
        query.ThrowIfInvalid();

        await store.GetOrThrowAsync(id, ct);
        var page = await store.GetLogsAsync(id, filter, ct);
        var items = page.Items.Select(ExecutionLogDto.From).ToList();
        return ApiResults.Ok(new ExecutionLogPageDto(items, page.Total, page.Limit, items.Count > 0 ? items[^1].Id : filter.AfterId));
    }

    private static async Task<IResult> MemoryAsync(Guid id, IExecutionStore store, IWorkflowEngine engine, CancellationToken ct)
    {
        var execution = await store.GetOrThrowAsync(id, ct);
        var memory = await engine.GetMemoryAsync(id, ct);
        return ApiResults.Ok(new ExecutionMemoryDto(id, execution.Status, memory));
    }

    private static async Task<IResult> MetricsAsync(Guid id, IExecutionStore store, CancellationToken ct)
    {
        var execution = await store.GetOrThrowAsync(id, ct);
        var activations = await store.GetNodeExecutionsAsync(id, ct);
        return ApiResults.Ok(ExecutionMetricsDto.From(execution, activations));
    }
}
