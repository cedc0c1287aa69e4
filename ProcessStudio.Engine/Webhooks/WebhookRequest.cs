using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>The shape of a webhook run's input: <c>{ body, headers, query, method, path }</c>.</summary>
public static class WebhookRequest
{
    public static JsonObject Create(JsonNode? body, JsonObject headers, JsonObject query, string method, string path) => new()
    {
        ["body"] = body,
        ["headers"] = headers,
        ["query"] = query,
        ["method"] = method,
        ["path"] = path,
    };

    public static JsonObject Empty(string method, string path) => Create(null, [], [], method, path);
}
