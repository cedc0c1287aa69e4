using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Answers the webhook request that started the run (when its trigger waits for a response) and passes its input on.
/// Runs not started by a waiting webhook just log the response they would have given.
/// </summary>
public sealed class RespondNode : NodeType
{
    public const string TypeName = "respond";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Respond",
        Category = NodeCategory.Action,
        Description = "Answers the waiting webhook caller with a status, headers and body, then passes its input on.",
        Icon = "reply",
        Settings =
        [
            new("status", "Status code", SettingKind.Integer) { Default = 200, Min = 100, Max = 599 },
            new("headers", "Headers", SettingKind.KeyValue) { Description = "Content-Type defaults to application/json for JSON bodies and text/plain for text." },
            new("body", "Body", SettingKind.Json)
            {
                Placeholder = """{ "received": "{{ $json.body.id }}" }""",
                Description = "JSON (objects, arrays, numbers) or text (a JSON string); may hold {{ }} templates.",
            },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var statusValue = context.Evaluated("status", cancellationToken);
        var status = statusValue is null ? 200 : NodeJson.Int(statusValue) ?? -1;
        if (status is < 100 or > 599)
            throw new NodeFailedException($"The status code must be a number from 100 to 599 (got {statusValue?.ToJsonString()}).", "InvalidSettings");

        var headers = (context.Evaluated("headers", cancellationToken) as JsonObject ?? [])
            .ToDictionary(h => h.Key, h => h.Value is null ? "" : NodeJson.AsText(h.Value), StringComparer.OrdinalIgnoreCase);
        var response = new WebhookResponse(status, headers, context.Evaluated("body", cancellationToken));
        context.Log(LogLevel.Information, $"Responded with HTTP {status}.", response.ToLogData());
        return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone()));
    }
}
