using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Subscriptions;

namespace ProcessStudio.Web.Api.Subscriptions;

/// <summary>
/// /api/v1/event-subscriptions (Admin): other systems are told of run events by signed POSTs delivered from the outbox.
/// Every attempt and its answer can be read back; a test event checks the receiver end to end.
/// </summary>
public static class EventSubscriptionEndpoints
{
    public static void MapEventSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/event-subscriptions").WithTags("Event subscriptions").RequireAuthorization(AccessPolicies.Administer);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapGet("/{id:guid}/attempts", AttemptsAsync);
        group.MapPost("/{id:guid}/test", TestAsync);
    }

    private static async Task<IResult> ListAsync(EventSubscriptionService subscriptions, CancellationToken ct) =>
        ApiResults.Ok((await subscriptions.ListAsync(ct)).Select(EventSubscriptionDto.From).ToList());

    private static async Task<IResult> CreateAsync(HttpRequest request, EventSubscriptionService subscriptions, AuditTrail audit, CancellationToken ct)
    {
        var created = await subscriptions.CreateAsync(await request.ReadJsonAsync<EventSubscriptionInput>(ct), ct);
        await audit.RecordAsync(request.HttpContext.User, AuditAction.SubscriptionCreated, AuditTarget.Subscription(created.Id, created.Url),
            $"events {string.Join(", ", created.Events)}", ct);
        return ApiResults.Created($"{ApiSetup.BasePath}/event-subscriptions/{created.Id}", EventSubscriptionDto.From(created));
    }

    private static async Task<IResult> GetAsync(Guid id, EventSubscriptionService subscriptions, CancellationToken ct) =>
        ApiResults.Ok(EventSubscriptionDto.From(await subscriptions.GetAsync(id, ct) ?? throw new NotFoundException("Event subscription", id)));

    private static async Task<IResult> DeleteAsync(Guid id, HttpRequest request, EventSubscriptionService subscriptions, AuditTrail audit, CancellationToken ct)
    {
        var subscription = await subscriptions.GetAsync(id, ct) ?? throw new NotFoundException("Event subscription", id);
        if (!await subscriptions.DeleteAsync(id, ct)) throw new NotFoundException("Event subscription", id);
        await audit.RecordAsync(request.HttpContext.User, AuditAction.SubscriptionDeleted, AuditTarget.Subscription(id, subscription.Url), null, ct);
        return ApiResults.Ok(new DeletedDto(id, true));
    }

    /// <summary>The latest attempts first: event, attempt number, the receiver's status and answer (first 1000 characters), or the error.</summary>
    private static async Task<IResult> AttemptsAsync(Guid id, HttpRequest request, EventSubscriptionService subscriptions, CancellationToken ct)
    {
        var query = new QueryReader(request.Query);
        var limit = query.Int("limit", 100, 1, 1000);
        query.ThrowIfInvalid();
        if (await subscriptions.GetAsync(id, ct) is null) throw new NotFoundException("Event subscription", id);
        return ApiResults.Ok((await subscriptions.AttemptsAsync(id, limit, ct)).Select(DeliveryAttemptDto.From).ToList());
    }

    private static async Task<IResult> TestAsync(Guid id, EventSubscriptionService subscriptions, CancellationToken ct)
    {
        var message = await subscriptions.SendTestAsync(id, ct) ?? throw new NotFoundException("Event subscription", id);
        return TypedResults.Accepted($"{ApiSetup.BasePath}/event-subscriptions/{id}/attempts", new ApiEnvelope<TestEventDto>(true, new TestEventDto(message.Id, id)));
    }
}
