using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// Delivers outbox rows to their handlers: claims due rows with a lease, runs every handler of each row, and marks it
/// done, or pending again after an exponential backoff, or failed once it has had its chances (failed rows stay visible).
/// It polls the store, and a run that finishes, pauses or parks in this process nudges it so reactions follow at once.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox,
    IEnumerable<IOutboxHandler> handlers,
    IEngineEventStream events,
    TimeProvider clock,
    IOptions<EngineOptions> engineOptions,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int MaxParallelDeliveries = 8;
    private readonly IOutboxHandler[] _handlers = [.. handlers];
    private readonly SemaphoreSlim _nudge = new(0, 1);
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private IEngineSubscription? _subscription;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    private OutboxOptions Options => engineOptions.Value.Outbox;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed here, not in ExecuteAsync, so runs that finish right after start-up nudge it too.
        _subscription = events.Subscribe(e => e is ExecutionStatusChanged changed && RunEventTypes.ForStatus(changed.Status) is not null, 256);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Asks for a pass now (a new row was added in this process).</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try { _nudge.Release(); } catch (SemaphoreFullException) { /* already nudged */ }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _subscription ?? throw new InvalidOperationException("StartAsync was not called.");
        if (!Options.DispatchEnabled)
        {
            logger.LogWarning("Outbox dispatch is off (Engine:Outbox:DispatchEnabled = false): reactions to finished runs are written but not delivered");
            return;
        }
        var nudges = ForwardNudgesAsync(subscription, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = await PassAsync(stoppingToken);
                if (claimed == Options.BatchSize) continue;   // more may be due
                await _nudge.WaitAsync(Options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: claims in hand were given back by their deliveries
        }
        await nudges;
    }

    /// <summary>Claims one batch and delivers it; returns how many rows it claimed.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = clock.GetUtcNow();
            var claimed = await outbox.ClaimDueAsync(_owner, now, now + Options.Lease, Options.BatchSize, cancellationToken);
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeliveries, CancellationToken = cancellationToken },
                async (message, token) => await DeliverAsync(message, token));
            await CleanUpAsync(now, cancellationToken);
            return claimed.Count;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The outbox could not be read; trying again in {PollInterval}", Options.PollInterval);
            return 0;
        }
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        OutboxMessage outcome;
        try
        {
            foreach (var handler in _handlers.Where(h => h.Handles(message)))
                await handler.HandleAsync(message, cancellationToken);
            outcome = message with { State = OutboxState.Done, Attempts = attempts, LastError = null, FinishedAt = clock.GetUtcNow() };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await outbox.ReleaseAsync(message, _owner, CancellationToken.None);   // not an attempt: give it back for the next start
            return;
        }
        catch (Exception ex)
        {
            var now = clock.GetUtcNow();
            var next = OutboxRetryPolicy.NextAttempt(message, attempts, now, Options);
            outcome = next is { } at
                ? message with { Attempts = attempts, NextAttemptAt = at, LastError = ex.Message }
                : message with { State = OutboxState.Failed, Attempts = attempts, LastError = ex.Message, FinishedAt = now };
            if (next is null)
                logger.LogError(ex, "Execution {ExecutionId}: outbox message {MessageId} ({Type}) failed for good after {Attempts} attempts",
                    message.ExecutionId, message.Id, message.Type, attempts);
            else
                logger.LogWarning("Execution {ExecutionId}: outbox message {MessageId} ({Type}) failed (attempt {Attempts}), retried at {NextAttemptAt}: {Error}",
                    message.ExecutionId, message.Id, message.Type, attempts, next, ex.Message);
        }
        if (!await outbox.ReleaseAsync(outcome, _owner, CancellationToken.None))
            logger.LogWarning("Outbox message {MessageId}: the claim expired before its delivery ended; another dispatcher has it", message.Id);
    }

    private async Task CleanUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return;
        _lastCleanup = now;
        var deleted = await outbox.DeleteDoneBeforeAsync(now - Options.KeepDone, cancellationToken);
        if (deleted > 0) logger.LogInformation("Deleted {Count} delivered outbox rows older than {KeepDone}", deleted, Options.KeepDone);
    }

    private async Task ForwardNudgesAsync(IEngineSubscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in subscription.ReadAllAsync(stoppingToken)) Nudge();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    public override void Dispose()
    {
        _nudge.Dispose();
        base.Dispose();
    }
}
