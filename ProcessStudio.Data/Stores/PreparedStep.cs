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
    CheckpointEntity? Checkpoint)
{
    public static PreparedStep From(StepCommit commit)
    {
        var execution = commit.Execution.ToEntity();
        return new PreparedStep(
            commit.Execution.Id,
            commit.ExpectedVersion,
            commit.Execution.Status.IsFinished(),
            execution,
            commit.NodeExecutions.Select(n => BelongingTo(n.ToEntity(), execution.Id)).ToList(),
            commit.Logs.Select(l => BelongingTo(l.ToEntity(), execution.Id)).ToList(),
            commit.Checkpoint?.ToEntity(commit.Execution.Id));
    }

    private static NodeExecutionEntity BelongingTo(NodeExecutionEntity node, string executionId) =>
        node.ExecutionId == executionId ? node
            : throw new ArgumentException($"Node execution {node.Id} ({node.NodeId}) belongs to execution {node.ExecutionId}, not {executionId}.");

    private static ExecutionLogEntity BelongingTo(ExecutionLogEntity log, string executionId) =>
        log.ExecutionId == executionId ? log
            : throw new ArgumentException($"A log line for execution {log.ExecutionId} was committed with execution {executionId}.");
}
