using System.Security.Claims;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Workflows;

/// <summary>/api/v1/workflows: list, create, read, save new versions, delete, validate, and version history.</summary>
public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");
        group.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/", CreateAsync).RequireAuthorization(AccessPolicies.Edit).Audited(AuditAction.WorkflowCreated, AuditTarget.WorkflowType);
        group.MapPost("/validate", ValidateUnsavedAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(AccessPolicies.Edit).Audited(AuditAction.WorkflowUpdated, AuditTarget.WorkflowType);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AccessPolicies.Edit).Audited(AuditAction.WorkflowDeleted, AuditTarget.WorkflowType);
        group.MapPost("/{id:guid}/validate", ValidateSavedAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}/versions", ListVersionsAsync).RequireAuthorization(AccessPolicies.View);
        group.MapGet("/{id:guid}/versions/{version:int}", GetVersionAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/{id:guid}/versions/{version:int}/restore", RestoreVersionAsync).RequireAuthorization(AccessPolicies.Edit)
            .Audited(AuditAction.WorkflowRestored, AuditTarget.WorkflowType);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var search = new QueryReader(request.Query).String("search");
        var workflows = await store.ListAsync(search, ct);
        return ApiResults.Ok(workflows.Select(WorkflowSummaryDto.From).ToList());
    }

    /// <summary>Creates a workflow; a body id that is already taken gets 409 (checked in the same transaction as the insert).</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, IWorkflowStore store, IWorkflowValidator validator, CancellationToken ct)
    {
        var definition = await request.ReadWorkflowAsync(ct);
        if (definition.Id == Guid.Empty)
            definition.Id = Guid.NewGuid();

        var query = new QueryReader(request.Query);
        var comment = query.String("comment", TextLimits.VersionComment);
        query.ThrowIfInvalid();

        var problems = validator.ValidateOrThrow(definition);
        var saved = await store.SaveAsync(definition, comment, ExpectedVersion.New, ct);
        return ApiResults.Created($"/api/v1/workflows/{saved.WorkflowId}", WorkflowDetailDto.From(saved, problems));
    }

    private static async Task<IResult> GetAsync(Guid id, IWorkflowStore store, SecretFilter secrets, ClaimsPrincipal user, CancellationToken ct) =>
        ApiResults.Ok(WorkflowDetailDto.From(await secrets.ForReaderAsync(await store.GetLatestOrThrowAsync(id, ct), user)));

    /// <summary>Saves the body as a new version. <c>?expectedVersion=n</c> refuses to overwrite a newer save (409).</summary>
    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, IWorkflowStore store, IWorkflowValidator validator, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var expectedVersion = query.Int("expectedVersion", fallback: 0, min: 1, max: int.MaxValue);
        var comment = query.String("comment", TextLimits.VersionComment);
        query.ThrowIfInvalid();

        var definition = await request.ReadWorkflowAsync(ct);
        if (definition.Id != Guid.Empty && definition.Id != id)
            throw new ApiValidationException("id", $"The body's id '{definition.Id}' does not match the URL's id '{id}'.");
        definition.Id = id;

        if (await store.GetLatestVersionNumberAsync(id, ct) is null)
            throw new NotFoundException("Workflow", id);

        var problems = validator.ValidateOrThrow(definition);
        var saved = await store.SaveAsync(definition, comment, ToExpected(expectedVersion), ct);
        return ApiResults.Ok(WorkflowDetailDto.From(saved, problems));
    }

    /// <summary>Deletes the workflow; <c>?expectedVersion=n</c> refuses to delete a newer save (409).</summary>
    private static async Task<IResult> DeleteAsync(Guid id, HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var expectedVersion = query.Int("expectedVersion", fallback: 0, min: 1, max: int.MaxValue);
        query.ThrowIfInvalid();
        if (!await store.DeleteAsync(id, ToExpected(expectedVersion), ct))
            throw new NotFoundException("Workflow", id);
        return ApiResults.Ok(new DeletedDto(id, true));
    }

    private static ExpectedVersion ToExpected(int expectedVersion) => expectedVersion > 0 ? ExpectedVersion.At(expectedVersion) : ExpectedVersion.Any;

    private static async Task<IResult> ValidateUnsavedAsync(HttpRequest request, IWorkflowValidator validator, CancellationToken ct)
    {
        var definition = await request.ReadWorkflowAsync(ct);
        return ApiResults.Ok(ValidationResultDto.From(validator.Validate(definition)));
    }

    private static async Task<IResult> ValidateSavedAsync(Guid id, IWorkflowStore store, IWorkflowValidator validator, CancellationToken ct)
    {
        var latest = await store.GetLatestOrThrowAsync(id, ct);
        return ApiResults.Ok(ValidationResultDto.From(validator.Validate(latest.Definition)));
    }

    private static async Task<IResult> ListVersionsAsync(Guid id, IWorkflowStore store, CancellationToken ct)
    {
        await store.GetLatestOrThrowAsync(id, ct);
        var versions = await store.ListVersionsAsync(id, ct);
        return ApiResults.Ok(versions.Select(WorkflowVersionDto.From).ToList());
    }

    private static async Task<IResult> GetVersionAsync(Guid id, int version, IWorkflowStore store, SecretFilter secrets, ClaimsPrincipal user,
        CancellationToken ct) =>
        ApiResults.Ok(WorkflowDetailDto.From(await secrets.ForReaderAsync(await store.GetVersionOrThrowAsync(id, version, ct), user)));

    /// <summary>Saves an old version's definition as the newest version; history is never rewritten.</summary>
    private static async Task<IResult> RestoreVersionAsync(Guid id, int version, IWorkflowStore store, IWorkflowValidator validator, CancellationToken ct)
    {
        var old = await store.GetVersionOrThrowAsync(id, version, ct);
        var problems = validator.ValidateOrThrow(old.Definition);
        var saved = await store.SaveAsync(old.Definition, $"Restored from version {version}", ct);
        return ApiResults.Ok(WorkflowDetailDto.From(saved, problems));
    }
}

internal static class WorkflowStoreExtensions
{
    public static async Task<WorkflowVersion> GetLatestOrThrowAsync(this IWorkflowStore store, Guid id, CancellationToken ct) =>
        await store.GetLatestAsync(id, ct) ?? throw new NotFoundException("Workflow", id);

    public static async Task<WorkflowVersion> GetVersionOrThrowAsync(this IWorkflowStore store, Guid id, int version, CancellationToken ct)
    {
        await store.GetLatestOrThrowAsync(id, ct);
        return await store.GetVersionAsync(id, version, ct) ?? throw new NotFoundException("Workflow version", $"{id} v{version}");
    }

    /// <summary>Validates before any write, so an invalid workflow is never half-saved; returns the warnings.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateOrThrow(this IWorkflowValidator validator, WorkflowDefinition definition)
    {
        var problems = validator.Validate(definition);
        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
            throw new WorkflowInvalidException(problems);
        return problems;
    }
}
