using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Stores;

/// <summary>A <see cref="StepCommit"/> mapped to rows and checked before any write starts, so bad input writes nothing.</summary>
internal sealed record PreparedStep(
    Guid ExecutionId,
    long ExpectedVersion,
    bool IsFinished,
    ExecutionEntity Execution,
    IReadOnlyList<NodeExecutionEntity> Nodes,
    IReadOnlyList<ExecutionLogEntity> Logs,
    CheckpointEntity? Checkpoint,
    IReadOnlyList<ExecutionValueEntity> Values,
    IReadOnlyList<Outbox.OutboxEntity> Outbox)
{
    public static PreparedStep From(StepCommit commit)
    {
        var execution = commit.Execution.ToEntity(withInput: false);
        var nodes = commit.NodeExecutions.Select(n => BelongingTo(n.ToEntity(), execution.Id)).ToList();
        return new PreparedStep(
            commit.Execution.Id,
            commit.ExpectedVersion,
            commit.Execution.Status.IsFinished(),
            execution,
            nodes,
            commit.Logs.Select(l => BelongingTo(l.ToEntity(), execution.Id)).ToList(),
            commit.Checkpoint?.ToEntity(commit.Execution.Id),
            [.. nodes.Select(MoveInputToValue).OfType<ExecutionValueEntity>()],
            ProcessStudio.Data.Outbox.OutboxRows.Of(commit.Execution));
    }

    /// <summary>A node input goes to its own value row, so later updates of the record do not rewrite it.</summary>
    private static ExecutionValueEntity? MoveInputToValue(NodeExecutionEntity node)
    {
        if (node.Input is not { } input) return null;
        node.Input = null;
        return new ExecutionValueEntity { ExecutionId = node.ExecutionId, Key = ExecutionValueEntity.NodeInputKey(node.Id), Json = input };
    }

    private static NodeExecutionEntity BelongingTo(NodeExecutionEntity node, string executionId) =>
        node.ExecutionId == executionId ? node
            : throw new ArgumentException($"Node execution {node.Id} ({node.NodeId}) belongs to execution {node.ExecutionId}, not {executionId}.");

    private static ExecutionLogEntity BelongingTo(ExecutionLogEntity log, string executionId) =>
        log.ExecutionId == executionId ? log
            : throw new ArgumentException($"A log line for execution {log.ExecutionId} was committed with execution {executionId}.");
}
