using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Remote;

/// <summary>
/// The receiving side of commands sent from other instances: when a sender's notice arrives on the cluster channel (and
/// every <see cref="RemoteCommandOptions.PollInterval"/>, for a notice that was lost) it claims the pending commands for
/// the runs this instance holds leases on (a run taken over from a dead instance included), applies each through the
/// run's coordinator, as a local command would be, and writes the outcome for the waiting sender. A single instance
/// (SQLite, in memory) has no other instance to hear from and does nothing.
/// </summary>
public sealed class RunCommandListener(
    IRunLeaseStore leaseStore,
    RunLeases leases,
    IRunCommandStore commands,
    RunCommands runCommands,
    IClusterChannel channel,
    EngineStartGate gate,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<RunCommandListener> logger) : BackgroundService, IClusterTopicHandler
{
    /// <summary>The cluster topic of "a command was written for this run" (the body is the execution id).</summary>
    public const string Topic = "run-command";

    private const int BatchSize = 32;
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private IDisposable? _subscription;

    /// <summary>Subscribed before the host finishes starting, so a command sent right after start-up wakes it too.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (leaseStore is not SingleInstanceLeases) _subscription = channel.Subscribe(Topic, this);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Any notice wakes a pass: claiming covers every held run, and a run just taken may not be listed as held yet.</summary>
    public Task OnMessageAsync(ClusterMessage message, CancellationToken cancellationToken)
    {
        Wake();
        return Task.CompletedTask;
    }

    /// <summary>Notices sent while the channel was down are gone: look now rather than at the next poll.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken)
    {
        Wake();
        return Task.CompletedTask;
    }

    private void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { /* already woken */ }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (leaseStore is SingleInstanceLeases) return;
        var settings = options.Value.RemoteCommands;
        var nextHousekeeping = clock.GetUtcNow();
        try
        {
            await gate.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = 0;
                try
                {
                    claimed = await ClaimAndApplyAsync(stoppingToken);
                    if (clock.GetUtcNow() >= nextHousekeeping)
                    {
                        nextHousekeeping = clock.GetUtcNow() + HousekeepingEvery;
                        await commands.DeleteOlderThanAsync(clock.GetUtcNow() - settings.KeepUnreadFor, stoppingToken);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Looking for run commands from other instances failed; the next notice or poll tries again");
                }
                if (claimed < BatchSize) await _wake.WaitAsync(settings.PollInterval, stoppingToken);   // a full batch: more may wait
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: commands not yet claimed stay pending for whoever takes the runs over
        }
    }

    /// <summary>Claims one batch and starts applying it; returns how many commands it claimed.</summary>
    private async Task<int> ClaimAndApplyAsync(CancellationToken stoppingToken)
    {
        var held = leases.HeldRuns;
        if (held.Count == 0) return 0;
        var claimed = await commands.ClaimAsync(held, leases.Owner, clock.GetUtcNow(), BatchSize, stoppingToken);
        // Each in its own task: a pause waits for the run's next node boundary and must not hold up a cancel of another run.
        foreach (var command in claimed)
            _ = ApplyAsync(command, stoppingToken);
        return claimed.Count;
    }

    /// <summary>Applies one command and records its outcome; never throws (a failure to record leaves the sender to time out).</summary>
    private async Task ApplyAsync(RunCommand command, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await OutcomeAsync(command, stoppingToken);
            logger.LogInformation("Command {CommandId} ({Kind}) for execution {ExecutionId} from another instance: {Result}",
                command.Id, command.Kind, command.ExecutionId, outcome.Result);
            await commands.CompleteAsync(command.Id, leases.Owner, outcome, clock.GetUtcNow(), stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Command {CommandId} ({Kind}) for execution {ExecutionId} was claimed but its outcome was not recorded",
                command.Id, command.Kind, command.ExecutionId);
        }
    }

    private async Task<RunCommandOutcome> OutcomeAsync(RunCommand command, CancellationToken stoppingToken)
    {
        try
        {
            await runCommands.ApplyAsync(command, stoppingToken);
            return new RunCommandOutcome(RunCommandResult.Applied, null, null);
        }
        catch (InvalidTransitionException ex)
        {
            return new RunCommandOutcome(RunCommandResult.Refused, ex.Current, ex.Message);
        }
        catch (NotFoundException ex)
        {
            return new RunCommandOutcome(RunCommandResult.NotFound, null, ex.What, ex.Id.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RunCommandOutcome(RunCommandResult.Failed, null, ex.Message);
        }
    }
}
