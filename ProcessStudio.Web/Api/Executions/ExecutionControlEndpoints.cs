using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Commands on one run: pause, resume, cancel, step (at a breakpoint), retry and compensate. Illegal transitions answer 409.</summary>
public static class ExecutionControlEndpoints
{
    public static void MapExecutionControlEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/executions/{id:guid}").WithTags("Executions").RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/pause", (Guid id, IWorkflowEngine engine, CancellationToken ct) => RunAsync(engine.PauseAsync(id, ct)))
            .Audited(AuditAction.ExecutionPaused, AuditTarget.ExecutionType);
        group.MapPost("/resume", ResumeAsync)
            .Audited(AuditAction.ExecutionResumed, AuditTarget.ExecutionType);
        group.MapPost("/cancel", (Guid id, IWorkflowEngine engine, CancellationToken ct) => RunAsync(engine.CancelAsync(id, ct)))
            .Audited(AuditAction.ExecutionCancelled, AuditTarget.ExecutionType);
        group.MapPost("/step", (Guid id, IWorkflowEngine engine, CancellationToken ct) => RunAsync(engine.StepAsync(id, ct)))
            .Audited(AuditAction.ExecutionStepped, AuditTarget.ExecutionType);
        group.MapPost("/retry", RetryAsync).Audited(AuditAction.ExecutionRetried, AuditTarget.ExecutionType);
        // Rolls back a failed, cancelled or compensationFailed run (its completed nodes' compensating paths, last first).
        group.MapPost("/compensate", (Guid id, IWorkflowEngine engine, CancellationToken ct) => RunAsync(engine.CompensateAsync(id, ct)))
            .Audited(AuditAction.ExecutionCompensated, AuditTarget.ExecutionType);
    }

    private static async Task<IResult> RunAsync(Task<Engine.Persistence.ExecutionRecord> command) =>
        ApiResults.Ok(ExecutionDto.From(await command));

    /// <summary>Resumes a paused run; the optional body chooses the workflow version it continues on (original, latest or a number).</summary>
    private static async Task<IResult> ResumeAsync(Guid id, HttpRequest request, IWorkflowEngine engine, IExecutionStore executions, IWorkflowStore workflows,
        CancellationToken ct)
    {
        var version = await ResumeVersion.ResolveAsync(id, await request.ReadOptionalJsonAsync<ResumeExecutionBody>(ct), executions, workflows, ct);
        return await RunAsync(engine.ResumeAsync(id, version, ct));
    }

    /// <summary>Starts a new run that retries this one; the body chooses fromStart (default), fromFailedNode or fromNode + nodeId, on the original (default) or current version.</summary>
    private static async Task<IResult> RetryAsync(Guid id, HttpRequest request, IWorkflowEngine engine, CancellationToken ct)
    {
        var body = await request.ReadOptionalJsonAsync<RetryExecutionBody>(ct) ?? new RetryExecutionBody(null, null);
        var mode = body.Mode ?? RetryMode.FromStart;
        if (mode == RetryMode.FromNode && string.IsNullOrWhiteSpace(body.NodeId))
            throw new ApiValidationException("nodeId", "nodeId is required when mode is fromNode.");

        try
        {
            var retry = await engine.RetryAsync(id, mode, mode == RetryMode.FromNode ? body.NodeId : null, body.Version ?? RetryVersion.Original, ct);
            return ApiResults.Created($"/api/v1/executions/{retry.Id}", ExecutionDto.From(retry));
        }
        catch (ArgumentException ex) when (ex.ParamName == "fromNodeId")
        {
            // The node never ran in that execution, so there is no state to restart it from.
            throw new ApiValidationException("nodeId", ex.Message);
        }
    }
}
