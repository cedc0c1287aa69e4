using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.SubWorkflows;

/// <summary>
/// Starts a failed run's error workflow (<see cref="Model.WorkflowSettings.ErrorWorkflowId"/>, latest version) with the
/// failure details as input, once per run (a rollback that fails after the run's failure was reported adds no second one). Error workflow runs never start an error workflow themselves, so failures cannot loop.
/// </summary>
public sealed class ErrorWorkflowStarter(IServiceProvider services, IWorkflowStore workflows, IExecutionStore executions, ILogger<ErrorWorkflowStarter> logger)
{
    private IWorkflowEngine Engine => services.GetRequiredService<IWorkflowEngine>();

    /// <summary>Returns the error workflow run, or null when the run's workflow has none (or the run is not eligible).</summary>
    public async Task<ExecutionRecord?> StartForAsync(ExecutionRecord failed, CancellationToken cancellationToken)
    {
        if (!CountsAsFailure(failed)) return null;
        var definition = (await workflows.GetVersionAsync(failed.WorkflowId, failed.WorkflowVersion, cancellationToken))?.Definition;
        if (definition?.Settings.ErrorWorkflowId is not { } errorWorkflowId) return null;
        if (failed.Mode == ExecutionMode.ErrorWorkflow)
        {
            logger.LogWarning("Execution {ExecutionId} was itself an error workflow run; its failure does not start another one", failed.Id);
            return null;
        }

        // One error workflow run per failed run, whatever number of times the failure is delivered.
        var runId = ErrorRunId(failed.Id);
        if (await executions.GetAsync(runId, cancellationToken) is { } started) return started;
        var failedNode = failed.ErrorNodeId is { } nodeId ? definition.FindNode(nodeId) : null;
        try
        {
            var run = await Engine.StartAsync(new StartExecutionRequest
            {
                WorkflowId = errorWorkflowId,
                Input = FailureDetails(failed, failedNode?.Name),
                Mode = ExecutionMode.ErrorWorkflow,
                ParentExecutionId = failed.Id,
                CorrelationId = failed.CorrelationId,
                ExecutionId = runId,
            }, cancellationToken);
            logger.LogInformation("Execution {ExecutionId} failed; error workflow run {ErrorExecutionId} started", failed.Id, run.Id);
            return run;
        }
        catch (Exception ex) when (ex is NotFoundException or WorkflowInvalidException)
        {
            logger.LogError(ex, "Execution {ExecutionId} failed, but its error workflow {ErrorWorkflowId} could not start", failed.Id, errorWorkflowId);
            return null;
        }
    }

    /// <summary>
    /// A failed run, one whose rollback failed, or one cancelled because it ran past its timeout: they owe their failure
    /// reactions. A compensated run does not: its rollback handled the failure.
    /// </summary>
    public static bool CountsAsFailure(ExecutionRecord run) =>
        run.Status.IsFailure() || (run.Status == ExecutionStatus.Cancelled && run.StatusReason == StatusReasons.TimedOut);

    public static Guid ErrorRunId(Guid failedExecutionId) => Outbox.DeterministicId.For("error-workflow", failedExecutionId);

    /// <summary>The error workflow's input (<c>$input</c>), documented in docs/engine.md.</summary>
    public static JsonObject FailureDetails(ExecutionRecord failed, string? nodeName) => new()
    {
        ["execution"] = new JsonObject
        {
            ["id"] = failed.Id.ToString(),
            ["workflowId"] = failed.WorkflowId.ToString(),
            ["workflowName"] = failed.WorkflowName,
            ["workflowVersion"] = failed.WorkflowVersion,
            ["url"] = $"/executions/{failed.Id}",
            ["status"] = failed.Status.ApiName(),
            ["statusReason"] = failed.StatusReason,
            ["correlationId"] = failed.CorrelationId,
        },
        ["error"] = new JsonObject
        {
            ["message"] = failed.ErrorMessage,
            ["nodeId"] = failed.ErrorNodeId,
            ["nodeName"] = nodeName,
        },
        ["startedAt"] = failed.StartedAt,
        ["stoppedAt"] = failed.StoppedAt,
        ["mode"] = failed.Mode.ToString().ToLowerInvariant(),
    };
}
