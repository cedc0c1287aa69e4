using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProcessStudio.Engine.Execution.Events;

/// <summary>
/// A hosted service that handles engine events one at a time. It subscribes in <see cref="StartAsync"/>: since
/// .NET 10 the whole of <see cref="BackgroundService.ExecuteAsync"/> runs in the background, so a subscription made
/// there could miss the events of runs that start right after the host.
/// </summary>
public abstract class EngineEventListener(IEngineEventStream events, ILogger logger) : BackgroundService
{
    private IEngineSubscription? _subscription;

    protected abstract bool Accepts(EngineEvent engineEvent);

    protected virtual int Capacity => 1024;

    protected abstract Task HandleAsync(EngineEvent engineEvent, CancellationToken cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(Accepts, Capacity);
        return base.StartAsync(cancellationToken);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _subscription ?? throw new InvalidOperationException("StartAsync was not called.");
        try
        {
            await foreach (var engineEvent in subscription.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(engineEvent, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Execution {ExecutionId}: {Listener} could not handle {EventType}",
                        engineEvent.ExecutionId, GetType().Name, engineEvent.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }
}
