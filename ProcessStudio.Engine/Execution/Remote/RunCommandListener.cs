using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Remote;

/// <summary>
/// The receiving side of commands sent from other instances: every <see cref="RemoteCommandOptions.PollInterval"/> it
/// claims the pending commands for the runs this instance holds leases on (a run taken over from a dead instance
/// included), applies each through the run's coordinator, as a local command would be, and writes the outcome for the
/// waiting sender. A single instance (SQLite, in memory) has no other instance to hear from and does nothing.
/// </summary>
public sealed class RunCommandListener(
    IRunLeaseStore leaseStore,
    RunLeases leases,
    IRunCommandStore commands,
    RunCommands runCommands,
    EngineStartGate gate,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<RunCommandListener> logger) : BackgroundService
{
    private const int BatchSize = 32;
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (leaseStore is SingleInstanceLeases) return;
        var settings = options.Value.RemoteCommands;
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        var nextHousekeeping = clock.GetUtcNow();
        try
        {
            await gate.WaitAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ClaimAndApplyAsync(stoppingToken);
                    if (clock.GetUtcNow() < nextHousekeeping) continue;
                    nextHousekeeping = clock.GetUtcNow() + HousekeepingEvery;
                    await commands.DeleteOlderThanAsync(clock.GetUtcNow() - settings.KeepUnreadFor, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Looking for run commands from other instances failed; the next tick tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: commands not yet claimed stay pending for whoever takes the runs over
        }
    }

    private async Task ClaimAndApplyAsync(CancellationToken stoppingToken)
    {
        var held = leases.HeldRuns;
        if (held.Count == 0) return;
        var claimed = await commands.ClaimAsync(held, leases.Owner, clock.GetUtcNow(), BatchSize, stoppingToken);
        // Each in its own task: a pause waits for the run's next node boundary and must not hold up a cancel of another run.
        foreach (var command in claimed)
            _ = ApplyAsync(command, stoppingToken);
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
