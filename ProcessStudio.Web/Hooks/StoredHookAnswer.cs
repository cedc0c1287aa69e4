using Microsoft.Extensions.Options;
using ProcessStudio.Engine;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

/// <summary>
/// A waiting hook's answer read from the shared database, for a run that another instance drives (it was taken over,
/// or resumed there after a wait): the Respond node's log line, which holds the whole response (status, headers, body)
/// and commits with the node's step, or the run's final status. Polled every RemoteCommands:AnswerPollInterval.
/// </summary>
internal sealed class StoredHookAnswer(IExecutionStore executions, IOptions<EngineOptions> options)
{
    /// <summary>The text every response line's data holds; the log search narrows the read to those lines.</summary>
    private const string ResponseMarker = "webhookResponse";

    /// <summary>The Respond node's response, or the status the run finished in without one.</summary>
    public async Task<(WebhookResponse? Response, ExecutionStatus Finished)> WaitAsync(Guid executionId, CancellationToken cancellationToken)
    {
        long? afterId = null;
        using var timer = new PeriodicTimer(options.Value.RemoteCommands.AnswerPollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            // The status is read before the logs: a response committed in the run's last step is then never missed.
            var status = (await executions.GetAsync(executionId, cancellationToken))?.Status;
            var lines = await executions.GetLogsAsync(executionId, new LogQuery { Search = ResponseMarker, AfterId = afterId, Limit = 100 }, cancellationToken);
            foreach (var line in lines.Items)
            {
                if (WebhookResponse.FromLog(line) is { } response) return (response, ExecutionStatus.Running);
                afterId = line.Id;
            }
            if (status is { } finished && finished.IsFinished()) return (null, finished);
        }
        throw new OperationCanceledException(cancellationToken);
    }
}
