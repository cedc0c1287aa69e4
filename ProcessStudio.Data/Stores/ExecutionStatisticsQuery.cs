using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// Counts, success rate, average duration and a time series over executions created in [from, to). The success rate and
/// the buckets' failed count follow <see cref="ExecutionStatistics"/>, so every store counts compensated runs alike.
/// </summary>
internal static class ExecutionStatisticsQuery
{
    private const long HourMs = 3_600_000;
    private const long DayMs = 24 * HourMs;
    private const int MaxEmptyBuckets = 1000;

    public static async Task<ExecutionStatistics> RunAsync(IQueryable<ExecutionEntity> executions, DateTimeOffset from, DateTimeOffset to,
        Guid? workflowId, CancellationToken cancellationToken)
    {
        if (to <= from)
            throw new ArgumentException($"The statistics range must end after it starts (from {from:O}, to {to:O}).", nameof(to));

        var fromMs = Time(from);
        var toMs = Time(to);
        var inRange = executions.Where(e => e.CreatedAt >= fromMs && e.CreatedAt < toMs);
        if (workflowId is { } id)
        {
            var workflow = Id(id);
            inRange = inRange.Where(e => e.WorkflowId == workflow);
        }

        var bucketMs = to - from <= TimeSpan.FromDays(2) ? HourMs : DayMs;
        var rows = await inRange
            .GroupBy(e => new { Bucket = e.CreatedAt / bucketMs, e.Status })
            .Select(g => new BucketRow(g.Key.Bucket, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);

        var finished = Enum.GetValues<ExecutionStatus>().Where(s => s.IsFinished()).Select(s => (int)s).ToArray();
        var averageDurationMs = await inRange
            .Where(e => finished.Contains(e.Status) && e.StartedAt != null && e.StoppedAt != null)
            .Select(e => (double?)(e.StoppedAt!.Value - e.StartedAt!.Value))
            .AverageAsync(cancellationToken);

        var counts = Enum.GetValues<ExecutionStatus>().ToDictionary(s => s, s => rows.Where(r => r.Status == (int)s).Sum(r => r.Count));

        return new ExecutionStatistics(counts, counts.Values.Sum(), ExecutionStatistics.SuccessRateOf(counts), averageDurationMs,
            Buckets(rows, fromMs, toMs, bucketMs));
    }

    /// <summary>Every bucket in the range, empty ones included, so a chart has no gaps.</summary>
    private static List<ExecutionBucket> Buckets(List<BucketRow> rows, long fromMs, long toMs, long bucketMs)
    {
        var first = FloorDiv(fromMs, bucketMs);
        var last = FloorDiv(toMs - 1, bucketMs);
        // An open-ended range (e.g. from the epoch) would be mostly empty buckets: start at the first one with data.
        if (last - first >= MaxEmptyBuckets)
            first = rows.Count > 0 ? Math.Max(first, rows.Min(r => r.Bucket)) : last;

        var byBucket = rows.ToLookup(r => r.Bucket);
        var buckets = new List<ExecutionBucket>();
        for (var bucket = first; bucket <= last; bucket++)
        {
            var inBucket = byBucket[bucket].ToList();
            var completed = inBucket.Where(r => r.Status == (int)ExecutionStatus.Completed).Sum(r => r.Count);
            var failed = inBucket.Where(r => ((ExecutionStatus)r.Status).IsFailure()).Sum(r => r.Count);
            buckets.Add(new ExecutionBucket(ToTime(bucket * bucketMs), completed, failed, inBucket.Sum(r => r.Count) - completed - failed));
        }
        return buckets;
    }

    private static long FloorDiv(long value, long divisor) => (long)Math.Floor((double)value / divisor);

    private sealed record BucketRow(long Bucket, int Status, int Count);
}
