using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution.Outbox;

namespace ProcessStudio.Web.Api.Outbox;

/// <summary>One outbox row as operators see it: what is owed, how often it was tried, and the last error.</summary>
public sealed record OutboxMessageDto(
    Guid Id,
    string Type,
    Guid? ExecutionId,
    Guid? SubscriptionId,
    OutboxState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? FinishedAt,
    string? LastError,
    JsonNode? Payload)
{
    public static OutboxMessageDto From(OutboxMessage m) => new(m.Id, m.Type, m.ExecutionId, m.SubscriptionId, m.State, m.Attempts, m.CreatedAt,
        m.NextAttemptAt, m.FinishedAt, m.LastError, JsonNode.Parse(m.Payload));
}

public sealed record OutboxPageDto(IReadOnlyList<OutboxMessageDto> Items, int Total, int Offset, int Limit);
