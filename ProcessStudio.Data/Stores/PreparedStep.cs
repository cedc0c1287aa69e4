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
        var values = new List<ExecutionValueEntity>();
        execution.Output = StoredValues.Compact(execution.Output, wholeValue: true, execution.Id, values);
        var nodes = commit.NodeExecutions.Select(n => BelongingTo(n.ToEntity(), execution.Id)).ToList();
        foreach (var node in nodes)
        {
            node.Output = StoredValues.Compact(node.Output, wholeValue: true, execution.Id, values);
            if (MoveInputToValue(node, values) is { } input) values.Add(input);
        }
        var checkpoint = commit.Checkpoint?.ToEntity(commit.Execution.Id);
        if (checkpoint is not null)
            checkpoint.State = StoredValues.Compact(checkpoint.State, wholeValue: false, execution.Id, values)!;
        return new PreparedStep(
            commit.Execution.Id,
            commit.ExpectedVersion,
            commit.Execution.Status.IsFinished(),
            execution,
            nodes,
            commit.Logs.Select(l => BelongingTo(l.ToEntity(), execution.Id)).ToList(),
            checkpoint,
            values,
            ProcessStudio.Data.Outbox.OutboxRows.Of(commit.Execution));
    }

    /// <summary>
    /// Below this a node input stays in its record: a value row costs two more pages per step (row and key), and a
    /// small input costs little when a later update of the record rewrites it.
    /// </summary>
    private const int InlineInputChars = 1024;

    /// <summary>
    /// A node input that is not small goes to its own value row, so later updates of the record do not rewrite it; a
    /// large one is a reference there to the value it shares with the output before it.
    /// </summary>
    private static ExecutionValueEntity? MoveInputToValue(NodeExecutionEntity node, List<ExecutionValueEntity> values)
    {
        if (node.Input is not { Length: > InlineInputChars } input) return null;
        node.Input = null;
        var json = StoredValues.Compact(input, wholeValue: true, node.ExecutionId, values)!;
        return new ExecutionValueEntity { ExecutionId = node.ExecutionId, Key = ExecutionValueEntity.NodeInputKey(node.Id), Json = json };
    }

    private static NodeExecutionEntity BelongingTo(NodeExecutionEntity node, string executionId) =>
        node.ExecutionId == executionId ? node
            : throw new ArgumentException($"Node execution {node.Id} ({node.NodeId}) belongs to execution {node.ExecutionId}, not {executionId}.");

    private static ExecutionLogEntity BelongingTo(ExecutionLogEntity log, string executionId) =>
        log.ExecutionId == executionId ? log
            : throw new ArgumentException($"A log line for execution {log.ExecutionId} was committed with execution {executionId}.");
}
