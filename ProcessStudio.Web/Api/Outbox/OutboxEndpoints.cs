using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Outbox;

/// <summary>/api/v1/outbox: the reactions owed to committed changes, failed ones included, and an operator's retry (Admin).</summary>
public static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/outbox").WithTags("Outbox").RequireAuthorization(AccessPolicies.Administer);
        group.MapGet("/", QueryAsync);
        group.MapPost("/{id:guid}/retry", RetryAsync);
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, IOutboxStore outbox, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var filter = new OutboxQuery
        {
            State = query.Enum<OutboxState>("state"),
            ExecutionId = query.Guid("executionId"),
            SubscriptionId = query.Guid("subscriptionId"),
            Type = query.String("type", 100),
            Offset = query.Int("offset", 0, 0, int.MaxValue),
            Limit = query.Int("limit", 50, 1, 500),
        };
        query.ThrowIfInvalid();
        var page = await outbox.QueryAsync(filter, ct);
        return ApiResults.Ok(new OutboxPageDto([.. page.Items.Select(OutboxMessageDto.From)], page.Total, page.Offset, page.Limit));
    }

    /// <summary>A failed row becomes pending again and is delivered at once; its attempts so far stay on record.</summary>
    private static async Task<IResult> RetryAsync(Guid id, IOutboxStore outbox, OutboxDispatcher dispatcher, TimeProvider clock, CancellationToken ct)
    {
        if (!await outbox.RequeueAsync(id, clock.GetUtcNow(), ct))
        {
            if (await outbox.GetAsync(id, ct) is { } row)
                return ApiProblems.Conflict($"Outbox message {id} is {ApiJson.EnumName(row.State)}; only failed messages can be retried.");
            throw new NotFoundException("Outbox message", id);
        }
        dispatcher.Nudge();
        return ApiResults.Ok(OutboxMessageDto.From((await outbox.GetAsync(id, ct))!));
    }
}
