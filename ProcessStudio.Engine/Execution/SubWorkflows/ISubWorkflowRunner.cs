using System.Text.Json.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.SubWorkflows;

/// <summary>
/// What the Sub-workflow node needs from the engine: start a child run and look at it. A small interface so that node
/// types (built before the engine) do not depend on <see cref="IWorkflowEngine"/> directly.
/// </summary>
public interface ISubWorkflowRunner
{
    /// <summary>
    /// Starts the child run under the id the node chose, or returns that run when an earlier activation already started it
    /// (a crash between the start and the parent's checkpoint). Throws <see cref="Nodes.NodeFailedException"/> when the
    /// workflow is missing or invalid, or when the nesting depth limit is reached.
    /// </summary>
    Task<ExecutionRecord> StartChildAsync(ChildRunRequest request, CancellationToken cancellationToken);

    Task<ExecutionRecord?> GetRunAsync(Guid executionId, CancellationToken cancellationToken);

    /// <summary>Cancels a child run nobody waits for any more; a child that is gone or already finished is left as it is.</summary>
    Task CancelChildAsync(Guid childExecutionId, CancellationToken cancellationToken);
}

/// <param name="NodeName">The Sub-workflow node, named in errors.</param>
public sealed record ChildRunRequest(Guid ParentExecutionId, string NodeName, Guid ChildExecutionId, Guid WorkflowId, int? Version, JsonNode? Input);
