using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

/// <summary>
/// Starts a run for a hook in "wait" mode and answers with what the run says first: a Respond node's response, the
/// output of a completed run, a 500 problem for a failed or cancelled one, or a 504 problem when the timeout passes.
/// This instance's event stream tells while the run executes here; when several instances share the database, the
/// stored answer (<see cref="StoredHookAnswer"/>) is watched as well, for a run that continues on another instance.
/// </summary>
internal sealed class HookResponseWaiter(IWorkflowEngine engine, IEngineEventStream events, IExecutionStore executions, IRunLeaseStore leases,
    StoredHookAnswer stored)
{
    public async Task<IResult> StartAndWaitAsync(StartExecutionRequest start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Subscribed before the start, so nothing the run says can be missed; once the id is known, only its events pass.
        var filter = new RunFilter();
        using var subscription = events.Subscribe(e => filter.Passes(e) && e is ExecutionStatusChanged or LogWritten { Log.Data: JsonObject });

        var executionId = (await engine.StartAsync(start, cancellationToken)).Id;
        filter.Narrow(executionId);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var here = FromEventsAsync(subscription, executionId, deadline.Token);
            var answer = leases is SingleInstanceLeases ? await here : await Task.WhenAny(here, FromStoreAsync(executionId, deadline.Token)).Unwrap();
            await deadline.CancelAsync();   // the other watcher stops
            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return HookProblems.NoResponseInTime(executionId, timeout);
    }

    private async Task<IResult> FromEventsAsync(IEngineSubscription subscription, Guid executionId, CancellationToken cancellationToken)
    {
        await foreach (var engineEvent in subscription.ReadAllAsync(cancellationToken))
        {
            if (engineEvent.ExecutionId != executionId) continue;
            if (engineEvent is LogWritten log && WebhookResponse.FromLog(log.Log) is { } response)
                return new WebhookResponseResult(response);
            if (engineEvent is ExecutionStatusChanged { Status: var status } && status.IsFinished())
                return await FinishedAsync(executionId, status, cancellationToken);
        }
        throw new OperationCanceledException(cancellationToken);
    }

    private async Task<IResult> FromStoreAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var (response, finished) = await stored.WaitAsync(executionId, cancellationToken);
        return response is not null ? new WebhookResponseResult(response) : await FinishedAsync(executionId, finished, cancellationToken);
    }

    private async Task<IResult> FinishedAsync(Guid executionId, ExecutionStatus status, CancellationToken cancellationToken)
    {
        if (status != ExecutionStatus.Completed)
            return HookProblems.RunFailed(executionId, status == ExecutionStatus.Failed ? "failed" : "was cancelled");
        var record = await executions.GetAsync(executionId, cancellationToken);
        return new WebhookResponseResult(new WebhookResponse(StatusCodes.Status200OK, new Dictionary<string, string>(), record?.Output));
    }

    /// <summary>Lets every event through until the run's id is known, then only the run's own.</summary>
    private sealed class RunFilter
    {
        private object? _executionId;   // a boxed Guid: reads and writes of a reference are atomic

        public void Narrow(Guid executionId) => Volatile.Write(ref _executionId, executionId);

        public bool Passes(EngineEvent engineEvent) => Volatile.Read(ref _executionId) is not Guid id || engineEvent.ExecutionId == id;
    }
}
