using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Api.Workflows;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>/api/v1/executions: start a run, list and filter history, read one run with its node states, delete.</summary>
public static class ExecutionEndpoints
{
    public const int MaxPageSize = 100;
    /// <summary>Child runs listed per parent; a run starting more (a sub-workflow in a long loop) shows the first ones and the total.</summary>
    public const int MaxChildren = 1000;

    /// <summary>Sort keys the history accepts.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["createdAt", "startedAt", "duration", "status"];

    public static void MapExecutionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/executions").WithTags("Executions");
        group.MapPost("/", StartAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionStarted, AuditTarget.ExecutionType);
        group.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}/children", ChildrenAsync).RequireAuthorization(AccessPolicies.View);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AccessPolicies.Operate).Audited(AuditAction.ExecutionDeleted, AuditTarget.ExecutionType);
    }

    /// <summary>Starts a run; an Idempotency-Key header makes a retried request return the run the first one started.</summary>
    private static async Task<IResult> StartAsync(HttpRequest request, IWorkflowStore workflows, IWorkflowEngine engine, IdempotentStarts once,
        CancellationToken ct)
    {
        var execution = await once.StartOnceAsync(request, () => StartNewAsync(request, workflows, engine, ct), ct);
        return ApiResults.Created($"/api/v1/executions/{execution.Id}", ExecutionDto.From(execution));
    }

    private static async Task<ExecutionRecord> StartNewAsync(HttpRequest request, IWorkflowStore workflows, IWorkflowEngine engine, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<StartExecutionBody>(ct);
        if (body.WorkflowId is not { } workflowId || workflowId == Guid.Empty)
            throw new ApiValidationException("workflowId", "workflowId is required.");
        if (body.Version is < 1)
            throw new ApiValidationException("version", "version must be 1 or greater; omit it to run the latest version.");

        var workflow = body.Version is { } version
            ? await workflows.GetVersionOrThrowAsync(workflowId, version, ct)
            : await workflows.GetLatestOrThrowAsync(workflowId, ct);
        var breakpoints = body.Breakpoints ?? [];
        var unknown = breakpoints.Select((nodeId, index) => (nodeId, index)).Where(b => workflow.Definition.FindNode(b.nodeId) is null).ToList();
        if (unknown.Count > 0)
            throw new ApiValidationException(
                unknown.ToDictionary(b => $"breakpoints[{b.index}]", b => new[] { $"Node '{b.nodeId}' is not in version {workflow.Version} of the workflow." }),
                "Breakpoints must name nodes of the workflow.");

        return await engine.StartAsync(body.RunOptions.ApplyTo(new StartExecutionRequest
        {
            WorkflowId = workflowId,
            Version = workflow.Version,
            Input = body.Input,
            Mode = ExecutionMode.Api,
            Breakpoints = breakpoints,
        }, request), ct);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IExecutionStore store, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var filter = new ExecutionQuery
        {
            WorkflowId = query.Guid("workflowId"),
            Statuses = query.Enums<ExecutionStatus>("status"),
            Mode = query.Enum<ExecutionMode>("mode"),
            CorrelationId = query.String("correlationId"),
            LockKey = query.String("lockKey"),
            From = query.Date("from"),
            To = query.Date("to"),
            Search = query.String("search"),
            SortBy = query.OneOf("sortBy", SortKeys) ?? "createdAt",
            Descending = (query.OneOf("order", ["asc", "desc"]) ?? "desc") == "desc",
            Offset = query.Int("offset", fallback: 0, min: 0, max: int.MaxValue),
            Limit = query.Int("limit", fallback: 50, min: 1, max: MaxPageSize),
        };
        if (filter.From > filter.To)
            query.Fail("from", "'from' must not be after 'to'.");
        query.ThrowIfInvalid();

        var page = await store.QueryAsync(filter, ct);
        var items = page.Items.Select(e => ExecutionDto.From(e, withPayload: false)).ToList();
        return ApiResults.Ok(new PageDto<ExecutionDto>(items, page.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> GetAsync(Guid id, IExecutionStore store, IWorkflowStore workflows, CancellationToken ct)
    {
        var execution = await store.GetOrThrowAsync(id, ct);
        var definition = (await workflows.GetVersionAsync(execution.WorkflowId, execution.WorkflowVersion, ct))?.Definition;
        var nodes = await store.GetNodeExecutionsAsync(id, ct);
        return ApiResults.Ok(ExecutionDetailDto.From(execution, definition, nodes));
    }

    /// <summary>The runs this run started: its sub-workflow runs and, when it failed, its error workflow run. Oldest first.</summary>
    private static async Task<IResult> ChildrenAsync(Guid id, IExecutionStore store, CancellationToken ct)
    {
        await store.GetOrThrowAsync(id, ct);
        var children = await store.QueryAsync(new ExecutionQuery { ParentExecutionId = id, Descending = false, Limit = MaxChildren }, ct);
        var items = children.Items.Select(e => ExecutionDto.From(e, withPayload: false)).ToList();
        return ApiResults.Ok(new PageDto<ExecutionDto>(items, children.Total, 0, MaxChildren));
    }

    private static async Task<IResult> DeleteAsync(Guid id, IExecutionStore store, CancellationToken ct)
    {
        var execution = await store.GetOrThrowAsync(id, ct);
        if (execution.IsActive)
            throw new ApiConflictException($"Execution {id} is {ApiJson.EnumName(execution.Status)}; cancel it before deleting it.");
        await store.DeleteAsync([id], ct);
        return ApiResults.Ok(new DeletedDto(id, true));
    }
}

internal static class ExecutionStoreExtensions
{
    public static async Task<ExecutionRecord> GetOrThrowAsync(this IExecutionStore store, Guid id, CancellationToken ct) =>
        await store.GetAsync(id, ct) ?? throw new NotFoundException("Execution", id);
}
