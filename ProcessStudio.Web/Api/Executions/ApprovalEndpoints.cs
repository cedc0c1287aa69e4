using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Body of POST /api/v1/executions/{id}/approvals/{nodeId}.</summary>
public sealed record ApprovalDecisionBody(string? Decision, string? Comment);

/// <summary>An approval a run waits for.</summary>
public sealed record PendingApprovalDto(
    Guid ExecutionId,
    Guid WorkflowId,
    string WorkflowName,
    ExecutionStatus ExecutionStatus,
    string NodeId,
    string NodeName,
    string Title,
    string? Message,
    string? Note,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? TimeoutAt)
{
    public static PendingApprovalDto From(PendingApproval a) => new(a.ExecutionId, a.WorkflowId, a.WorkflowName, a.RunStatus, a.NodeId, a.NodeName,
        a.Title, a.Message, a.Note, a.RequestedAt, a.TimeoutAt);
}

/// <summary>
/// /api/v1/approvals lists what Wait for approval nodes wait for; /api/v1/executions/{id}/approvals/{nodeId} decides one.
/// The decision is recorded with the signed-in user's name in the node's output and the execution log.
/// </summary>
public static class ApprovalEndpoints
{
    public const int MaxPageSize = 500;

    public static void MapApprovalEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/approvals", ListAsync).WithTags("Approvals").RequireAuthorization(AccessPolicies.View);
        var run = api.MapGroup("/executions/{id:guid}/approvals").WithTags("Approvals");
        run.MapGet("/", InRunAsync).RequireAuthorization(AccessPolicies.View);
        run.MapPost("/{nodeId}", DecideAsync).RequireAuthorization(AccessPolicies.Operate);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, Approvals approvals, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var workflowId = query.Guid("workflowId");
        var limit = query.Int("limit", fallback: 100, min: 1, max: MaxPageSize);
        query.ThrowIfInvalid();
        var pending = await approvals.ListAsync(workflowId, limit, ct);
        return ApiResults.Ok(pending.Select(PendingApprovalDto.From).ToList());
    }

    private static async Task<IResult> InRunAsync(Guid id, Approvals approvals, CancellationToken ct) =>
        ApiResults.Ok((await approvals.InRunAsync(id, ct)).Select(PendingApprovalDto.From).ToList());

    private static async Task<IResult> DecideAsync(Guid id, string nodeId, HttpContext http, Approvals approvals, CancellationToken ct)
    {
        var body = await http.Request.ReadJsonAsync<ApprovalDecisionBody>(ct);
        var decision = body.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => ApprovalDecision.Approve,
            "reject" => ApprovalDecision.Reject,
            _ => throw new ApiValidationException("decision", "decision must be 'approve' or 'reject'."),
        };
        if (body.Comment?.Length > Approvals.MaxComment)
            throw new ApiValidationException("comment", $"comment must be at most {Approvals.MaxComment} characters.");

        var by = http.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";
        var execution = await approvals.DecideAsync(id, nodeId, decision, body.Comment, by, ct);
        return ApiResults.Ok(ExecutionDto.From(execution));
    }
}
