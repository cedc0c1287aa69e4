using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>A run as the store has it: the record, the workflow version it runs, its node executions and its logs.</summary>
public sealed record ExecutionSnapshot(
    ExecutionRecord Execution,
    WorkflowDefinition Workflow,
    IReadOnlyList<NodeExecutionRecord> NodeExecutions,
    IReadOnlyList<ExecutionLogRecord> Logs);
