using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Workers;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>Runs a <see cref="ScheduleTicker"/> pass every <see cref="SchedulingOptions.PollInterval"/>, on the host's clock.</summary>
public sealed class SchedulerService(ScheduleTicker ticker, EngineStartGate gate, TimeProvider clock, IOptions<SchedulingOptions> options,
    ILogger<SchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WaitAsync(stoppingToken);
            logger.LogInformation("Scheduler started, polling every {PollInterval}", options.Value.PollInterval);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ticker.TickAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A failed pass (database busy, disk full) leaves its fires claimed or due: the next pass retries them.
                    logger.LogError(ex, "Scheduler pass failed");
                }
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: due times stay persisted and are picked up by the next start
        }
    }
}
