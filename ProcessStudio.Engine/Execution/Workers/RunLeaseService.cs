using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>
/// The heartbeat of this instance's run leases (a third of the lease duration apart) and the takeover of orphaned runs:
/// on each tick it renews the held leases, then claims as many orphaned runs as it has idle workers and queues them.
/// </summary>
public sealed class RunLeaseService(RunLeases leases, ExecutionQueue queue, LiveRuns live, EngineStartGate gate, IOptions<EngineOptions> options,
    TimeProvider clock, ILogger<RunLeaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(leases.Duration / 3, clock);
        try
        {
            await gate.WaitAsync(stoppingToken);
            do
            {
                try
                {
                    await leases.RenewAsync(stoppingToken);
                    await TakeOverAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Renewing run leases failed; the next tick tries again");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: the leases expire and another instance (or the next start) continues the runs
        }
    }

    private async Task TakeOverAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.MaxWorkers - live.Count - queue.Depth;
        if (idle <= 0) return;
        var claimed = await leases.ClaimOrphansAsync(idle, stoppingToken);
        foreach (var executionId in claimed)
        {
            logger.LogInformation("Execution {ExecutionId} has no live owner; {Owner} continues it from its last checkpoint", executionId, leases.Owner);
            queue.Enqueue(new RunRequest(executionId));
        }
    }
}
