using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>
/// Wakes waiting runs whose time has come (Wait until, approval timeouts), cancels runs past their run timeout and
/// releases lock queues a missed release left waiting. Waiting runs hold no worker and no memory, so the store is asked
/// on every tick; the first tick runs at start-up, which also handles what came due while the process was down.
/// </summary>
public sealed class WaitTimerService(WaitingRuns waiting, RunOptions.RunDeadlines deadlines, RunOptions.LockQueue locks, EngineStartGate gate, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<WaitTimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WaitCheckInterval, clock);
        try
        {
            await gate.WaitAsync(stoppingToken);
            do
            {
                try
                {
                    await waiting.WakeDueAsync(stoppingToken);
                    await deadlines.EnforceAsync(stoppingToken);
                    await locks.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Waking due waiting runs failed; the next tick tries again");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: waiting runs stay in the store and are woken by the next start
        }
    }
}
