using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Executions;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.ProcessEngine;

/// <summary>The seed-compatible routes under /api/v1/process-engine/executions/processes.</summary>
public static class ProcessEngineEndpoints
{
    public static void MapProcessEngineEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/process-engine/executions/processes").WithTags("Process engine (seed-compatible)");
        group.MapPost("/execute", ExecuteAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionStarted, AuditTarget.ExecutionType);
        group.MapGet("/{executionId:guid}/status", StatusAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/{executionId:guid}/pause", PauseAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionPaused, AuditTarget.ExecutionType);
        group.MapPost("/{executionId:guid}/resume", ResumeAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionResumed, AuditTarget.ExecutionType);
        group.MapPost("/{executionId:guid}/cancel", CancelAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionCancelled, AuditTarget.ExecutionType);
    }

    /// <summary>Starts the latest version of workflow <c>processID</c>; the body (optional) is the input variables.</summary>
    private static async Task<IResult> ExecuteAsync(HttpRequest request, IWorkflowEngine engine, IdempotentStarts once, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var processId = query.Guid("processID");
        if (processId is null && query.String("processID") is null)
            query.Fail("processID", "The query parameter processID (the workflow id) is required.");
        var options = RunOptionsInput.FromQuery(query);
        query.ThrowIfInvalid();

        var execution = await once.StartOnceAsync(request, async () =>
        {
            var input = await request.ReadJsonNodeAsync(ct);
            return await engine.StartAsync(options.ApplyTo(
                new StartExecutionRequest { WorkflowId = processId!.Value, Input = input, Mode = ExecutionMode.Api }, request), ct);
        }, ct);
        return ApiResults.Ok(new ProcessExecutionStartedDto(execution.Id, execution.WorkflowId, execution.WorkflowVersion, execution.Status,
            execution.CreatedAt, $"/api/v1/process-engine/executions/processes/{execution.Id}/status"));
    }

    private static async Task<IResult> StatusAsync(Guid executionId, IExecutionStore store, CancellationToken ct)
    {
        var execution = await store.GetOrThrowAsync(executionId, ct);
        var nodes = execution.IsActive ? await store.GetNodeExecutionsAsync(executionId, ct) : [];
        return ApiResults.Ok(ProcessStatusMapping.ToStatus(execution, nodes));
    }

    private static async Task<IResult> PauseAsync(Guid executionId, IWorkflowEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var e = await engine.PauseAsync(executionId, ct);
        return ApiResults.Ok(new ProcessPausedDto(e.Id, e.Status, e.PausedAt ?? clock.GetUtcNow(), e.CompletedNodes, e.TotalNodes));
    }

    private static async Task<IResult> ResumeAsync(Guid executionId, IWorkflowEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var e = await engine.ResumeAsync(executionId, ct);
        return ApiResults.Ok(new ProcessResumedDto(e.Id, e.Status, clock.GetUtcNow(), ProcessStatusMapping.PendingNodes(e)));
    }

    private static async Task<IResult> CancelAsync(Guid executionId, IWorkflowEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var e = await engine.CancelAsync(executionId, ct);
        return ApiResults.Ok(new ProcessCancelledDto(e.Id, e.Status, e.StoppedAt ?? clock.GetUtcNow()));
    }
}
