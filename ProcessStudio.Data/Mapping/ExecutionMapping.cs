using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data.Entities;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Mapping;

/// <summary>Converts between the engine's run records and their storage entities.</summary>
internal static class ExecutionMapping
{
    /// <summary>
    /// The run's row. Updates leave the input out (<paramref name="withInput"/> false): it is written once, when the run is
    /// created, and serializing it again for every step cost a For Each over a large input the square of its length.
    /// </summary>
    public static ExecutionEntity ToEntity(this ExecutionRecord r, bool withInput = true) => new()
    {
        Id = Id(r.Id),
        WorkflowId = Id(r.WorkflowId),
        WorkflowVersion = r.WorkflowVersion,
        WorkflowName = r.WorkflowName,
        Status = (int)r.Status,
        Mode = (int)r.Mode,
        Input = withInput ? Json(r.Input) : null,
        Output = Json(r.Output),
        CreatedAt = Time(r.CreatedAt),
        StartedAt = Time(r.StartedAt),
        StoppedAt = Time(r.StoppedAt),
        PausedAt = Time(r.PausedAt),
        ErrorMessage = r.ErrorMessage,
        ErrorNodeId = r.ErrorNodeId,
        RetryCount = r.RetryCount,
        RetryOf = Id(r.RetryOf),
        ParentExecutionId = Id(r.ParentExecutionId),
        TotalNodes = r.TotalNodes,
        CompletedNodes = r.CompletedNodes,
        FailedNodes = r.FailedNodes,
        Breakpoints = Json(r.Breakpoints),
        Version = r.Version,
        WakeAt = Time(r.WakeAt),
        CorrelationId = r.CorrelationId,
        StatusReason = r.StatusReason,
        TimeoutMs = r.TimeoutMs,
        DeadlineAt = Time(r.DeadlineAt),
        LockKey = r.LockKey,
    };

    public static ExecutionRecord ToRecord(this ExecutionEntity e) => new()
    {
        Id = ToGuid(e.Id),
        WorkflowId = ToGuid(e.WorkflowId),
        WorkflowVersion = e.WorkflowVersion,
        WorkflowName = e.WorkflowName,
        Status = (ExecutionStatus)e.Status,
        Mode = (ExecutionMode)e.Mode,
        Input = ToJsonNode(e.Input),
        Output = ToJsonNode(e.Output),
        CreatedAt = ToTime(e.CreatedAt),
        StartedAt = ToTime(e.StartedAt),
        StoppedAt = ToTime(e.StoppedAt),
        PausedAt = ToTime(e.PausedAt),
        ErrorMessage = e.ErrorMessage,
        ErrorNodeId = e.ErrorNodeId,
        RetryCount = e.RetryCount,
        RetryOf = ToOptionalGuid(e.RetryOf),
        ParentExecutionId = ToOptionalGuid(e.ParentExecutionId),
        TotalNodes = e.TotalNodes,
        CompletedNodes = e.CompletedNodes,
        FailedNodes = e.FailedNodes,
        Breakpoints = FromJson<List<string>>(e.Breakpoints) ?? [],
        Version = e.Version,
        WakeAt = ToTime(e.WakeAt),
        CorrelationId = e.CorrelationId,
        StatusReason = e.StatusReason,
        TimeoutMs = e.TimeoutMs,
        DeadlineAt = ToTime(e.DeadlineAt),
        LockKey = e.LockKey,
    };

    public static NodeExecutionEntity ToEntity(this NodeExecutionRecord r) => new()
    {
        Id = Id(r.Id),
        ExecutionId = Id(r.ExecutionId),
        NodeId = r.NodeId,
        NodeName = r.NodeName,
        NodeType = r.NodeType,
        Step = r.Step,
        Status = (int)r.Status,
        Attempts = r.Attempts,
        StartedAt = Time(r.StartedAt),
        FinishedAt = Time(r.FinishedAt),
        Input = Json(r.Input),
        Output = Json(r.Output),
        OutputPort = r.OutputPort,
        Error = r.Error,
        AttemptLog = JsonSerializer.Serialize(r.AttemptLog, StorageJsonContext.Default.ListNodeAttempt),
        Progress = r.Progress is null ? null : JsonSerializer.Serialize(r.Progress, StorageJsonContext.Default.NodeProgress),
        Pinned = r.Pinned,
        Compensation = r.Compensation,
    };

    public static NodeExecutionRecord ToRecord(this NodeExecutionEntity e) => new()
    {
        Id = ToGuid(e.Id),
        ExecutionId = ToGuid(e.ExecutionId),
        NodeId = e.NodeId,
        NodeName = e.NodeName,
        NodeType = e.NodeType,
        Step = e.Step,
        Status = (NodeExecutionStatus)e.Status,
        Attempts = e.Attempts,
        StartedAt = ToTime(e.StartedAt),
        FinishedAt = ToTime(e.FinishedAt),
        Input = ToJsonNode(e.Input),
        Output = ToJsonNode(e.Output),
        OutputPort = e.OutputPort,
        Error = e.Error,
        AttemptLog = FromJson<List<NodeAttempt>>(e.AttemptLog) ?? [],
        Progress = FromJson<NodeProgress>(e.Progress),
        Pinned = e.Pinned,
        Compensation = e.Compensation,
    };

    public static ExecutionLogEntity ToEntity(this ExecutionLogRecord r) => new()
    {
        ExecutionId = Id(r.ExecutionId),
        Timestamp = Time(r.Timestamp),
        Level = (int)r.Level,
        Message = r.Message,
        NodeId = r.NodeId,
        Step = r.Step,
        Data = Json(r.Data),
    };

    public static ExecutionLogRecord ToRecord(this ExecutionLogEntity e) =>
        new(e.Id, ToGuid(e.ExecutionId), ToTime(e.Timestamp), (LogLevel)e.Level, e.Message, e.NodeId, e.Step, ToJsonNode(e.Data));

    /// <summary>Maps a checkpoint, refusing one that belongs to another execution than the one being written.</summary>
    public static CheckpointEntity ToEntity(this Checkpoint checkpoint, Guid executionId) =>
        checkpoint.ExecutionId != executionId
            ? throw new ArgumentException($"The checkpoint belongs to execution {checkpoint.ExecutionId}, not {executionId}.", nameof(checkpoint))
            : new CheckpointEntity
            {
                ExecutionId = Id(executionId),
                Step = checkpoint.Step,
                State = checkpoint.StateJson,
                IsActive = checkpoint.IsActive,
                UpdatedAt = Time(checkpoint.UpdatedAt),
                BaseStep = checkpoint.BaseStep,
            };

    public static Checkpoint ToRecord(this CheckpointEntity e) =>
        new(ToGuid(e.ExecutionId), e.Step, e.State, e.IsActive, ToTime(e.UpdatedAt), e.BaseStep);

    /// <summary>History rows are snapshots, never resumable on their own: the engine decides whether to activate one.</summary>
    public static Checkpoint ToRecord(this CheckpointHistoryEntity e) =>
        new(ToGuid(e.ExecutionId), e.Step, e.State, false, ToTime(e.CreatedAt), e.BaseStep);
}
