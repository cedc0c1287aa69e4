using ProcessStudio.Engine.Subscriptions;

namespace ProcessStudio.Web.Api.Subscriptions;

/// <summary>A subscription as the API shows it: never its secret.</summary>
public sealed record EventSubscriptionDto(Guid Id, string Url, IReadOnlyList<string> Events, Guid? WorkflowId, DateTimeOffset CreatedAt)
{
    public static EventSubscriptionDto From(EventSubscription s) => new(s.Id, s.Url, s.Events, s.WorkflowId, s.CreatedAt);
}

public sealed record DeliveryAttemptDto(Guid MessageId, string EventType, int Attempt, DateTimeOffset At, int? StatusCode, string? Response, string? Error, long DurationMs)
{
    public static DeliveryAttemptDto From(DeliveryAttempt a) => new(a.MessageId, a.EventType, a.Attempt, a.At, a.StatusCode, a.Response, a.Error, a.DurationMs);
}

public sealed record TestEventDto(Guid MessageId, Guid SubscriptionId);
