using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Remote;

/// <summary>
/// The sending side of a command for a run that another instance drives (holds its lease): the command becomes a row,
/// a notice on the cluster channel wakes the holder's <see cref="RunCommandListener"/>, which applies it through its
/// coordinator, and this waits (bounded by
/// <see cref="RemoteCommandOptions.Timeout"/>) for the outcome, answering as if the run were driven here.
/// </summary>
public sealed class RemoteRunCommands(
    IRunLeaseStore leaseStore,
    RunLeases leases,
    LiveRuns live,
    IRunCommandStore commands,
    IClusterChannel channel,
    IExecutionStore executions,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<RemoteRunCommands> logger)
{
    private RemoteCommandOptions Options => options.Value.RemoteCommands;

    /// <summary>
    /// Sends the command when another live instance drives the run and returns the run as that instance left it; null
    /// when nobody else drives it (it is live here, parked, paused or orphaned), so the caller acts on it here.
    /// Refusals come back as the exceptions a local command throws.
    /// </summary>
    public async Task<ExecutionRecord?> TrySendAsync(Guid executionId, RunCommandKind kind, string command, string? nodeId, JsonNode? payload,
        CancellationToken cancellationToken)
    {
        if (live.IsLive(executionId) || !await IsDrivenElsewhereAsync(executionId, cancellationToken)) return null;
        var sent = new RunCommand(Guid.NewGuid(), executionId, kind, nodeId, payload?.DeepClone(), clock.GetUtcNow());
        await commands.AddAsync(sent, cancellationToken);
        logger.LogInformation("Execution {ExecutionId} is driven by another instance: {Command} sent as command {CommandId}", executionId, command, sent.Id);
        try
        {
            await NotifyHolderAsync(executionId, cancellationToken);
            return await AwaitOutcomeAsync(sent, command, cancellationToken) is { } outcome
                ? await AnswerAsync(executionId, command, outcome, cancellationToken)
                : null;
        }
        finally
        {
            await commands.DeleteAsync(sent.Id, CancellationToken.None);   // read or given up: the row has served
        }
    }

    /// <summary>Best effort: a lost notice only leaves the command to the holder's next poll.</summary>
    private async Task NotifyHolderAsync(Guid executionId, CancellationToken cancellationToken)
    {
        try
        {
            await channel.PublishAsync(RunCommandListener.Topic, [executionId.ToString()], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The instance driving execution {ExecutionId} could not be notified of a command; it finds it at its next poll", executionId);
        }
    }

    private async Task<bool> IsDrivenElsewhereAsync(Guid executionId, CancellationToken cancellationToken) =>
        await leaseStore.HolderAsync(executionId, clock.GetUtcNow(), cancellationToken) is { } holder && holder != leases.Owner;

    /// <summary>The outcome; null when the holder let the run go before taking the command (it was withdrawn: act here).</summary>
    private async Task<RunCommandOutcome?> AwaitOutcomeAsync(RunCommand sent, string command, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + Options.Timeout;
        using var timer = new PeriodicTimer(Options.AnswerPollInterval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var progress = await commands.ProgressAsync(sent.Id, cancellationToken);
            if (progress?.Outcome is { } outcome) return outcome;
            var pending = progress?.State == RunCommandState.Pending;
            // The run stopped (paused, parked, finished) or its holder died before taking the command: nobody will take it.
            if (pending && !await IsDrivenElsewhereAsync(sent.ExecutionId, cancellationToken)
                && await commands.WithdrawAsync(sent.Id, clock.GetUtcNow(), cancellationToken))
                return null;
            if (clock.GetUtcNow() < deadline) continue;
            var withdrawn = pending && await commands.WithdrawAsync(sent.Id, clock.GetUtcNow(), cancellationToken);
            if (!withdrawn && (await commands.ProgressAsync(sent.Id, cancellationToken))?.Outcome is { } late) return late;
            logger.LogWarning("Command {CommandId} ({Command}) for execution {ExecutionId} was not answered in {Timeout}; withdrawn: {Withdrawn}",
                sent.Id, command, sent.ExecutionId, Options.Timeout, withdrawn);
            throw new RunCommandUnansweredException(sent.ExecutionId, command, withdrawn, Options.Timeout);
        }
        throw new OperationCanceledException(cancellationToken);
    }

    private async Task<ExecutionRecord> AnswerAsync(Guid executionId, string command, RunCommandOutcome outcome, CancellationToken cancellationToken) =>
        outcome.Result switch
        {
            RunCommandResult.Applied => await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId),
            RunCommandResult.Refused => throw new InvalidTransitionException(executionId, outcome.Status ?? ExecutionStatus.Running, command),
            RunCommandResult.NotFound => throw new NotFoundException(outcome.Message ?? "Execution", outcome.Subject ?? executionId.ToString()),
            _ => throw new InvalidOperationException($"The instance driving execution {executionId} failed to {command} it: {outcome.Message}"),
        };
}
