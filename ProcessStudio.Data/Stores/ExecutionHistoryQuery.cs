using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>Translates an <see cref="ExecutionQuery"/> (filters, search, sort, page) into one indexed SQL query.</summary>
internal static class ExecutionHistoryQuery
{
    public const int MaxLimit = 1000;

    /// <param name="values">
    /// Value rows, where run inputs live since schema 10: a search matches them too, and the large values a run input or
    /// output refers to (which may also be a large value of one of its nodes).
    /// </param>
    public static async Task<Page<ExecutionRecord>> RunAsync(IQueryable<ExecutionEntity> executions, IQueryable<ExecutionValueEntity> values,
        ExecutionQuery query, CancellationToken cancellationToken)
    {
        if (query.Offset < 0)
            throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "ExecutionQuery.Offset must not be negative.");
        if (query.Limit is < 1 or > MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"ExecutionQuery.Limit must be between 1 and {MaxLimit}.");

        var filtered = Filter(executions, values, query);
        var total = await filtered.CountAsync(cancellationToken);
        var entities = await Sort(filtered, query).Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken);
        await RunInputs.FillAsync(values, entities, cancellationToken);
        return new Page<ExecutionRecord>(entities.Select(e => e.ToRecord()).ToList(), total, query.Offset, query.Limit);
    }

    private static IQueryable<ExecutionEntity> Filter(IQueryable<ExecutionEntity> executions, IQueryable<ExecutionValueEntity> values, ExecutionQuery query)
    {
        if (query.WorkflowId is { } workflowId)
        {
            var id = Id(workflowId);
            executions = executions.Where(e => e.WorkflowId == id);
        }
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var wanted = statuses.Select(s => (int)s).ToList();
            executions = executions.Where(e => wanted.Contains(e.Status));
        }
        if (query.Mode is { } mode)
            executions = executions.Where(e => e.Mode == (int)mode);
        if (query.ParentExecutionId is { } parentId)
        {
            var id = Id(parentId);
            executions = executions.Where(e => e.ParentExecutionId == id);
        }
        if (query.CorrelationId is { } correlationId)
            executions = executions.Where(e => e.CorrelationId == correlationId);
        if (query.LockKey is { } lockKey)
            executions = executions.Where(e => e.LockKey == lockKey);
        if (query.From is { } from)
        {
            var fromMs = Time(from);
            executions = executions.Where(e => e.CreatedAt >= fromMs);
        }
        if (query.To is { } to)
        {
            var toMs = Time(to);
            executions = executions.Where(e => e.CreatedAt <= toMs);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var prefix = LikePattern.StartsWith(query.Search.Trim());
            var text = LikePattern.Contains(query.Search.Trim());
            executions = executions.Where(e =>
                EF.Functions.Like(e.Id, prefix, LikePattern.Escape)
                || EF.Functions.Like(e.Input!.ToLower(), text, LikePattern.Escape)
                || values.Any(v => v.ExecutionId == e.Id && (v.Key == ExecutionValueEntity.RunInputKey || v.Key.StartsWith(StoredValues.KeyPrefix))
                    && EF.Functions.Like(v.Json.ToLower(), text, LikePattern.Escape))
                || EF.Functions.Like(e.Output!.ToLower(), text, LikePattern.Escape)
                || EF.Functions.Like(e.ErrorMessage!.ToLower(), text, LikePattern.Escape));
        }
        return executions;
    }

    private static IQueryable<ExecutionEntity> Sort(IQueryable<ExecutionEntity> executions, ExecutionQuery query)
    {
        var nowMs = Time(DateTimeOffset.UtcNow);
        IOrderedQueryable<ExecutionEntity> sorted = query.SortBy.ToLowerInvariant() switch
        {
            "createdat" => OrderBy(executions, e => e.CreatedAt, query.Descending),
            "startedat" => OrderBy(executions, e => e.StartedAt, query.Descending),
            // A run still going counts its duration until now, like ExecutionRecord.DurationMs.
            "duration" => OrderBy(executions, e => (e.StoppedAt ?? nowMs) - e.StartedAt, query.Descending),
            "status" => OrderBy(executions, e => e.Status, query.Descending),
            _ => throw new ArgumentException(
                $"ExecutionQuery.SortBy '{query.SortBy}' is not supported; use createdAt, startedAt, duration or status.", nameof(query)),
        };
        // A unique tie-breaker keeps pages stable when many rows share the sort value.
        return query.Descending ? sorted.ThenByDescending(e => e.Id) : sorted.ThenBy(e => e.Id);
    }

    private static IOrderedQueryable<ExecutionEntity> OrderBy<TKey>(IQueryable<ExecutionEntity> source, Expression<Func<ExecutionEntity, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);
}
