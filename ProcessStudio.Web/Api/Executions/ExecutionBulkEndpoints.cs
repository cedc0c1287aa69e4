using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Cancel or delete many runs at once. Each id gets its own result; one failure does not stop the others.</summary>
public static class ExecutionBulkEndpoints
{
    public const int MaxIds = 1000;

    public static void MapExecutionBulkEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/executions/bulk").WithTags("Executions").RequireAuthorization(AccessPolicies.Operate);
        group.MapPost("/cancel", CancelAsync).Audited(AuditAction.ExecutionCancelled, AuditTarget.ExecutionType);
        group.MapPost("/delete", DeleteAsync).Audited(AuditAction.ExecutionDeleted, AuditTarget.ExecutionType);
    }

    private static async Task<IResult> CancelAsync(HttpRequest request, IWorkflowEngine engine, CancellationToken ct)
    {
        var ids = await ReadIdsAsync(request, ct);
        var results = new List<BulkItemResultDto>(ids.Count);
        foreach (var id in ids)
            results.Add(await AttemptAsync(id, () => engine.CancelAsync(id, ct)));
        return ApiResults.Ok(Summarize(results));
    }

    /// <summary>Deletes finished runs; active ones are refused with 409 so nothing running loses its history.</summary>
    private static async Task<IResult> DeleteAsync(HttpRequest request, IExecutionStore store, CancellationToken ct)
    {
        var ids = await ReadIdsAsync(request, ct);
        var results = new List<BulkItemResultDto>(ids.Count);
        foreach (var id in ids)
        {
            results.Add(await AttemptAsync(id, async () =>
            {
                var execution = await store.GetOrThrowAsync(id, ct);
                if (execution.IsActive)
                    throw new ApiConflictException($"Execution {id} is {ApiJson.EnumName(execution.Status)}; cancel it first.");
                await store.DeleteAsync([id], ct);
            }));
        }
        return ApiResults.Ok(Summarize(results));
    }

    private static async Task<IReadOnlyList<Guid>> ReadIdsAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<BulkExecutionBody>(ct);
        if (body.Ids is not { Count: > 0 } ids)
            throw new ApiValidationException("ids", "ids must list at least one execution id.");
        if (ids.Count > MaxIds)
            throw new ApiValidationException("ids", $"At most {MaxIds} ids per request; got {ids.Count}.");
        return ids.Distinct().ToList();
    }

    private static async Task<BulkItemResultDto> AttemptAsync(Guid id, Func<Task> action)
    {
        try
        {
            await action();
            return new BulkItemResultDto(id, true, StatusCodes.Status200OK, null);
        }
        catch (NotFoundException ex)
        {
            return new BulkItemResultDto(id, false, StatusCodes.Status404NotFound, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidTransitionException or ConcurrencyConflictException or ApiConflictException)
        {
            return new BulkItemResultDto(id, false, StatusCodes.Status409Conflict, ex.Message);
        }
        catch (Engine.Execution.Remote.RunCommandUnansweredException ex)
        {
            return new BulkItemResultDto(id, false, StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
    }

    private static BulkResultDto Summarize(IReadOnlyList<BulkItemResultDto> results)
    {
        var succeeded = results.Count(r => r.Success);
        return new BulkResultDto(results.Count, succeeded, results.Count - succeeded, results);
    }
}
