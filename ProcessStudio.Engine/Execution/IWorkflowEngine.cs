using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution;

public sealed record StartExecutionRequest
{
    public required Guid WorkflowId { get; init; }
    /// <summary>A pinned version, or null for the latest.</summary>
    public int? Version { get; init; }
    public JsonNode? Input { get; init; }
    public ExecutionMode Mode { get; init; } = ExecutionMode.Manual;
    public IReadOnlyList<string> Breakpoints { get; init; } = [];
    public Guid? ParentExecutionId { get; init; }
    /// <summary>An id chosen by the caller, so a start retried after a crash can find the run it already created (scheduler, sub-workflows).</summary>
    public Guid? ExecutionId { get; init; }
    /// <summary>The caller's id for the run (stored, filterable, <c>$execution.correlationId</c>); at most <see cref="RunOptions.RunStartOptions.MaxKeyLength"/> characters.</summary>
    public string? CorrelationId { get; init; }
    /// <summary>Overrides the workflow's <c>runTimeoutMs</c> and the configured default; null keeps them.</summary>
    public long? TimeoutMs { get; init; }
    /// <summary>At most one active run per key: a literal or a template over the input (<c>customer-{{ $input.id }}</c>).</summary>
    public string? LockKey { get; init; }
    /// <summary>What a start does while another active run holds <see cref="LockKey"/>.</summary>
    public OnLocked OnLocked { get; init; } = OnLocked.Queue;
}

/// <summary>What a start with a held lock key does: wait its turn as queued (oldest first), or be refused (409).</summary>
public enum OnLocked { Queue, Reject }

/// <summary>The result of running one node alone in the designer.</summary>
public sealed record NodeTestResult(bool Succeeded, string? OutputPort, JsonNode? Output, string? Error, IReadOnlyList<ExecutionLogRecord> Logs, long DurationMs);

/// <summary>The engine's commands. Illegal transitions throw <see cref="InvalidTransitionException"/>; unknown ids throw <see cref="NotFoundException"/>.</summary>
public interface IWorkflowEngine
{
    Task<ExecutionRecord> StartAsync(StartExecutionRequest request, CancellationToken cancellationToken);
    Task<ExecutionRecord> PauseAsync(Guid executionId, CancellationToken cancellationToken);
    Task<ExecutionRecord> ResumeAsync(Guid executionId, CancellationToken cancellationToken);
    /// <summary>
    /// Resumes a paused run on another version of its workflow (e.g. the fix saved after it paused at a failed node); its
    /// memory and pending nodes are kept. A pending node missing from that version: <see cref="CheckpointInvalidException"/>.
    /// </summary>
    Task<ExecutionRecord> ResumeAsync(Guid executionId, int? workflowVersion, CancellationToken cancellationToken);
    Task<ExecutionRecord> CancelAsync(Guid executionId, CancellationToken cancellationToken);
    /// <summary>At a breakpoint: run exactly one node, then pause again.</summary>
    Task<ExecutionRecord> StepAsync(Guid executionId, CancellationToken cancellationToken);
    /// <summary>
    /// Delivers <paramref name="payload"/> to the waiting activation of <paramref name="nodeId"/> and continues the run
    /// (waiting → running). Of concurrent signals to one activation exactly one wins; the others get
    /// <see cref="InvalidTransitionException"/>, as does a run or node that is not waiting there.
    /// </summary>
    Task<ExecutionRecord> SignalAsync(Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken);
    Task<ExecutionRecord> RetryAsync(Guid executionId, RetryMode mode, string? fromNodeId, CancellationToken cancellationToken) =>
        RetryAsync(executionId, mode, fromNodeId, RetryVersion.Original, cancellationToken);
    /// <summary>
    /// Retries a finished run on its own version or on the current one. Restarting mid-run on another version keeps the
    /// saved memory; a node the restart needs that the version no longer has fails with <see cref="CheckpointInvalidException"/>.
    /// </summary>
    Task<ExecutionRecord> RetryAsync(Guid executionId, RetryMode mode, string? fromNodeId, RetryVersion version, CancellationToken cancellationToken);
    Task<NodeTestResult> TestNodeAsync(WorkflowDefinition workflow, string nodeId, JsonNode? input, CancellationToken cancellationToken);
    /// <summary>
    /// Rolls back a failed, cancelled or compensationFailed run: the compensating paths of its completed nodes run in reverse
    /// order of completion (from the one that failed, for compensationFailed). A run in another state, or with nothing to
    /// compensate, gets <see cref="InvalidTransitionException"/>. Returns the run as it starts rolling back (running).
    /// </summary>
    Task<ExecutionRecord> CompensateAsync(Guid executionId, CancellationToken cancellationToken);
    /// <summary>Continues runs left running by a crash, from their last checkpoint. Called once at start-up.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken);
    /// <summary>The memory (variables and node outputs) of a paused or running execution, for inspection.</summary>
    Task<JsonObject?> GetMemoryAsync(Guid executionId, CancellationToken cancellationToken);
}

public sealed class NotFoundException(string what, object id) : Exception($"{what} '{id}' was not found.")
{
    public string What { get; } = what;
    public object Id { get; } = id;
}

public sealed class InvalidTransitionException(Guid executionId, ExecutionStatus current, string command, string? reason = null)
    : Exception($"Cannot {command} execution {executionId}: {reason ?? $"it is {current.ApiName()}"}.")
{
    public Guid ExecutionId { get; } = executionId;
    public ExecutionStatus Current { get; } = current;
    public string Command { get; } = command;
}

/// <summary>A workflow that fails validation cannot start.</summary>
public sealed class WorkflowInvalidException(IReadOnlyList<Validation.ValidationProblem> problems)
    : Exception($"The workflow is invalid: {string.Join("; ", problems.Select(p => p.Message))}")
{
    public IReadOnlyList<Validation.ValidationProblem> Problems { get; } = problems;
}
