using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.SubWorkflows;

/// <summary>Starts child runs for the Sub-workflow node, enforcing <see cref="EngineOptions.MaxSubWorkflowDepth"/>.</summary>
public sealed class SubWorkflowRunner(IServiceProvider services, IExecutionStore executions, IOptions<EngineOptions> options, ILogger<SubWorkflowRunner> logger)
    : ISubWorkflowRunner
{
    // Resolved on first use: the engine depends on the node catalog, which holds the node that depends on this runner.
    private IWorkflowEngine Engine => services.GetRequiredService<IWorkflowEngine>();

    public async Task<ExecutionRecord> StartChildAsync(ChildRunRequest request, CancellationToken cancellationToken)
    {
        if (await executions.GetAsync(request.ChildExecutionId, cancellationToken) is { } existing) return existing;

        var maxDepth = options.Value.MaxSubWorkflowDepth;
        var parent = await executions.GetAsync(request.ParentExecutionId, cancellationToken);
        if (parent is not null && await DepthAsync(parent, maxDepth, cancellationToken) >= maxDepth)
            throw new NodeFailedException(
                $"Node '{request.NodeName}' cannot start another sub-workflow: runs may nest at most {maxDepth} levels deep (Engine:MaxSubWorkflowDepth). " +
                "A workflow probably calls itself without an end condition.", "SubWorkflowDepthExceeded");
        try
        {
            var child = await Engine.StartAsync(new StartExecutionRequest
            {
                WorkflowId = request.WorkflowId,
                Version = request.Version,
                Input = request.Input,
                Mode = ExecutionMode.SubWorkflow,
                ParentExecutionId = parent?.Id,   // none when the node is tested alone in the designer
                ExecutionId = request.ChildExecutionId,
                CorrelationId = parent?.CorrelationId,   // the child belongs to the same business transaction
            }, cancellationToken);
            logger.LogInformation("Execution {ExecutionId} started sub-workflow run {ChildExecutionId} from node {NodeName}",
                request.ParentExecutionId, child.Id, request.NodeName);
            return child;
        }
        catch (NotFoundException ex)
        {
            throw new NodeFailedException($"Node '{request.NodeName}': {ex.Message}", "SubWorkflowNotFound", inner: ex);
        }
        catch (WorkflowInvalidException ex)
        {
            throw new NodeFailedException($"Node '{request.NodeName}': the sub-workflow cannot start. {ex.Message}", "SubWorkflowInvalid", inner: ex);
        }
    }

    public Task<ExecutionRecord?> GetRunAsync(Guid executionId, CancellationToken cancellationToken) => executions.GetAsync(executionId, cancellationToken);

    public async Task CancelChildAsync(Guid childExecutionId, CancellationToken cancellationToken)
    {
        try
        {
            await Engine.CancelAsync(childExecutionId, cancellationToken);
            logger.LogInformation("Sub-workflow run {ChildExecutionId} was cancelled: the branch waiting for it was cancelled", childExecutionId);
        }
        catch (Exception ex) when (ex is NotFoundException or InvalidTransitionException)
        {
            // never started, or finished meanwhile: nothing to stop
        }
    }

    /// <summary>How many sub-workflow links lie above the run (0 for a top-level run); stops counting at <paramref name="limit"/>.</summary>
    private async Task<int> DepthAsync(ExecutionRecord run, int limit, CancellationToken cancellationToken)
    {
        var depth = 0;
        ExecutionRecord? current = run;
        while (current?.ParentExecutionId is { } parentId && current.Mode == ExecutionMode.SubWorkflow && depth < limit)
        {
            depth++;
            current = await executions.GetAsync(parentId, cancellationToken);
        }
        return depth;
    }
}
