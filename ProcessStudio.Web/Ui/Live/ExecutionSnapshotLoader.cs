using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Reads a run's full picture from the store: record, workflow version, node executions and log lines.</summary>
public sealed class ExecutionSnapshotLoader(IExecutionStore executions, IWorkflowStore workflows)
{
    private const int LogPageSize = 1_000;   // the store's largest page

    public async Task<ExecutionSnapshot?> LoadAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var execution = await executions.GetAsync(executionId, cancellationToken);
        if (execution is null) return null;
        var version = await workflows.GetVersionAsync(execution.WorkflowId, execution.WorkflowVersion, cancellationToken)
            ?? await workflows.GetLatestAsync(execution.WorkflowId, cancellationToken);
        var workflow = version?.Definition ?? new Engine.Model.WorkflowDefinition { Id = execution.WorkflowId, Name = execution.WorkflowName };
        var nodes = await executions.GetNodeExecutionsAsync(executionId, cancellationToken);
        var logs = await LoadLogsAsync(executionId, cancellationToken);
        return new ExecutionSnapshot(execution, workflow, nodes, logs);
    }

    private Task<List<ExecutionLogRecord>> LoadLogsAsync(Guid executionId, CancellationToken cancellationToken) =>
        LoadLogsAfterAsync(executionId, null, cancellationToken);

    /// <summary>The run's stored lines after <paramref name="afterId"/> (all with null), in id order, at most a log buffer's worth.</summary>
    public async Task<List<ExecutionLogRecord>> LoadLogsAfterAsync(Guid executionId, long? afterId, CancellationToken cancellationToken)
    {
        var logs = new List<ExecutionLogRecord>();
        while (logs.Count < LogBuffer.Capacity)
        {
            var page = await executions.GetLogsAsync(executionId, new LogQuery { AfterId = afterId, Limit = LogPageSize }, cancellationToken);
            if (page.Items.Count == 0) break;
            logs.AddRange(page.Items);
            afterId = page.Items.Max(l => l.Id);
            if (page.Items.Count < LogPageSize) break;
        }
        logs.Sort((a, b) => a.Id.CompareTo(b.Id));
        return logs;
    }
}
