using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Subscriptions;

/// <summary>
/// Turns a run event into one outbox row per subscriber that wants it, each retried on its own. A parked run is
/// announced as <c>approval.requested</c> for each approval it waits for. Delivery rows have ids derived from the event
/// and the subscriber, so a repeated fan-out adds nothing.
/// </summary>
public sealed class SubscriptionFanOut(IEventSubscriptionStore subscriptions, IOutboxStore outbox, Approvals approvals, TimeProvider clock) : IOutboxHandler
{
    public bool Handles(OutboxMessage message) =>
        message.SubscriptionId is null && (RunEventTypes.Public.Contains(message.Type) || message.Type == RunEventTypes.Waiting);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var all = await subscriptions.ListAsync(cancellationToken);
        if (all.Count == 0) return;
        var events = message.Type == RunEventTypes.Waiting ? await ApprovalEventsAsync(message, cancellationToken) : [(message.Id, message.Type, message.Payload)];
        var workflowId = RunEventPayload.WorkflowId(JsonNode.Parse(message.Payload)!);
        var now = clock.GetUtcNow();
        var deliveries = (from e in events
                          from s in all
                          where s.Wants(e.Type, workflowId)
                          select OutboxMessage.New(DeterministicId.For("delivery", e.Id, s.Id), e.Type, message.ExecutionId, e.Payload, now, s.Id)).ToList();
        await outbox.AddAsync(deliveries, cancellationToken);
    }

    /// <summary>The approvals the parked run waits for, one event each, with an id fixed by the run, node and request time.</summary>
    private async Task<IReadOnlyList<(Guid Id, string Type, string Payload)>> ApprovalEventsAsync(OutboxMessage waiting, CancellationToken cancellationToken)
    {
        if (waiting.ExecutionId is not { } executionId) return [];
        IReadOnlyList<PendingApproval> pending;
        try
        {
            pending = await approvals.InRunAsync(executionId, cancellationToken);
        }
        catch (NotFoundException)
        {
            return [];   // deleted meanwhile
        }
        return [.. pending.Select(approval =>
        {
            var id = DeterministicId.For($"approval:{approval.NodeId}:{approval.RequestedAt:O}", executionId);
            var payload = JsonNode.Parse(waiting.Payload)!.AsObject();
            payload["id"] = id.ToString();
            payload["type"] = RunEventTypes.ApprovalRequested;
            payload["approval"] = new JsonObject
            {
                ["nodeId"] = approval.NodeId,
                ["nodeName"] = approval.NodeName,
                ["title"] = approval.Title,
                ["message"] = approval.Message,
                ["requestedAt"] = approval.RequestedAt,
                ["timeoutAt"] = approval.TimeoutAt,
            };
            return (id, RunEventTypes.ApprovalRequested, payload.ToJsonString());
        })];
    }
}
