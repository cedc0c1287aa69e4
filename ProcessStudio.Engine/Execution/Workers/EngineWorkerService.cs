using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>The bounded worker pool: <see cref="EngineOptions.MaxWorkers"/> loops, each driving one run at a time from the queue.</summary>
public sealed class EngineWorkerService(ExecutionQueue queue, RunLauncher launcher, EngineStartGate gate, IOptions<EngineOptions> options,
    ILogger<EngineWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;   // stopped before the host let the engine start: a normal end, not a fault that stops the host
        }
        var workers = Math.Max(1, options.Value.MaxWorkers);
        logger.LogInformation("Engine started with {Workers} workers", workers);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await launcher.RunAsync(request, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Execution {ExecutionId} could not be run", request.ExecutionId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: runs in flight stay running in the store and are recovered on the next start
        }
    }
}
