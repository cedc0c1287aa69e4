using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.RunOptions;

/// <summary>
/// Cancels active runs past their stored deadline with status reason timedOut. The deadline is a column, so a waiting
/// run no worker holds, a run of a stopped instance and a run of another instance are all found by the same query.
/// </summary>
public sealed class RunDeadlines(IExecutionStore executions, RunCommands commands, TimeProvider clock, ILogger<RunDeadlines> logger)
{
    private const int Batch = 100;

    public async Task EnforceAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await executions.ListPastDeadlineAsync(clock.GetUtcNow(), Batch, cancellationToken))
        {
            if (await commands.TimeOutAsync(run, cancellationToken) is { } cancelled)
                logger.LogWarning("Execution {ExecutionId} timed out after {TimeoutMs} ms and was cancelled ({CorrelationId})",
                    cancelled.Id, run.TimeoutMs, run.CorrelationId);
        }
    }
}
