using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Hubs;

/// <summary>
/// Which workflow each run belongs to, for routing node and log events (they carry only the execution id) to workflow
/// groups. Learnt from status events; a run first seen through another event (recovered after a restart) is looked up
/// once. Finished runs are kept a while for their late events, then forgotten. Used by the broadcaster's loop only.
/// </summary>
public sealed class ExecutionWorkflowIndex(IExecutionStore store)
{
    private const int FinishedKept = 1_000;
    private readonly Dictionary<Guid, Guid> _workflowOf = [];
    private readonly Queue<Guid> _finished = new();

    public void Learn(Guid executionId, Guid workflowId, bool finished)
    {
        _workflowOf[executionId] = workflowId;
        if (!finished) return;
        _finished.Enqueue(executionId);
        while (_finished.Count > FinishedKept) _workflowOf.Remove(_finished.Dequeue());
    }

    /// <summary>The run's workflow, or <see cref="Guid.Empty"/> when the run no longer exists.</summary>
    public async ValueTask<Guid> WorkflowOfAsync(Guid executionId, CancellationToken cancellationToken)
    {
        if (_workflowOf.TryGetValue(executionId, out var known)) return known;
        var record = await store.GetAsync(executionId, cancellationToken);
        if (record is null) return Guid.Empty;
        Learn(executionId, record.WorkflowId, record.Status.IsFinished());
        return record.WorkflowId;
    }
}
