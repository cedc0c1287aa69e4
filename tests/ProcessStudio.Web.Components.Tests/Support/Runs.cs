using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Components.Tests.Support;

/// <summary>Runs as the monitor sees them: a workflow of named nodes in a line, and the records of the nodes that ran.</summary>
public static class Runs
{
    public static WorkflowDefinition Line(params string[] names)
    {
        var workflow = new WorkflowDefinition { Id = Guid.NewGuid(), Name = "Orders" };
        for (var i = 0; i < names.Length; i++)
        {
            workflow.Nodes.Add(new NodeDefinition { Id = $"n{i + 1}", Type = "log", Name = names[i] });
            if (i > 0) workflow.Connections.Add(new Connection($"n{i}", "out", $"n{i + 1}"));
        }
        return workflow;
    }

    public static ExecutionViewModel View(WorkflowDefinition workflow, ExecutionStatus status,
        IEnumerable<(string NodeId, NodeExecutionStatus Status)>? nodes = null, IReadOnlyList<ExecutionLogRecord>? logs = null)
    {
        var execution = new ExecutionRecord
        {
            Id = Guid.NewGuid(),
            WorkflowId = workflow.Id,
            WorkflowName = workflow.Name,
            WorkflowVersion = 1,
            Status = status,
            Mode = ExecutionMode.Manual,
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            StoppedAt = status.IsFinished() ? DateTimeOffset.UtcNow : null,
        };
        var records = (nodes ?? []).Select((n, i) => new NodeExecutionRecord
        {
            Id = Guid.NewGuid(),
            ExecutionId = execution.Id,
            NodeId = n.NodeId,
            NodeName = workflow.FindNode(n.NodeId)!.Name,
            NodeType = "log",
            Step = i + 1,
            Status = n.Status,
            Attempts = 1,
            StartedAt = execution.StartedAt!.Value.AddSeconds(i),
            FinishedAt = n.Status is NodeExecutionStatus.Running ? null : execution.StartedAt!.Value.AddSeconds(i + 1),
            Error = n.Status == NodeExecutionStatus.Failed ? "boom" : null,
        }).ToList();
        return new ExecutionViewModel(new ExecutionSnapshot(execution, workflow, records, logs ?? []));
    }

    public static ExecutionLogRecord Log(long id, Microsoft.Extensions.Logging.LogLevel level, string message, string? nodeId = null) =>
        new(id, Guid.Empty, DateTimeOffset.UtcNow.AddSeconds(id), level, message, nodeId);
}
