using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Stores;

/// <summary>Reads one execution's log lines in id order, filtered by level, node and text; AfterId lets a viewer tail.</summary>
internal static class ExecutionLogQuery
{
    public const int MaxLimit = 1000;

    public static async Task<Page<ExecutionLogRecord>> RunAsync(IQueryable<ExecutionLogEntity> logs, string executionId, LogQuery query,
        CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"LogQuery.Limit must be between 1 and {MaxLimit}.");

        var filtered = logs.Where(l => l.ExecutionId == executionId);
        if (query.MinLevel is { } minLevel)
            filtered = filtered.Where(l => l.Level >= (int)minLevel);
        if (!string.IsNullOrEmpty(query.NodeId))
            filtered = filtered.Where(l => l.NodeId == query.NodeId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = LikePattern.Contains(query.Search.Trim());
            filtered = filtered.Where(l => EF.Functions.Like(l.Message.ToLower(), pattern, LikePattern.Escape)
                                           || EF.Functions.Like(l.Data!.ToLower(), pattern, LikePattern.Escape));
        }

        // Total counts every matching line, so a tailing viewer still knows how many there are in all.
        var total = await filtered.CountAsync(cancellationToken);
        if (query.AfterId is { } afterId)
            filtered = filtered.Where(l => l.Id > afterId);
        var page = await filtered.OrderBy(l => l.Id).Take(query.Limit).ToListAsync(cancellationToken);
        return new Page<ExecutionLogRecord>(page.Select(l => l.ToRecord()).ToList(), total, 0, query.Limit);
    }
}
