using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// Moves a paused run to another version of its workflow before it resumes — typically the fix an operator saved after
/// the run paused at a failed node (<c>onFailure: pause</c>). Its memory and pending nodes are kept; every pending node
/// must exist in the target version, or the move is refused and the run stays paused where it was.
/// Runs inside the run's coordinator mailbox, like the resume that follows it.
/// </summary>
public sealed class RunVersionMove(IExecutionStore executions, RunStateLoader loader, LiveRuns live, TimeProvider clock, ILogger<RunVersionMove> logger)
{
    public async Task MoveAsync(Guid executionId, int workflowVersion, CancellationToken cancellationToken)
    {
        const string command = "resume";
        if (await live.DrivingAsync(executionId, cancellationToken) is not null)
            throw new InvalidTransitionException(executionId, ExecutionStatus.Running, command);
        var record = await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
        if (record.Status != ExecutionStatus.Paused) throw new InvalidTransitionException(executionId, record.Status, command);
        if (record.WorkflowVersion == workflowVersion) return;

        var target = await loader.GraphAsync(record.WorkflowId, workflowVersion, cancellationToken);
        var (_, state) = await loader.LoadAsync(record, cancellationToken);
        var checkpoint = await executions.GetCheckpointAsync(executionId, cancellationToken)
            ?? throw new CheckpointInvalidException(executionId, "it has no checkpoint");
        var expected = record.Version;
        var from = record.WorkflowVersion;
        record.WorkflowVersion = state.WorkflowVersion = workflowVersion;
        RunStateLoader.Check(record, target, state);

        var now = clock.GetUtcNow();
        var message = $"Execution moves from version {from} to version {workflowVersion} of its workflow and resumes there.";
        try
        {
            await executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = expected,
                // Written whole at the same step: the next run's deltas start from it.
                Checkpoint = checkpoint with { StateJson = state.Serialize(), BaseStep = null, UpdatedAt = now },
                Logs = [new ExecutionLogRecord(0, executionId, now, LogLevel.Information, message)],
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var current = await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
            throw new InvalidTransitionException(executionId, current.Status, command);
        }
        logger.LogInformation("Execution {ExecutionId}: {Message}", executionId, message);
    }
}
