using System.Text.Json.Nodes;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>
/// The answer a Respond node gives a waiting webhook caller. The node publishes it as the data of its log line, so
/// the endpoint reads it from the engine event stream and the monitor shows what was answered.
/// </summary>
public sealed record WebhookResponse(int Status, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    private const string DataKey = "webhookResponse";

    public JsonObject ToLogData() => new()
    {
        [DataKey] = new JsonObject
        {
            ["status"] = Status,
            ["headers"] = new JsonObject(Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
            ["body"] = Body?.DeepClone(),
        },
    };

    /// <summary>The response a log line carries, or null for any other line.</summary>
    public static WebhookResponse? FromLog(ExecutionLogRecord log)
    {
        if (log.Data is not JsonObject data || data[DataKey] is not JsonObject response || NodeJson.Int(response["status"]) is not { } status)
            return null;
        var headers = (response["headers"] as JsonObject ?? [])
            .Where(h => h.Value is not null)
            .ToDictionary(h => h.Key, h => NodeJson.AsText(h.Value!), StringComparer.OrdinalIgnoreCase);
        return new WebhookResponse(status, headers, response["body"]?.DeepClone());
    }
}
