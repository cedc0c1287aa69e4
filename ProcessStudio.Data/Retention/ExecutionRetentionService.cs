using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Retention;

/// <summary>
/// Periodically deletes finished executions older than <see cref="RetentionOptions.MaxAge"/> and gives the freed space
/// back to the file system (incremental vacuum). Active runs are never touched.
/// </summary>
public sealed class ExecutionRetentionService(
    IExecutionStore store,
    IDatabaseSpace database,
    SqliteWriteGate gate,
    IOptions<DataOptions> options,
    TimeProvider timeProvider,
    ILogger<ExecutionRetentionService> logger) : BackgroundService
{
    private RetentionOptions Retention => options.Value.Retention;

    /// <summary>One clean-up pass; returns how many executions were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - Retention.MaxAge;
        var deleted = await store.DeleteFinishedBeforeAsync(cutoff, cancellationToken);
        if (deleted == 0)
            return 0;
        logger.LogInformation("Retention deleted {DeletedCount} finished executions older than {Cutoff:O}", deleted, cutoff);
        using (await gate.EnterAsync(cancellationToken))
        {
            var freed = await database.ReclaimFreePagesAsync(cancellationToken);
            logger.LogInformation("Retention released {FreedPages} free database pages to the file system", freed);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Retention.Enabled || Retention.MaxAge <= TimeSpan.Zero)
        {
            logger.LogInformation("Execution retention is disabled");
            return;
        }

        using var timer = new PeriodicTimer(Retention.Interval, timeProvider);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed pass (e.g. the disk is briefly locked by a backup) is retried on the next tick.
                logger.LogError(ex, "Execution retention pass failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
