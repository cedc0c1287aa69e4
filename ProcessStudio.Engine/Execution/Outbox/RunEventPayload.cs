using System.Text.Json.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>The JSON of a run event, as stored in the outbox and as subscribers receive it (documented in docs/api.md).</summary>
public static class RunEventPayload
{
    public static JsonObject Of(string type, Guid eventId, ExecutionRecord run, DateTimeOffset at) => new()
    {
        ["id"] = eventId.ToString(),
        ["type"] = type,
        ["occurredAt"] = at,
        ["execution"] = new JsonObject
        {
            ["id"] = run.Id.ToString(),
            ["workflowId"] = run.WorkflowId.ToString(),
            ["workflowName"] = run.WorkflowName,
            ["workflowVersion"] = run.WorkflowVersion,
            ["status"] = run.Status.ApiName(),
            ["statusReason"] = run.StatusReason,
            ["correlationId"] = run.CorrelationId,
            ["mode"] = run.Mode.ToString().ToLowerInvariant(),
            ["parentExecutionId"] = run.ParentExecutionId?.ToString(),
            ["startedAt"] = run.StartedAt,
            ["stoppedAt"] = run.StoppedAt,
            ["errorMessage"] = run.ErrorMessage,
            ["errorNodeId"] = run.ErrorNodeId,
            ["url"] = $"/executions/{run.Id}",
        },
    };

    public static Guid? WorkflowId(JsonNode payload) =>
        payload["execution"]?["workflowId"]?.GetValue<string>() is { } id && Guid.TryParse(id, out var guid) ? guid : null;
}
